from django.views.generic import DetailView, ListView

from awards.models import Nomination
from portal.listing.views import FilteredListMixin, LenientPaginationMixin
from portal.news.models import Article
from portal.seo.structured_data import StructuredData

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
        person = self.object
        nominations = list(Nomination.objects.for_person_page(person))
        return super().get_context_data(
            nominations=nominations,
            structured_data=StructuredData(self.request).person(person, nominations=nominations),
            songs=list(person.songs.select_related("show").order_by("kind", "part")),
            articles=list(Article.objects.for_list_page().filter(people=person)[:10]),
            **kwargs,
        )
