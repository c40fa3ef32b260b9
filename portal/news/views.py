from django.views.generic import DetailView, ListView

from portal.listing.views import FilteredListMixin, LenientPaginationMixin
from portal.seo.structured_data import StructuredData

from .filters import ArticleFilter
from .models import Article


class ArticleListView(FilteredListMixin, LenientPaginationMixin, ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 20
    filterset_class = ArticleFilter

    def get_filter_queryset(self):
        return Article.objects.for_list_page()


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=StructuredData(self.request).news_article(self.object),
            **kwargs,
        )
