"""The site-wide episode list (/episodes/), filterable by show and air date."""

from django.urls import path

from . import views

app_name = "episodes"

urlpatterns = [
    path("", views.AllEpisodesView.as_view(), name="list"),
]
