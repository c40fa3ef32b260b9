"""/api/v1/: every endpoint wrapped by `endpoint()`; any other address under it is a JSON 404."""

from django.urls import path, re_path

from portal.caching.pages import cache_public_page
from shows import converters  # noqa: F401 (registers <episode_kind:…>)

from . import views
from .cors import cors_open
from .throttling import throttled

app_name = "api"


def endpoint(view, *lists, cached=True):
    """From the outside: CORS, the throttle (so a cached answer counts too), the page cache (`lists` as in
    cache_public_page: the models whose lists the response shows)."""
    if cached:
        view = cache_public_page(*lists)(view)
    return cors_open(throttled(view))


SHOW = "shows/<slug:slug>/"

urlpatterns = [
    path("", endpoint(views.RootView.as_view(), cached=False), name="root"),
    path("schema/", endpoint(views.SchemaView.as_view(), cached=False), name="schema"),
    path("docs/", endpoint(views.DocsView.as_view(), cached=False), name="docs"),
    path("shows/", endpoint(views.ShowList.as_view(), "show"), name="show-list"),
    path(SHOW, endpoint(views.ShowDetail.as_view()), name="show-detail"),
    path(f"{SHOW}episodes/", endpoint(views.ShowEpisodes.as_view()), name="show-episodes"),
    path(
        f"{SHOW}<episode_kind:kind>/<int:number>/",
        endpoint(views.EpisodeDetail.as_view()),
        name="episode-detail",
    ),
    path(f"{SHOW}characters/", endpoint(views.ShowCharacters.as_view()), name="show-characters"),
    path(
        f"{SHOW}characters/<slug:character>/",
        endpoint(views.CharacterDetail.as_view()),
        name="character-detail",
    ),
    path(f"{SHOW}songs/", endpoint(views.ShowSongs.as_view()), name="show-songs"),
    path(f"{SHOW}songs/<slug:song>/", endpoint(views.SongDetail.as_view()), name="song-detail"),
    path("episodes/", endpoint(views.EpisodeList.as_view(), "episode"), name="episode-list"),
    path("people/", endpoint(views.PersonList.as_view(), "person"), name="person-list"),
    path("people/<slug:slug>/", endpoint(views.PersonDetail.as_view()), name="person-detail"),
    path("ceremonies/", endpoint(views.CeremonyList.as_view(), "ceremony"), name="ceremony-list"),
    path("ceremonies/<slug:slug>/", endpoint(views.CeremonyDetail.as_view()), name="ceremony-detail"),
    path("nominations/", endpoint(views.NominationList.as_view(), "nomination"), name="nomination-list"),
    path(
        "nominations/<int:pk>/",
        endpoint(views.NominationDetail.as_view(), "nomination"),
        name="nomination-detail",
    ),
    path("news/", endpoint(views.ArticleList.as_view(), "article"), name="article-list"),
    path("news/<slug:slug>/", endpoint(views.ArticleDetail.as_view()), name="article-detail"),
    path("search/", endpoint(views.SearchResults.as_view(), "search"), name="search"),
    re_path(r"^.*$", endpoint(views.not_found, cached=False)),
]
