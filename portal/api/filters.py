from django_filters.rest_framework import DjangoFilterBackend


class PageFilterBackend(DjangoFilterBackend):
    """The pages' own filter sets (portal.listing.filters.PageFilterSet subclasses) over the querystring, with
    what a view adds (`get_filterset_kwargs()`: the show whose parts a song filter offers). Unlike a page,
    which shows the form's message over the unfiltered list, an invalid value is a 400 naming the field."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        return {**kwargs, **getattr(view, "get_filterset_kwargs", dict)()}
