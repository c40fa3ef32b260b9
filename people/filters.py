import django_filters

from portal.listing.filters import ListedChoiceFilter, PageFilterSet
from shows.models import Show

from .models import CrewCredit

ROLE = CrewCredit.Role


class PersonFilter(PageFilterSet):
    role = django_filters.ChoiceFilter(
        label="Role",
        choices=[
            ("actor", "Actor"),
            (ROLE.WRITER, ROLE.WRITER.label),
            (ROLE.DIRECTOR, ROLE.DIRECTOR.label),
            (ROLE.MUSIC_DIRECTOR, ROLE.MUSIC_DIRECTOR.label),
            (ROLE.PRODUCER, "Producer or executive producer"),
            (ROLE.CINEMATOGRAPHER, ROLE.CINEMATOGRAPHER.label),
            (ROLE.EDITOR, ROLE.EDITOR.label),
            (ROLE.OTHER, "Other crew"),
        ],
        empty_label="Any role",
        method="filter_role",
    )
    show = ListedChoiceFilter(
        to_field_name="slug",
        queryset=Show.objects.all(),
        label_field="title",
        label="Show",
        empty_label="Any show",
        method="filter_show",
    )

    def filter_queryset(self, queryset):
        # Both set means the role on that show, not the role anywhere and any credit on the show.
        role, show = self.form.cleaned_data.get("role"), self.form.cleaned_data.get("show")
        if role and show:
            return queryset.with_role(role, show=show)
        return super().filter_queryset(queryset)

    def filter_role(self, queryset, name, role):
        return queryset.with_role(role)

    def filter_show(self, queryset, name, show):
        return queryset.in_show(show)
