import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from awards.models import Ceremony, Nomination
from people.models import Person
from portal.news.models import Article
from portal.querystring import positive_int
from shows.models import Show


class ShowScopedMixin:
    """For pages under /shows/<slug>/…: loads the show once (with the named queryset) as self.show."""

    show_queryset_method = "all"

    def dispatch(self, request, *args, **kwargs):
        queryset = getattr(Show.objects, self.show_queryset_method)()
        self.show = get_object_or_404(queryset, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(show=self.show, **kwargs)


class LenientPaginationMixin:
    """For ListViews: '?page=abc' or a page past the end shows the first or last page instead of a 404,
    so a mangled shared link still lands somewhere useful."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(positive_int(self.request.GET.get(self.page_kwarg), 1))
        return paginator, page, page.object_list, page.has_other_pages()


class FilteredListMixin:
    """For ListViews of a PageFilterSet (`filterset_class` over `get_filter_queryset()`): the list is the
    filter's results and the template gets the filter as `filter`. A value the filter accepted in another
    spelling (a person's name where addresses hold a slug) redirects to the address with the canonical one,
    so links, pagination and shared addresses carry one form of it."""

    filterset_class = None

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(request.GET or None, queryset=self.get_filter_queryset())
        query = self.filterset.canonical_query()
        if query is not None:
            return HttpResponseRedirect(f"{request.path}?{query}")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filterset.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        featured = Show.objects.for_home_page().first()
        context = super().get_context_data(**kwargs)
        context.update(
            featured=featured,
            latest_news=Article.objects.for_list_page()[:4],
            counts={
                "shows": Show.objects.count(),
                "people": Person.objects.count(),
                "ceremonies": Ceremony.objects.count(),
                "nominations": Nomination.objects.count(),
            },
        )
        if featured:
            context["featured_awards"] = Nomination.objects.filter(show=featured).result_counts()
            context["featured_top_episode"] = (
                featured.episodes.exclude(nationwide_share=None).order_by("-nationwide_share").first()
            )
        return context


def service_states():
    """Whether the database and the cache answer now: (database_up, cache_up)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database_up = True
    except DatabaseError as error:
        logging.getLogger("portal.health").error("Health check: the database does not answer (%s)", error)
        database_up = False
    cache = caches["default"]
    # Local memory and the dummy cache have nothing to lose; the Redis backend says whether Redis answers.
    cache_up = cache.available() if hasattr(cache, "available") else True
    return database_up, cache_up


def health_body(database_up, cache_up):
    return {
        "status": ("ok" if cache_up else "degraded") if database_up else "unavailable",
        "database": "up" if database_up else "down",
        "cache": "up" if cache_up else "down",
    }


def healthz(request):
    """Liveness, for load balancers and uptime checks: 200 while the database answers, 503 when it does
    not. Without the cache the portal still serves every page (uncached), so a dead cache only turns the
    status to "degraded"."""
    database_up, cache_up = service_states()
    return JsonResponse(health_body(database_up, cache_up), status=200 if database_up else 503)


def readyz(request):
    """Readiness: 503 unless the database and the cache both answer, for a balancer that would rather
    send traffic to a host in full health."""
    database_up, cache_up = service_states()
    return JsonResponse(health_body(database_up, cache_up), status=200 if database_up and cache_up else 503)


def minimal_view(request):
    """The benchmark's yardstick: a constant string through the same middleware and server."""
    return HttpResponse("ok", content_type="text/plain")
