"""The site-wide episode list (/episodes/), filterable by show and air date."""

from django.urls import path

from portal.caching.pages import cache_public_page

from . import views

app_name = "episodes"

urlpatterns = [
    path("", cache_public_page("episode")(views.AllEpisodesView.as_view()), name="list"),
]
