from django.views.generic import DetailView, ListView

from portal.listing.views import FilteredListMixin, LenientPaginationMixin

from .filters import CeremonyNominationFilter, NominationFilter
from .models import Ceremony, Nomination


class CeremonyListView(ListView):
    template_name = "awards/ceremony_list.html"
    context_object_name = "ceremonies"

    def get_queryset(self):
        return Ceremony.objects.for_list_page()

    def get_context_data(self, **kwargs):
        result_rows = [
            {
                "label": ceremony.name,
                "won": ceremony.won_count,
                "nominated": ceremony.nominated_count,
                "not_recorded": ceremony.nomination_count - ceremony.won_count - ceremony.nominated_count,
            }
            for ceremony in self.object_list
        ]
        return super().get_context_data(
            counts=Nomination.objects.result_counts(), result_rows=result_rows, **kwargs
        )


class CeremonyDetailView(DetailView):
    template_name = "awards/ceremony_detail.html"
    context_object_name = "ceremony"
    queryset = Ceremony.objects.all()

    def get_context_data(self, **kwargs):
        filterset = CeremonyNominationFilter(
            self.request.GET or None, queryset=Nomination.objects.for_ceremony_page(self.object)
        )
        nominations = filterset.results()
        years = group_by_year_and_category(nominations)
        return super().get_context_data(
            filter=filterset,
            years=years,
            result_rows=[result_row(str(year["year"]), year["categories"]) for year in years],
            counts=nominations.result_counts(),
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


def result_row(label, categories):
    """Won / nominated / not recorded counts of a year's categories, for the awards bar chart."""
    row = {"label": label, "won": 0, "nominated": 0, "not_recorded": 0}
    for group in categories:
        for nomination in group["nominations"]:
            row[nomination.result] += 1
    return row
