import django_filters

from people.models import Person
from portal.filters import PageFilterSet
from shows.models import Show


class ArticleFilter(PageFilterSet):
    show = django_filters.ModelChoiceFilter(
        field_name="shows",
        to_field_name="slug",
        queryset=Show.objects.in_the_news(),
        label="Show",
        empty_label="Any show",
    )
    person = django_filters.ModelChoiceFilter(
        field_name="people",
        to_field_name="slug",
        queryset=Person.objects.in_the_news(),
        label="Person",
        empty_label="Anyone",
    )
