from django.db.models import Exists, OuterRef

from people.models import Person
from portal.listing.filters import ListedChoiceFilter, PageFilterSet, PersonFilter
from shows.models import Show

from .models import Article

# The choices of the show and person filters: those at least one published article is about.
SHOWS_IN_THE_NEWS = Show.objects.filter(Exists(Article.objects.published().filter(shows=OuterRef("pk"))))
PEOPLE_IN_THE_NEWS = Person.objects.filter(Exists(Article.objects.published().filter(people=OuterRef("pk"))))


class ArticleFilter(PageFilterSet):
    show = ListedChoiceFilter(
        field_name="shows",
        to_field_name="slug",
        queryset=SHOWS_IN_THE_NEWS,
        label_field="title",
        label="Show",
        empty_label="Any show",
    )
    # A text box taking a name, not a list: a large catalogue has tens of thousands of people to choose from.
    person = PersonFilter(field_name="people", queryset=PEOPLE_IN_THE_NEWS)
