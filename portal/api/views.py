"""The API's endpoints: thin generic views over the pages' named querysets, selectors and filter sets."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from awards.filters import NominationFilter
from awards.models import Ceremony, Nomination
from people.filters import PersonFilter
from people.models import Character, Person
from portal.addresses import reverse_path
from portal.news.filters import ArticleFilter
from portal.news.models import Article
from portal.search.forms import SearchForm
from portal.search.models import SearchEntry
from shows import selectors as show_pages
from shows.filters import EpisodeDateRangeFilter, EpisodeFilter, ShowFilter, SongFilter
from shows.models import Episode, Show, Song

from . import selectors, serializers
from .errors import error_response


class PublicEndpoint:
    # What every endpoint shares: public and sessionless. An endpoint's docstring describes it in the schema.

    def perform_authentication(self, request):
        # Never read request.user: DRF would set it on the Django request too, which the page cache reads
        # to tell a member's copy from a visitor's.
        pass


class ListEndpoint(PublicEndpoint, generics.ListAPIView):
    # A paginated list, filtered by the page's filter set (`filterset_class`) when it has one.

    def get_filterset_kwargs(self):
        return {}


class DetailEndpoint(PublicEndpoint, generics.RetrieveAPIView):
    lookup_field = "slug"


class ShowScopedMixin:
    # For endpoints under /shows/<slug>/…: the show, loaded once as self.show (404 when there is none).
    # Their `queryset` names only the model, for the schema: get_queryset() says what is read.

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.show = generics.get_object_or_404(Show.objects.all(), slug=kwargs["slug"])


# ?include= of a show: comma-separated or repeated.
INCLUDE_PARAMETER = OpenApiParameter(
    "include",
    {"type": "array", "items": {"type": "string", "enum": list(serializers.SHOW_INCLUDES)}},
    OpenApiParameter.QUERY,
    explode=False,
    style="form",
    description="Sections to add, comma-separated: " + ", ".join(serializers.SHOW_INCLUDES) + ".",
)


def requested_includes(request):
    names = {
        name.strip()
        for value in request.query_params.getlist("include")
        for name in value.split(",")
        if name.strip()
    }
    unknown = sorted(name for name in names if name not in serializers.SHOW_INCLUDES)
    if unknown:
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        allowed = ", ".join(serializers.SHOW_INCLUDES)
        raise ValidationError({"include": [f"Unknown: {shown}. Choose from {allowed}, comma-separated."]})
    return names


LINK = {"type": "string", "format": "uri"}


class RootView(PublicEndpoint, APIView):
    """What the API offers, as links."""

    LISTS = {
        "shows": "show-list",
        "episodes": "episode-list",
        "people": "person-list",
        "ceremonies": "ceremony-list",
        "nominations": "nomination-list",
        "news": "article-list",
        "search": "search",
        "schema": "schema",
        "docs": "docs",
    }

    @extend_schema(responses={200: {"type": "object", "additionalProperties": LINK}})
    def get(self, request):
        links = {key: reverse_path(f"api:{name}") for key, name in self.LISTS.items()}
        return Response({key: request.build_absolute_uri(path) for key, path in links.items()})


# Shows


class ShowList(ListEndpoint):
    """Every show, newest first; by genre or company (network, developer, producer or streaming platform)."""

    serializer_class = serializers.ShowSerializer
    filterset_class = ShowFilter

    def get_queryset(self):
        return Show.objects.for_list_page()


class ShowDetail(DetailEndpoint):
    """A show; `include` adds its episodes, cast, crew, soundtrack (albums and songs with chart peaks) or
    awards (nominations with won/nominated counts)."""

    serializer_class = serializers.ShowDetailSerializer

    def get_queryset(self):
        return Show.objects.for_detail_page()

    def get_object(self):
        include = requested_includes(self.request)  # before the lookup: a bad ?include= is a 400 anyhow
        return selectors.show_includes(super().get_object(), include)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "include": requested_includes(self.request)}

    @extend_schema(parameters=[INCLUDE_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ShowEpisodes(ShowScopedMixin, ListEndpoint):
    """A show's episodes and specials, as its episode table lists them."""

    queryset = Episode.objects.none()
    serializer_class = serializers.EpisodeSerializer
    filterset_class = EpisodeDateRangeFilter

    def get_queryset(self):
        return self.show.episodes.for_show_table()


class ShowCharacters(ShowScopedMixin, ListEndpoint):
    """A show's characters in the cast page's order, with their actors, younger versions and cameos."""

    queryset = Character.objects.none()
    serializer_class = serializers.CharacterSerializer

    def get_queryset(self):
        return selectors.characters().filter(show=self.show)


class ShowSongs(ShowScopedMixin, ListEndpoint):
    """A show's songs with their chart peaks, filtered as on its soundtrack page."""

    queryset = Song.objects.none()
    serializer_class = serializers.SongSerializer
    filterset_class = SongFilter

    def get_queryset(self):
        return show_pages.soundtrack_songs(self.show)

    def get_filterset_kwargs(self):
        return {"show": self.show}

    # The filter set's choices depend on the show: the schema gives their types.
    @extend_schema(
        parameters=[
            OpenApiParameter("part", str, description="An OST part number of the show, or 'special'."),
            OpenApiParameter("charted", bool, description="Only songs that charted."),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


EPISODE_KIND_PARAMETER = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, enum=list(Episode.KIND_URL_SEGMENTS.values())
)


class EpisodeList(ListEndpoint):
    """Every show's episodes in the order they aired; those without a known date last."""

    serializer_class = serializers.EpisodeSerializer
    filterset_class = EpisodeFilter

    def get_queryset(self):
        return Episode.objects.for_site_list()


class EpisodeDetail(DetailEndpoint):
    """An episode (`episodes/<n>/`) or special (`specials/<n>/`) with both audience shares, its cameos and the
    news about it."""

    serializer_class = serializers.EpisodeDetailSerializer

    def get_queryset(self):
        return Episode.objects.for_detail_page()

    def get_object(self):
        episode = generics.get_object_or_404(
            self.get_queryset(),
            show__slug=self.kwargs["slug"],
            kind=self.kwargs["kind"],
            number=self.kwargs["number"],
        )
        return selectors.episode_with_cameos(episode)

    @extend_schema(operation_id="shows_episode_retrieve", parameters=[EPISODE_KIND_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CharacterDetail(DetailEndpoint):
    """A character with its actors, younger versions and the episodes of special appearances."""

    serializer_class = serializers.CharacterSerializer

    def get_queryset(self):
        return selectors.characters()

    def get_object(self):
        return generics.get_object_or_404(
            self.get_queryset(), show__slug=self.kwargs["slug"], slug=self.kwargs["character"]
        )


class SongDetail(DetailEndpoint):
    """A song with its artists and chart peaks."""

    serializer_class = serializers.SongSerializer

    def get_queryset(self):
        return Song.objects.for_soundtrack_page()

    def get_object(self):
        return generics.get_object_or_404(
            self.get_queryset(), show__slug=self.kwargs["slug"], slug=self.kwargs["song"]
        )


# People


class PersonList(ListEndpoint):
    """People and groups by name; by role (actor or a crew role) and show."""

    serializer_class = serializers.PersonListSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return Person.objects.for_list_page().with_credit_counts()


class PersonDetail(DetailEndpoint):
    """A person or group with their filmography: roles (with cameo episodes) and crew credits."""

    serializer_class = serializers.PersonDetailSerializer

    def get_queryset(self):
        return Person.objects.for_detail_page()


# Awards


class CeremonyList(ListEndpoint):
    """Award ceremonies with the won / nominated / not recorded counts of their nominations."""

    serializer_class = serializers.CeremonySerializer

    def get_queryset(self):
        return Ceremony.objects.with_result_counts()


class CeremonyDetail(DetailEndpoint):
    """A ceremony with its counts and categories; its nominations are at `nominations_url`."""

    serializer_class = serializers.CeremonyDetailSerializer

    def get_queryset(self):
        return selectors.ceremonies_with_categories()


class NominationList(ListEndpoint):
    """Every nomination, newest year first, filtered as on the nominations page."""

    serializer_class = serializers.NominationSerializer
    filterset_class = NominationFilter

    def get_queryset(self):
        return Nomination.objects.for_nominations_page()


class NominationDetail(DetailEndpoint):
    """A nomination: ceremony, category, year, result (null when not recorded) and nominee."""

    serializer_class = serializers.NominationSerializer
    lookup_field = "pk"

    def get_queryset(self):
        return Nomination.objects.with_nominees()


# News


class ArticleList(ListEndpoint):
    """Published articles, newest first."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter

    def get_queryset(self):
        return Article.objects.for_list_page()


class ArticleDetail(DetailEndpoint):
    """A published article with the shows, episodes and people it concerns."""

    serializer_class = serializers.ArticleDetailSerializer

    def get_queryset(self):
        return Article.objects.for_detail_page()


# Search


class SearchResults(ListEndpoint):
    """Matches best first, ranked as on the search page; of one kind with `kind`."""

    queryset = SearchEntry.objects.none()
    serializer_class = serializers.SearchResultSerializer

    def get_queryset(self):
        form = SearchForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        if not form.cleaned_data["q"]:
            raise ValidationError({"q": ["Give something to search for: ?q=…"]})
        return selectors.search_results(form.cleaned_data["q"], form.cleaned_data["kind"])

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="A name, a title or words."),
            OpenApiParameter("kind", str, enum=SearchEntry.Kind.values, description="Only this kind."),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# The schema and its docs page


class SchemaView(PublicEndpoint, SpectacularAPIView):
    """The OpenAPI 3 schema: YAML, or JSON for `Accept: application/json` or `?format=json`."""

    content_negotiation_class = DefaultContentNegotiation


class DocsView(PublicEndpoint, SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's files (no CDN); its script is a file too (?script=), which
    the site's Content-Security-Policy requires."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/."""
    hint = " (API addresses end with a slash)" if not request.path.endswith("/") else ""
    return error_response(404, f"The API has no such address{hint}: see {reverse_path('api:root')}.")
