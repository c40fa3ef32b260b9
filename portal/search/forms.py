from django import forms

from .models import SearchEntry
from .normalize import MAX_QUERY_LENGTH, is_ideographic, words


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"That is too long to search: keep it under {MAX_QUERY_LENGTH} characters."
        },
    )
    kind = forms.ChoiceField(
        label="Show", required=False, choices=[("", "Everything"), *SearchEntry.Kind.choices]
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if not query:
            return ""
        terms = words(query)
        if not terms:
            raise forms.ValidationError(
                "Type a name, a title or a word: punctuation and symbols alone find nothing."
            )
        # Single letters ("a", "a a a") match almost everything; one real word is needed.
        if not any(len(term) >= 2 or is_ideographic(term) for term in terms):
            raise forms.ValidationError("Type at least two letters or digits.")
        return query
