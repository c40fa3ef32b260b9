"""Forms of the shows app's admin tools."""

from django import forms

from .services import MAX_EPISODE_NUMBER

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class EpisodeScheduleForm(forms.Form):
    """The broadcast schedule the admin's "Add episodes from the schedule" action adds episodes from."""

    first_date = forms.DateField(
        label="First air date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The first episode airs on the first of the weekdays below from this date on.",
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="Airs on",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick the weekdays the show airs on."},
    )
    count = forms.IntegerField(
        label="Number of episodes", min_value=1, max_value=500, help_text="How many regular episodes air."
    )
    first_number = forms.IntegerField(
        label="First episode number",
        min_value=1,
        initial=1,
        help_text="1 for a new show; a later number to continue after episodes already entered.",
    )

    def clean(self):
        cleaned = super().clean()
        count, first = cleaned.get("count"), cleaned.get("first_number")
        if count and first and first + count - 1 > MAX_EPISODE_NUMBER:
            self.add_error("count", f"Episode numbers stop at {MAX_EPISODE_NUMBER}.")
        return cleaned
