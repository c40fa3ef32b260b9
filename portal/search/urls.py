from django.urls import path

from portal.caching.pages import cache_public_page

from .views import SearchView

app_name = "search"

urlpatterns = [path("", cache_public_page("search")(SearchView.as_view()), name="results")]
