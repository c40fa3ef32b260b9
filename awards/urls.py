from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.CeremonyListView.as_view(), name="list"),
    # Before the ceremony pattern, which would otherwise take "nominations" for a ceremony's slug.
    path("nominations/", views.NominationListView.as_view(), name="nominations"),
    path("<slug:slug>/", views.CeremonyDetailView.as_view(), name="ceremony"),
]
