from django.views.generic import DetailView, ListView

from portal.listing.views import FilteredListMixin, LenientPaginationMixin
from portal.seo.structured_data import StructuredData

from . import selectors
from .filters import PersonFilter
from .models import Person


class PersonListView(FilteredListMixin, LenientPaginationMixin, ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60
    filterset_class = PersonFilter

    def get_filter_queryset(self):
        return Person.objects.for_list_page().with_credit_counts()


class PersonDetailView(DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        page = selectors.person_page(self.object)
        structured_data = StructuredData(self.request).person(self.object, nominations=page["nominations"])
        return super().get_context_data(**page, structured_data=structured_data, **kwargs)
