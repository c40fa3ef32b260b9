from django.views.generic import DetailView, ListView

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


class CeremonyDetailView(DetailView):
    template_name = "awards/ceremony_detail.html"
    context_object_name = "ceremony"
    queryset = Ceremony.objects.all()

    def get_context_data(self, **kwargs):
        filterset = CeremonyNominationFilter(
            self.request.GET or None, queryset=Nomination.objects.for_ceremony_page(self.object)
        )
        nominations = filterset.results()
        counts = nominations.result_counts_by("year")
        return super().get_context_data(
            filter=filterset,
            years=group_by_year_and_category(nominations),
            result_rows=[{"label": str(group["year"]), **group} for group in counts.groups],
            counts=counts.overall,
            **kwargs,
        )


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
