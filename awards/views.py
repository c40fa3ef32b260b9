from django.views.generic import DetailView, ListView

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
        nominations = Nomination.objects.for_ceremony_page(self.object)
        years = []
        for nomination in nominations:
            if not years or years[-1]["year"] != nomination.year:
                years.append({"year": nomination.year, "nominations": []})
            years[-1]["nominations"].append(nomination)
        return super().get_context_data(
            years=years, counts=Nomination.objects.filter(ceremony=self.object).result_counts(), **kwargs
        )
