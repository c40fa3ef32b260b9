from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from portal.comments.selectors import with_comment_counts
from portal.listing.views import FilteredListMixin, FilteredPageMixin, LenientPaginationMixin
from portal.seo.feeds import discussion_feed_urls
from portal.seo.structured_data import StructuredData

from . import selectors
from .filters import EpisodeDateRangeFilter, EpisodeFilter, ShowFilter, SongFilter
from .models import Episode, Show


class ShowScopedMixin:
    """For pages under /shows/<slug>/…: loads the show once (with the named queryset) as self.show."""

    show_queryset_method = "all"

    def dispatch(self, request, *args, **kwargs):
        queryset = getattr(Show.objects, self.show_queryset_method)()
        self.show = get_object_or_404(queryset, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(show=self.show, **kwargs)


class ShowListView(FilteredListMixin, LenientPaginationMixin, ListView):
    template_name = "shows/show_list.html"
    context_object_name = "shows"
    paginate_by = 50
    filterset_class = ShowFilter

    def get_filter_queryset(self):
        return Show.objects.for_list_page()


class ShowDetailView(DetailView):
    template_name = "shows/show_detail.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        sections = selectors.show_page(self.object)
        structured_data = StructuredData(self.request).tv_series(
            self.object,
            episodes=sections["episodes"],
            main_characters=sections["main_characters"],
            crew=sections["crew"],
            won_nominations=sections["won_nominations"],
        )
        return super().get_context_data(**sections, structured_data=structured_data, **kwargs)


class CastView(ShowScopedMixin, TemplateView):
    template_name = "shows/cast.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.cast_page(self.show), **kwargs)


class EpisodeListView(ShowScopedMixin, FilteredPageMixin, TemplateView):
    template_name = "shows/episode_list.html"
    filterset_class = EpisodeDateRangeFilter

    def get_filter_queryset(self):
        return self.show.episodes.for_show_table()

    def get_context_data(self, **kwargs):
        episodes = with_comment_counts(self.filterset.results())
        return super().get_context_data(episodes=episodes, **kwargs)


class AllEpisodesView(FilteredListMixin, LenientPaginationMixin, ListView):
    """Every show's episodes in the order they aired (/episodes/)."""

    template_name = "shows/episodes_all.html"
    context_object_name = "episodes"
    paginate_by = 50
    filterset_class = EpisodeFilter

    def get_filter_queryset(self):
        return Episode.objects.for_site_list()


class EpisodeDetailView(ShowScopedMixin, DetailView):
    template_name = "shows/episode_detail.html"
    context_object_name = "episode"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Episode.objects.for_detail_page(),
            show=self.show,
            kind=self.kwargs["kind"],
            number=self.kwargs["number"],
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
            previous=previous,
            next=following,
            discussion_feeds=discussion_feed_urls(self.object),
            structured_data=StructuredData(self.request).tv_episode(self.object),
            **kwargs,
        )


class SoundtrackView(ShowScopedMixin, FilteredPageMixin, TemplateView):
    template_name = "shows/soundtrack.html"
    filterset_class = SongFilter

    def get_filter_queryset(self):
        return selectors.soundtrack_songs(self.show)

    def get_filterset_kwargs(self):
        return {"show": self.show}

    def get_context_data(self, **kwargs):
        page = selectors.soundtrack_page(self.show, self.filterset.results())
        structured_data = StructuredData(self.request).recordings(page["songs"], page["albums"])
        return super().get_context_data(**page, structured_data=structured_data, **kwargs)


class ShowAwardsView(ShowScopedMixin, TemplateView):
    template_name = "shows/show_awards.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.awards_page(self.show), **kwargs)


class ShowDiscussionView(ShowScopedMixin, TemplateView):
    """The discussion of a show as a whole (its episodes and articles have their own)."""

    template_name = "shows/show_discussion.html"
