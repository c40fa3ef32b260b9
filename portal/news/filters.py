import django_filters
from django import forms

from people.models import Person
from portal.filters import PageFilterSet
from shows.models import Show

PERSON_WIDGET = forms.TextInput(attrs={"placeholder": "e.g. kim-soo-hyun", "size": 18})


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
        # A text box, not a list: a large catalogue has tens of thousands of people to choose from.
        widget=PERSON_WIDGET,
    )
