"""What a person's page shows besides the person's own credits (Person.objects.for_detail_page())."""

from awards.models import Nomination
from portal.news.models import Article


def person_page(person):
    """Their nominations, the songs they perform and the latest articles about them."""
    return {
        "nominations": list(Nomination.objects.for_person_page(person)),
        "songs": list(person.songs.select_related("show").order_by("kind", "part")),
        "articles": list(Article.objects.for_list_page().filter(people=person)[:10]),
    }
