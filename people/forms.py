from django import forms

from .models import Character


class CharacterForm(forms.ModelForm):
    """A character as staff edit it, alone or in its show's rows: a rename moves the slug along."""

    class Meta:
        model = Character
        # The admin narrows these to what its form or row shows.
        fields = [
            "show",
            "name",
            "slug",
            "native_name",
            "alternative_names",
            "description",
            "group",
            "order",
            "photo",
        ]

    def save(self, commit=True):
        self.instance.follow_name()
        return super().save(commit)
