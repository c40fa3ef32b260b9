from django.utils import timezone
from django.views.generic import TemplateView

from awards.models import Ceremony, Nomination
from people.models import Person
from shows.models import Show
from shows.selectors import home_page


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        featured = Show.objects.for_home_page().first()
        context = super().get_context_data(**kwargs)
        context.update(
            featured=featured,
            **home_page(timezone.localdate(), now=timezone.now()),
            counts={
                "shows": Show.objects.count(),
                "people": Person.objects.count(),
                "ceremonies": Ceremony.objects.count(),
                "nominations": Nomination.objects.count(),
            },
        )
        if featured:
            context["featured_awards"] = Nomination.objects.filter(show=featured).result_counts()
            context["featured_top_episode"] = (
                featured.episodes.exclude(nationwide_share=None).order_by("-nationwide_share").first()
            )
        return context
