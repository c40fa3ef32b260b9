import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from people.models import Person
from portal.listing.filters import ListedChoiceFilter, PageFilterSet, PersonFilter
from shows.models import Show

from .models import Ceremony, Nomination

# The choices of the show and person filters: shows a nomination honours, people a nomination names.
NOMINATED_SHOWS = Show.objects.filter(Exists(Nomination.objects.filter(show=OuterRef("pk"))))
NOMINATED_PEOPLE = Person.objects.filter(
    Exists(Nomination.nominee_people.through.objects.filter(person=OuterRef("pk")))
)


class CeremonyNominationFilter(PageFilterSet):
    """A ceremony page: by year (the years its nominations were presented) and result."""

    year = django_filters.ChoiceFilter(label="Year", empty_label="Any year")
    result = django_filters.ChoiceFilter(
        label="Result", choices=Nomination.Result.choices, empty_label="Any result"
    )

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year) for year in self.queryset.years()]


class NominationFilterForm(forms.Form):
    field_order = ["ceremony", "year", "category", "result", "nominee_kind", "show", "person"]


class NominationFilter(CeremonyNominationFilter):
    """The nominations page: every nomination, by ceremony, year, category, result and nominee, or scoped
    to the show it honours or a person it names."""

    ceremony = ListedChoiceFilter(
        to_field_name="slug",
        queryset=Ceremony.objects.all(),
        label_field="name",
        label="Ceremony",
        empty_label="Any ceremony",
    )
    category = django_filters.CharFilter(
        field_name="category__name", lookup_expr="icontains", max_length=100, label="Category contains"
    )
    nominee_kind = django_filters.ChoiceFilter(
        label="Nominee",
        choices=[("person", "A person"), ("show", "A show"), ("song", "A song")],
        empty_label="Anyone",
        method="filter_nominee_kind",
    )
    show = ListedChoiceFilter(
        to_field_name="slug",
        queryset=NOMINATED_SHOWS,
        label_field="title",
        label="For show",
        empty_label="Any show",
    )
    # A text box taking a name, not a list: a large catalogue has tens of thousands of people to choose from.
    person = PersonFilter(field_name="nominee_people", queryset=NOMINATED_PEOPLE)

    class Meta:
        form = NominationFilterForm

    def filter_nominee_kind(self, queryset, name, kind):
        return queryset.of_nominee_kind(kind)
