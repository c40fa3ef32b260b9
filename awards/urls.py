from django.urls import path

from portal.caching.pages import cache_public_page

from . import views

app_name = "awards"

urlpatterns = [
    path("", cache_public_page("ceremony")(views.CeremonyListView.as_view()), name="list"),
    # Before the ceremony pattern, which would otherwise take "nominations" for a ceremony's slug.
    path(
        "nominations/",
        cache_public_page("nomination")(views.NominationListView.as_view()),
        name="nominations",
    ),
    path("<slug:slug>/", cache_public_page()(views.CeremonyDetailView.as_view()), name="ceremony"),
]
