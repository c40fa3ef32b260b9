from django import forms

from .models import Nomination


class NominationForm(forms.ModelForm):
    """Checks the row's place within its ceremony's year itself.

    The ceremony follows the category and is not on the form, and Django skips constraints on such fields.
    """

    class Meta:
        model = Nomination
        fields = [
            "category",
            "year",
            "position",
            "result",
            "show",
            "nominee_text",
            "nominee_show",
            "nominee_people",
            "nominee_songs",
            "note",
        ]

    def clean(self):
        cleaned = super().clean()
        category, year, position = cleaned.get("category"), cleaned.get("year"), cleaned.get("position")
        if category and year and position is not None:
            clash = Nomination.objects.filter(ceremony=category.ceremony_id, year=year, position=position)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "position", f"Another {category.ceremony} {year} row already has position {position}."
                )
        return cleaned
