from django.views.generic import DetailView, ListView

from portal.views import LenientPaginationMixin

from .filters import CeremonyNominationFilter, NominationFilter
from .models import Ceremony, Nomination


class CeremonyListView(ListView):
    template_name = "awards/ceremony_list.html"
    context_object_name = "ceremonies"

    def get_queryset(self):
        return Ceremony.objects.for_list_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=Nomination.objects.result_counts(), **kwargs)


class CeremonyDetailView(DetailView):
    template_name = "awards/ceremony_detail.html"
    context_object_name = "ceremony"
    queryset = Ceremony.objects.all()

    def get_context_data(self, **kwargs):
        filterset = CeremonyNominationFilter(
            self.request.GET or None, queryset=Nomination.objects.for_ceremony_page(self.object)
        )
        nominations = filterset.results()
        return super().get_context_data(
            filter=filterset,
            years=group_by_year_and_category(nominations),
            counts=nominations.result_counts(),
            **kwargs,
        )


class NominationListView(LenientPaginationMixin, ListView):
    """Every nomination, filterable, with the result counts of the current filter."""

    template_name = "awards/nomination_list.html"
    context_object_name = "nominations"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = NominationFilter(
            self.request.GET or None, queryset=Nomination.objects.for_nominations_page()
        )
        return self.filterset.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset, counts=self.object_list.result_counts(), **kwargs
        )


def group_by_year_and_category(nominations):
    """[{year, categories: [{category, nominations}]}], newest year first, categories in the order they first
    appear that year, so every nominee of a category is shown under one heading."""
    years = {}
    for nomination in nominations:
        categories = years.setdefault(nomination.year, {})
        categories.setdefault(nomination.category_id, {"category": nomination.category, "nominations": []})
        categories[nomination.category_id]["nominations"].append(nomination)
    return [{"year": year, "categories": list(categories.values())} for year, categories in years.items()]
