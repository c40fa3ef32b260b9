from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from portal.listing.views import FilteredListMixin, LenientPaginationMixin

from .filters import CeremonyNominationFilter, NominationFilter
from .models import Ceremony, Nomination, result_count_expressions


class CeremonyListView(ListView):
    template_name = "awards/ceremony_list.html"
    context_object_name = "ceremonies"

    def get_queryset(self):
        return Ceremony.objects.with_result_counts()

    def get_context_data(self, **kwargs):
        # One query: the ceremonies' own counts make the bars, and together the totals above them.
        keys = result_count_expressions()
        rows = [{"label": c.name, **{key: getattr(c, key) for key in keys}} for c in self.object_list]
        counts = {key: sum(row[key] for row in rows) for key in keys}
        return super().get_context_data(counts=counts, result_rows=rows, **kwargs)


class CeremonyDetailView(FilteredListMixin, LenientPaginationMixin, ListView):
    """A ceremony's nominations, newest year first, 50 to a page, each page's grouped by year and category;
    the counts and the chart cover every (filtered) nomination of the ceremony."""

    template_name = "awards/ceremony_detail.html"
    context_object_name = "nominations"
    paginate_by = 50
    filterset_class = CeremonyNominationFilter

    def dispatch(self, request, *args, **kwargs):
        self.ceremony = get_object_or_404(Ceremony, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_filter_queryset(self):
        return Nomination.objects.for_ceremony_page(self.ceremony)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.counts.overall["total"]  # counted already, with the results
        return paginator

    def get_context_data(self, **kwargs):
        self.counts = self.object_list.result_counts_by("year")
        context = super().get_context_data(ceremony=self.ceremony, **kwargs)
        return {
            **context,
            "years": group_by_year_and_category(context["nominations"]),
            "result_rows": [{"label": str(group["year"]), **group} for group in self.counts.groups],
            "counts": self.counts.overall,
        }


class NominationListView(FilteredListMixin, LenientPaginationMixin, ListView):
    """Every nomination, filterable, with the result counts of the current filter."""

    template_name = "awards/nomination_list.html"
    context_object_name = "nominations"
    paginate_by = 50
    filterset_class = NominationFilter

    def get_filter_queryset(self):
        return Nomination.objects.for_nominations_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=self.object_list.result_counts(), **kwargs)


def group_by_year_and_category(nominations):
    """[{year, categories: [{category, nominations}]}], newest year first, categories in the order they first
    appear that year, so every nominee of a category is shown under one heading."""
    years = {}
    for nomination in nominations:
        categories = years.setdefault(nomination.year, {})
        categories.setdefault(nomination.category_id, {"category": nomination.category, "nominations": []})
        categories[nomination.category_id]["nominations"].append(nomination)
    return [{"year": year, "categories": list(categories.values())} for year, categories in years.items()]
