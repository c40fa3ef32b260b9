from django.urls import path

from portal.caching.pages import cache_public_page

from . import views

app_name = "people"

urlpatterns = [
    path("", cache_public_page("person")(views.PersonListView.as_view()), name="list"),
    path("<slug:slug>/", cache_public_page()(views.PersonDetailView.as_view()), name="detail"),
]
