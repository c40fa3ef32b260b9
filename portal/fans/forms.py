from django import forms

from .models import FanProfile, WatchlistEntry


class ScoreForm(forms.Form):
    """A rating from 1 to 10, or blank to take it back."""

    score = forms.TypedChoiceField(
        choices=[("", "Not rated")] + [(str(n), f"{n} / 10") for n in range(1, 11)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "A rating is a whole number from 1 to 10."},
    )


class ListStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=WatchlistEntry.Status.choices,
        required=False,
        error_messages={"invalid_choice": "Choose one of the five list statuses."},
    )
    remove = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        # A refused status already says what is wrong.
        if not data.get("remove") and not data.get("status") and "status" not in self.errors:
            raise forms.ValidationError("Choose a status for the show on your list.")
        return data


class WatchedForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("watch", "watch"), ("up_to", "up to here"), ("unwatch", "not watched")],
        error_messages={
            "invalid_choice": "Mark the episode watched or not watched.",
            "required": "Say what to mark.",
        },
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = FanProfile
        fields = ["bio", "lists_are_private", "spoiler_shield", "email_notifications"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
