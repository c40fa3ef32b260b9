"""sitemap.xml (Django's sitemaps framework): the list pages and every show, episode, person, ceremony and
published article."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from awards.models import Ceremony
from people.models import Person
from portal.news.models import Article
from shows.models import Episode, Show


class ListPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "shows:list",
            "episodes:list",
            "people:list",
            "awards:list",
            "awards:nominations",
            "news:list",
        ]

    def location(self, name):
        return reverse(name)


class ShowSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Show.objects.order_by("pk")


class ShowSectionSitemap(Sitemap):
    """A show's cast, episodes, soundtrack and awards pages."""

    changefreq = "weekly"
    sections = ["shows:cast", "shows:episodes", "shows:soundtrack", "shows:awards"]

    def items(self):
        return [
            (slug, section)
            for slug in Show.objects.order_by("pk").values_list("slug", flat=True)
            for section in self.sections
        ]

    def location(self, item):
        slug, section = item
        return reverse(section, args=[slug])


class EpisodeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Episode.objects.select_related("show").order_by("show_id", "kind", "number")


class PersonSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Person.objects.order_by("pk")


class CeremonySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Ceremony.objects.order_by("pk")


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().newest_first()

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "pages": ListPagesSitemap,
    "shows": ShowSitemap,
    "show-sections": ShowSectionSitemap,
    "episodes": EpisodeSitemap,
    "people": PersonSitemap,
    "ceremonies": CeremonySitemap,
    "news": ArticleSitemap,
}
