import django_filters

from people.models import Person
from portal.listing.filters import PageFilterSet, PersonFilter
from shows.models import Show


class ArticleFilter(PageFilterSet):
    show = django_filters.ModelChoiceFilter(
        field_name="shows",
        to_field_name="slug",
        queryset=Show.objects.in_the_news(),
        label="Show",
        empty_label="Any show",
    )
    # A text box taking a name, not a list: a large catalogue has tens of thousands of people to choose from.
    person = PersonFilter(field_name="people", queryset=Person.objects.in_the_news())
