"""The site-wide episode list (/episodes/), filterable by show and air date."""

from django.urls import path  # noqa: F401

app_name = "episodes"

urlpatterns = []
