"""What list views share: lenient pagination and a filter set read from the querystring."""

from django.http import HttpResponseRedirect

from .querystring import positive_int


class LenientPaginationMixin:
    """For ListViews: '?page=abc' or a page past the end shows the first or last page instead of a 404,
    so a mangled shared link still lands somewhere useful."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(positive_int(self.request.GET.get(self.page_kwarg), 1))
        return paginator, page, page.object_list, page.has_other_pages()


class FilteredPageMixin:
    """For views of a page a PageFilterSet filters (`filterset_class` over `get_filter_queryset()`, given
    `get_filterset_kwargs()` besides): the filter is read from the querystring as `self.filterset`, and the
    template gets it as `filter`. A value the filter accepted in another spelling (a person's name where
    addresses hold a slug) redirects to the address with the canonical one, so links, pagination and shared
    addresses carry one form of it."""

    filterset_class = None

    def get_filter_queryset(self):
        raise NotImplementedError(f"{type(self).__name__} must say what its filter filters")

    def get_filterset_kwargs(self):
        return {}

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(
            request.GET or None, queryset=self.get_filter_queryset(), **self.get_filterset_kwargs()
        )
        query = self.filterset.canonical_query()
        if query is not None:
            return HttpResponseRedirect(f"{request.path}?{query}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class FilteredListMixin(FilteredPageMixin):
    """For ListViews: the list is the filter's results."""

    def get_queryset(self):
        return self.filterset.results()
