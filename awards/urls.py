from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.CeremonyListView.as_view(), name="list"),
    path("<slug:slug>/", views.CeremonyDetailView.as_view(), name="ceremony"),
]
