from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from awards.models import Nomination
from people.models import CastGroup, Character, CrewCredit
from portal.comments.models import with_comment_counts
from portal.comments.views import discussion_context
from portal.views import LenientPaginationMixin, ShowScopedMixin

from .filters import EpisodeDateRangeFilter, EpisodeFilter, ShowFilter, SongFilter
from .models import Episode, Show, Song, show_page_sections


class ShowListView(LenientPaginationMixin, ListView):
    template_name = "shows/show_list.html"
    context_object_name = "shows"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = ShowFilter(self.request.GET or None, queryset=Show.objects.for_list_page())
        return self.filterset.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class ShowDetailView(DetailView):
    template_name = "shows/show_detail.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**show_page_sections(self.object), **kwargs)


class CastView(ShowScopedMixin, TemplateView):
    template_name = "shows/cast.html"

    def get_context_data(self, **kwargs):
        characters = Character.objects.for_cast_page().filter(show=self.show)
        return super().get_context_data(
            groups=CastGroup.objects.for_cast_page(self.show, characters),
            crew=CrewCredit.objects.for_show(self.show),
            **kwargs,
        )


class EpisodeListView(ShowScopedMixin, TemplateView):
    template_name = "shows/episode_list.html"

    def get_context_data(self, **kwargs):
        filterset = EpisodeDateRangeFilter(
            self.request.GET or None, queryset=self.show.episodes.for_show_table()
        )
        episodes = with_comment_counts(filterset.results())
        return super().get_context_data(filter=filterset, episodes=episodes, **kwargs)


class AllEpisodesView(LenientPaginationMixin, ListView):
    """Every show's episodes in the order they aired (/episodes/)."""

    template_name = "shows/episodes_all.html"
    context_object_name = "episodes"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = EpisodeFilter(self.request.GET or None, queryset=Episode.objects.for_site_list())
        return self.filterset.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class EpisodeDetailView(ShowScopedMixin, DetailView):
    template_name = "shows/episode_detail.html"
    context_object_name = "episode"
    kind = Episode.Kind.REGULAR

    def get_object(self, queryset=None):
        return get_object_or_404(
            Episode.objects.for_detail_page(), show=self.show, kind=self.kind, number=self.kwargs["number"]
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # /episodes/08/ and /episodes/8/ are one page: send visitors to the canonical address.
        if request.path != self.object.get_absolute_url():
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        previous, following = Episode.objects.neighbours(self.object)
        return super().get_context_data(
            previous=previous, next=following, **discussion_context(self.request, self.object), **kwargs
        )


class SpecialDetailView(EpisodeDetailView):
    kind = Episode.Kind.SPECIAL


class SoundtrackView(ShowScopedMixin, TemplateView):
    template_name = "shows/soundtrack.html"

    def get_context_data(self, **kwargs):
        filterset = SongFilter(
            self.request.GET or None,
            queryset=Song.objects.for_soundtrack_page().filter(show=self.show),
            show=self.show,
        )
        songs = list(filterset.results())
        charts = []
        for song in songs:
            for peak in song.chart_peaks.all():
                if peak.chart not in charts:
                    charts.append(peak.chart)
        charts.sort(key=lambda chart: (chart.order, chart.name))
        for song in songs:
            by_chart = {peak.chart_id: peak for peak in song.chart_peaks.all()}
            song.peak_row = [by_chart.get(chart.pk) for chart in charts]
        return super().get_context_data(
            filter=filterset,
            albums=list(self.show.albums.for_soundtrack_page()),
            songs=songs,
            charts=charts,
            **kwargs,
        )


class ShowAwardsView(ShowScopedMixin, TemplateView):
    template_name = "shows/show_awards.html"

    def get_context_data(self, **kwargs):
        nominations = Nomination.objects.for_show_page(self.show)
        return super().get_context_data(
            nominations=list(nominations),
            counts=Nomination.objects.filter(show=self.show).result_counts(),
            **kwargs,
        )
