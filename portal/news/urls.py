from django.urls import path

from portal.caching.pages import cache_public_page

from . import views

app_name = "news"

urlpatterns = [
    path("", cache_public_page("article")(views.ArticleListView.as_view()), name="list"),
    path("<slug:slug>/", cache_public_page()(views.ArticleDetailView.as_view()), name="detail"),
]
