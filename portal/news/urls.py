from django.urls import path

from portal.caching.pages import article_scope, cache_public_page

from . import views

app_name = "news"

urlpatterns = [
    path("", cache_public_page()(views.ArticleListView.as_view()), name="list"),
    path("<slug:slug>/", cache_public_page(article_scope)(views.ArticleDetailView.as_view()), name="detail"),
]
