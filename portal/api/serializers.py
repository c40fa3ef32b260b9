"""What each API object holds. Read-only: every serializer only represents, from what the pages' querysets and
selectors loaded (views.py says which), so none of them queries on its own.

Conventions: `id` and `slug` are stable; `url` is the object's absolute API address and `html_url` its page;
dates and times are ISO 8601; what the sources do not say is null (a blank title, an unnamed actor, an
unrecorded result, a share not reported), never a guess. `*Ref` serializers are the short form used inside
other objects.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Nomination
from people.models import Casting, CrewCredit, Person
from portal.addresses import reverse_path
from portal.search.models import SearchEntry
from shows.models import Episode, Show, Song

from .fields import ApiAddress, ApiLink, Lines, OptionalChoice, OptionalText, PageLink, origin
from .links import api_path_of_page


def share(label):
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        allow_null=True,
        coerce_to_string=False,
        help_text=f"{label} (Nielsen Korea, percent); null when not reported.",
    )


# Short forms


class CompanySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()


class GenreSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class RefSerializer(serializers.Serializer):
    """What every reference to a record carries: its id and slug (and, in each subclass, its name and
    links)."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()


class ShowRefSerializer(RefSerializer):
    title = serializers.CharField()
    url = ApiLink("show-detail", "slug")
    html_url = PageLink()


class PersonRefSerializer(RefSerializer):
    name = serializers.CharField()
    url = ApiLink("person-detail", "slug")
    html_url = PageLink()


class EpisodeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(Episode.Kind.choices)
    number = serializers.IntegerField()
    title = OptionalText()
    air_date = serializers.DateField(allow_null=True)
    url = ApiLink("episode-detail", "show.slug", "kind", "number")
    html_url = PageLink()


class CharacterRefSerializer(RefSerializer):
    name = OptionalText(help_text="Null when the source names the actor but not the role.")
    show = ShowRefSerializer()
    url = ApiLink("character-detail", "show.slug", "slug")
    html_url = PageLink()


class SongRefSerializer(RefSerializer):
    title = serializers.CharField()
    url = ApiLink("song-detail", "show.slug", "slug")
    html_url = PageLink()


class CeremonyRefSerializer(RefSerializer):
    name = serializers.CharField()
    url = ApiLink("ceremony-detail", "slug")
    html_url = PageLink()


class ArticleRefSerializer(RefSerializer):
    title = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    url = ApiLink("article-detail", "slug")
    html_url = PageLink()


# Episodes


class EpisodeSerializer(EpisodeRefSerializer):
    show = ShowRefSerializer()
    synopsis = OptionalText()
    nationwide_share = share("Nationwide audience share")
    seoul_share = share("Seoul audience share")


class CameoSerializer(serializers.Serializer):
    person = PersonRefSerializer(allow_null=True, help_text="Null when the source does not name the actor.")
    character = CharacterRefSerializer()
    age = serializers.ChoiceField(Casting.Age.choices)


class EpisodeDetailSerializer(EpisodeSerializer):
    cameos = CameoSerializer(many=True, help_text="Appearances known to be in this episode.")
    articles = ArticleRefSerializer(many=True)


# Characters and credits


class CastGroupSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    parent = OptionalText(source="parent.name", help_text="The group this one is part of, if any.")
    is_main = serializers.BooleanField()


class CastingSerializer(serializers.Serializer):
    person = PersonRefSerializer(allow_null=True, help_text="Null when the source does not name the actor.")
    age = serializers.ChoiceField(Casting.Age.choices)
    is_cameo = serializers.BooleanField(help_text="A special appearance.")
    cameo_episodes = serializers.SerializerMethodField(
        help_text="For special appearances: the episodes it is known to be in."
    )

    @extend_schema_field(EpisodeRefSerializer(many=True))
    def get_cameo_episodes(self, casting):
        # A person's page prefetches them as a list (episode_list), a cast as casting.episodes.
        episodes = getattr(casting, "episode_list", None)
        if episodes is None:
            episodes = casting.episodes.all()
        return EpisodeRefSerializer(episodes, many=True, context=self.context).data


class CharacterSerializer(CharacterRefSerializer):
    native_name = OptionalText()
    alternative_names = Lines("alternative_name_list")
    description = OptionalText()
    group = CastGroupSerializer(allow_null=True, help_text="How the source groups the cast.")
    played_by = serializers.SerializerMethodField(help_text="The actors of the character as an adult.")
    younger_versions = serializers.SerializerMethodField(
        help_text="The actors of the character as a teenager or child."
    )

    @extend_schema_field(CastingSerializer(many=True))
    def get_played_by(self, character):
        adults = [c for c in character.castings.all() if c.age == Casting.Age.ADULT]
        return CastingSerializer(adults, many=True, context=self.context).data

    @extend_schema_field(CastingSerializer(many=True))
    def get_younger_versions(self, character):
        younger = [c for c in character.castings.all() if c.age != Casting.Age.ADULT]
        return CastingSerializer(younger, many=True, context=self.context).data


class CrewCreditSerializer(serializers.Serializer):
    person = PersonRefSerializer(allow_null=True, help_text="Null when the source does not name the person.")
    role = serializers.ChoiceField(CrewCredit.Role.choices)
    role_label = serializers.CharField(source="get_role_display")
    note = OptionalText()


# Soundtracks


class ChartSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class ChartPeakSerializer(serializers.Serializer):
    chart = ChartSerializer()
    position = serializers.IntegerField(allow_null=True, help_text="Null: it did not chart there.")
    charted = serializers.BooleanField()


class AlbumChartPeakSerializer(ChartPeakSerializer):
    year = serializers.IntegerField(allow_null=True)


class AlbumRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()


class AlbumSerializer(AlbumRefSerializer):
    release_date = serializers.DateField(allow_null=True)
    description = OptionalText()
    artists = PersonRefSerializer(many=True)
    chart_peaks = AlbumChartPeakSerializer(many=True)
    html_url = PageLink()


class SongSerializer(SongRefSerializer):
    show = ShowRefSerializer()
    native_title = OptionalText()
    alternative_titles = Lines("alternative_title_list")
    kind = serializers.ChoiceField(Song.Kind.choices)
    part = serializers.IntegerField(allow_null=True, help_text="The OST part number, for kind 'part'.")
    artist_credit = OptionalText(help_text="The artist as printed; null when unknown.")
    artists = PersonRefSerializer(many=True)
    album = AlbumRefSerializer(allow_null=True)
    release_date = serializers.DateField(allow_null=True)
    release_year = serializers.IntegerField(allow_null=True)
    chart_peaks = ChartPeakSerializer(many=True)


class SoundtrackSerializer(serializers.Serializer):
    albums = AlbumSerializer(many=True)
    songs = SongSerializer(many=True)


# Awards


class ResultCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    won = serializers.IntegerField()
    nominated = serializers.IntegerField()
    not_recorded = serializers.IntegerField(help_text="Nominations whose result the sources do not give.")


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()


UNRECORDED = Nomination.Result.NOT_RECORDED


class ResultField(serializers.ChoiceField):
    """won or nominated; null when the sources do not record the result."""

    def __init__(self, **kwargs):
        known = [(value, label) for value, label in Nomination.Result.choices if value != UNRECORDED]
        super().__init__(known, allow_null=True, **kwargs)

    def to_representation(self, value):
        return None if value == UNRECORDED else super().to_representation(value)


NOMINEE_KINDS = [("song", "A song"), ("person", "A person"), ("show", "A show")]


class NomineeSerializer(serializers.Serializer):
    kind = OptionalChoice(
        NOMINEE_KINDS,
        source="nominee_kind",
        help_text="What the nominee is; null when it is not recorded.",
    )
    text = OptionalText(source="nominee_text", help_text="The nominee as printed; null when not recorded.")
    show = ShowRefSerializer(source="nominee_show", allow_null=True)
    people = PersonRefSerializer(many=True, source="nominee_people_as_printed")
    songs = SongRefSerializer(many=True, source="nominee_songs")


class NominationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ceremony = CeremonyRefSerializer()
    category = CategorySerializer()
    year = serializers.IntegerField(help_text="The year the award was presented.")
    result = ResultField(help_text="won or nominated; null when the sources do not record the result.")
    show = ShowRefSerializer(allow_null=True, help_text="The work the nomination honours.")
    nominee = NomineeSerializer(source="*")
    note = OptionalText()
    url = ApiLink("nomination-detail", "pk")
    html_url = PageLink()


class ShowAwardsSerializer(serializers.Serializer):
    counts = ResultCountsSerializer()
    nominations = NominationSerializer(many=True)


class CeremonySerializer(CeremonyRefSerializer):
    description = OptionalText()
    counts = ResultCountsSerializer(source="*")
    nominations_url = ApiAddress(
        lambda ceremony: f"{reverse_path('api:nomination-list')}?ceremony={ceremony.slug}",
        help_text="Its nominations: /nominations/?ceremony=<slug>.",
    )


class CeremonyDetailSerializer(CeremonySerializer):
    categories = CategorySerializer(many=True)


# Shows


class AvailabilitySerializer(serializers.Serializer):
    platform = CompanySerializer()
    region = OptionalText()


class ShowRelationSerializer(serializers.Serializer):
    show = ShowRefSerializer(source="related")
    note = OptionalText(help_text="How the shows are related.")


class ShowSerializer(ShowRefSerializer):
    native_title = OptionalText()
    alternative_titles = Lines("alternative_title_list")
    kind = serializers.ChoiceField(Show.Kind.choices)
    genres = GenreSerializer(many=True)
    network = CompanySerializer(allow_null=True)
    first_aired = serializers.DateField(allow_null=True)
    last_aired = serializers.DateField(allow_null=True)
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True, help_text="Null while running, or when unknown.")
    episode_count = serializers.IntegerField(allow_null=True, help_text="Regular episodes.")
    special_count = serializers.IntegerField(allow_null=True)


# What ?include= adds to a show (selectors.show_includes sets them on the show).
SHOW_INCLUDES = ("episodes", "cast", "crew", "soundtrack", "awards")


class ShowDetailSerializer(ShowSerializer):
    developer = CompanySerializer(allow_null=True)
    production_companies = CompanySerializer(many=True)
    broadcast_slot = OptionalText()
    runtime_min = serializers.IntegerField(allow_null=True, help_text="Shortest runtime in minutes.")
    runtime_max = serializers.IntegerField(allow_null=True, help_text="Longest runtime in minutes.")
    country = OptionalText()
    language = OptionalText()
    synopsis = OptionalText()
    production_notes = OptionalText()
    reception_notes = OptionalText()
    filming_locations = Lines("filming_location_list")
    budget_note = OptionalText()
    availability = AvailabilitySerializer(many=True, help_text="Where it can be streamed.")
    remake_of = ShowRefSerializer(allow_null=True)
    remakes = ShowRefSerializer(many=True)
    related = ShowRelationSerializer(many=True, source="relations")
    episodes_url = ApiLink("show-episodes", "slug")
    characters_url = ApiLink("show-characters", "slug")
    songs_url = ApiLink("show-songs", "slug")
    # Only with ?include=…: not required in the schema.
    episodes = EpisodeSerializer(many=True, required=False, source="included_episodes")
    cast = CharacterSerializer(many=True, required=False, source="included_cast")
    crew = CrewCreditSerializer(many=True, required=False, source="included_crew")
    soundtrack = SoundtrackSerializer(required=False, source="included_soundtrack")
    awards = ShowAwardsSerializer(required=False, source="included_awards")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        included = self.context.get("include")
        if included is not None:  # None while the schema is made: it lists them all
            for name in SHOW_INCLUDES:
                if name not in included:
                    self.fields.pop(name)


# People


class PersonSerializer(PersonRefSerializer):
    native_name = OptionalText()
    kind = OptionalChoice(Person.Kind.choices, help_text="person or group; null when the source doesn't say.")


class PersonListSerializer(PersonSerializer):
    casting_count = serializers.IntegerField(source="role_count", help_text="Roles played.")
    crew_credit_count = serializers.IntegerField(source="credit_count", help_text="Crew credits.")


class ActingCreditSerializer(CastingSerializer):
    person = None
    character = CharacterRefSerializer()


class PersonCrewCreditSerializer(CrewCreditSerializer):
    person = None
    show = ShowRefSerializer()


class PersonDetailSerializer(PersonSerializer):
    alternative_names = Lines("alternative_name_list")
    bio = OptionalText()
    member_of = PersonRefSerializer(many=True, help_text="Groups this person or group belongs to.")
    members = PersonRefSerializer(many=True)
    acting = ActingCreditSerializer(many=True, source="castings", help_text="Roles, newest show first.")
    crew = PersonCrewCreditSerializer(many=True, source="crew_credits", help_text="Crew credits.")


# News


class ArticleSerializer(ArticleRefSerializer):
    standfirst = serializers.CharField()
    story_date = serializers.DateField(allow_null=True, help_text="When the events happened, if known.")
    source_note = OptionalText(help_text="What the article is based on.")
    has_spoilers = serializers.BooleanField()
    shows = ShowRefSerializer(many=True)


class ArticleDetailSerializer(ArticleSerializer):
    paragraphs = serializers.ListField(child=serializers.CharField())
    episodes = EpisodeRefSerializer(many=True)
    people = PersonRefSerializer(many=True)


# Search


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(SearchEntry.Kind.choices)
    id = serializers.IntegerField(source="object_id", help_text="The id of the show, person, … found.")
    title = serializers.CharField()
    context = OptionalText(help_text="A line placing the result, e.g. a character's show.")
    url = serializers.SerializerMethodField(help_text="Its API address; null for a kind the API lacks.")
    html_url = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, entry):
        path = api_path_of_page(entry.url)
        return origin(self.context) + path if path else None

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_html_url(self, entry):
        return origin(self.context) + entry.get_absolute_url()
