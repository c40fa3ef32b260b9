from django.urls import path

from portal.page_cache import cache_public_page

from .views import SearchView

app_name = "search"

urlpatterns = [path("", cache_public_page()(SearchView.as_view()), name="results")]
