from django.urls import path

from portal.caching.pages import cache_public_page, episode_scope, show_scope, special_scope

from . import views

app_name = "shows"

urlpatterns = [
    path("", cache_public_page()(views.ShowListView.as_view()), name="list"),
    path("<slug:slug>/", cache_public_page(show_scope)(views.ShowDetailView.as_view()), name="detail"),
    path("<slug:slug>/cast/", cache_public_page()(views.CastView.as_view()), name="cast"),
    path(
        "<slug:slug>/episodes/",
        cache_public_page(show_scope)(views.EpisodeListView.as_view()),
        name="episodes",
    ),
    path(
        "<slug:slug>/episodes/<int:number>/",
        cache_public_page(episode_scope)(views.EpisodeDetailView.as_view()),
        name="episode",
    ),
    path(
        "<slug:slug>/specials/<int:number>/",
        cache_public_page(special_scope)(views.SpecialDetailView.as_view()),
        name="special",
    ),
    path("<slug:slug>/soundtrack/", cache_public_page()(views.SoundtrackView.as_view()), name="soundtrack"),
    path("<slug:slug>/awards/", cache_public_page()(views.ShowAwardsView.as_view()), name="awards"),
]
