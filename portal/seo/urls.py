"""Site-wide machine-readable addresses: sitemap, robots.txt, feeds and the favicon."""

from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import path, reverse
from django.views.generic import RedirectView, TemplateView

from shows import converters  # noqa: F401 (registers <episode_kind:…>)

from . import feeds
from .sitemaps import SITEMAPS


class RobotsView(TemplateView):
    template_name = "seo/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sitemap_url=self.request.build_absolute_uri(reverse("sitemap")), **kwargs
        )


class FaviconView(RedirectView):
    """Browsers and crawlers that ask for /favicon.ico get the icon the pages link to."""

    def get_redirect_url(self, *args, **kwargs):
        return static("img/icon.svg")


urlpatterns = [
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS, "template_name": "seo/sitemap.xml"}, name="sitemap"),
    path("feeds/news.rss", feeds.NewsFeed(), name="news_feed_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_feed_atom"),
    path(
        "feeds/shows/<slug:slug>/<episode_kind:kind>/<int:number>/comments.rss",
        feeds.EpisodeDiscussionFeed(),
        name="episode_discussion_rss",
    ),
    path(
        "feeds/shows/<slug:slug>/<episode_kind:kind>/<int:number>/comments.atom",
        feeds.EpisodeDiscussionAtomFeed(),
        name="episode_discussion_atom",
    ),
]
