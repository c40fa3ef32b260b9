import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from people.models import Person
from portal.listing.filters import CheckboxFilter, ListedChoiceFilter, PageFilterSet

from .models import Company, Genre, Show, Song


class ShowFilter(PageFilterSet):
    genre = django_filters.ModelChoiceFilter(
        field_name="genres", to_field_name="slug", queryset=Genre.objects.all(), label="Genre"
    )
    company = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Company.objects.all(), label="Company", method="filter_company"
    )

    class Meta:
        model = Show
        fields = ["genre", "company"]

    def filter_company(self, queryset, name, company):
        """Shows the company broadcast, developed, produced or streams."""
        return queryset.filter(
            Q(network=company)
            | Q(developer=company)
            | Q(production_companies=company)
            | Q(availability__platform=company)
        ).distinct()


class SongFilter(PageFilterSet):
    """The soundtrack page of one show: its parts and its song artists are the choices."""

    part = django_filters.ChoiceFilter(label="OST part", empty_label="Any part", method="filter_part")
    artist = django_filters.ModelChoiceFilter(
        field_name="artists",
        to_field_name="slug",
        queryset=Person.objects.none(),
        label="Artist",
        empty_label="Any artist",
    )
    charted = CheckboxFilter(label="Charted only", method="filter_charted")
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("part", "OST part"), ("peak", "Best chart peak")],
        empty_label=None,
        method="sort_songs",
    )

    def __init__(self, data=None, queryset=None, *, show, **kwargs):
        super().__init__(data, queryset, **kwargs)
        parts = [(str(part), f"Part {part}") for part in Song.objects.filter(show=show).parts()]
        self.filters["part"].extra["choices"] = [*parts, (Song.Kind.SPECIAL, "Special single")]
        # The people credited as performing artists of the show's songs.
        self.filters["artist"].queryset = Person.objects.filter(
            Exists(Song.artists.through.objects.filter(person=OuterRef("pk"), song__show=show))
        )

    def filter_part(self, queryset, name, part):
        return queryset.in_part(part)

    def filter_charted(self, queryset, name, charted):
        return queryset.charted() if charted else queryset

    def sort_songs(self, queryset, name, sort):
        # Part order is the queryset's own order.
        return queryset.by_best_peak() if sort == "peak" else queryset


class EpisodeDateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("aired_after"), cleaned.get("aired_before")
        if after and before and after > before:
            self.add_error("aired_before", "Choose a date on or after the “aired on or after” date.")
        return cleaned


def aired_filter(lookup_expr, label):
    return django_filters.DateFilter(
        field_name="air_date",
        lookup_expr=lookup_expr,
        label=label,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class EpisodeDateRangeFilter(PageFilterSet):
    """A show's own episode table: by air date."""

    aired_after = aired_filter("gte", "Aired on or after")
    aired_before = aired_filter("lte", "Aired on or before")

    class Meta:
        form = EpisodeDateRangeForm


class EpisodeFilter(PageFilterSet):
    """The site-wide episode list: by show and air date."""

    show = ListedChoiceFilter(
        to_field_name="slug",
        queryset=Show.objects.with_episodes(),
        label_field="title",
        label="Show",
        empty_label="Any show",
    )
    aired_after = aired_filter("gte", "Aired on or after")
    aired_before = aired_filter("lte", "Aired on or before")

    class Meta:
        form = EpisodeDateRangeForm
