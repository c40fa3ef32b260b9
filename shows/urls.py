from django.urls import path

from portal.caching.pages import cache_public_page

from . import converters, views  # noqa: F401 (converters registers <episode_kind:…>)

app_name = "shows"

urlpatterns = [
    path("", cache_public_page("show")(views.ShowListView.as_view()), name="list"),
    path("<slug:slug>/", cache_public_page()(views.ShowDetailView.as_view()), name="detail"),
    path("<slug:slug>/cast/", cache_public_page()(views.CastView.as_view()), name="cast"),
    path(
        "<slug:slug>/episodes/",
        cache_public_page()(views.EpisodeListView.as_view()),
        name="episodes",
    ),
    path(
        "<slug:slug>/<episode_kind:kind>/<int:number>/",
        cache_public_page()(views.EpisodeDetailView.as_view()),
        name="episode",
    ),
    path("<slug:slug>/soundtrack/", cache_public_page()(views.SoundtrackView.as_view()), name="soundtrack"),
    path("<slug:slug>/awards/", cache_public_page()(views.ShowAwardsView.as_view()), name="awards"),
    path(
        "<slug:slug>/discussion/", cache_public_page()(views.ShowDiscussionView.as_view()), name="discussion"
    ),
]
