"""Admin import and export of episodes (with their audience shares), songs and songs' chart peaks."""

from import_export.fields import Field
from import_export.widgets import DateWidget

from people.models import Person
from portal.admin_tools.resources import (
    ChoiceWidget,
    DecimalNumberWidget,
    LinesWidget,
    LookupManyWidget,
    LookupWidget,
    PortalResource,
    ShowScopedLookupWidget,
    WholeNumberWidget,
)

from .models import Album, Chart, Episode, Show, Song, SongChartPeak


def show_field():
    return Field("show", "show", widget=LookupWidget(Show, ("slug", "title")))


class EpisodeResource(PortalResource):
    show = show_field()
    kind = Field("kind", "kind", widget=ChoiceWidget(Episode.Kind, default=Episode.Kind.REGULAR))
    number = Field("number", "number", widget=WholeNumberWidget())
    air_date = Field("air_date", "air_date", widget=DateWidget())
    nationwide_share = Field("nationwide_share", "nationwide_share", widget=DecimalNumberWidget())
    seoul_share = Field("seoul_share", "seoul_share", widget=DecimalNumberWidget())

    import_help = (
        "One row per episode: the show's slug (or exact title), kind (regular or special, blank for regular) "
        "and number say which; an existing episode is updated, a new one added. Shares are percentages "
        "such as 7.7; leave a share blank when it is unknown."
    )
    example_rows = [
        {
            "show": "my-new-show",
            "kind": "regular",
            "number": 1,
            "title": "",
            "air_date": "2024-03-09",
            "nationwide_share": "5.9",
            "seoul_share": "6.1",
            "synopsis": "",
        }
    ]

    class Meta(PortalResource.Meta):
        model = Episode
        fields = [
            "show",
            "kind",
            "number",
            "title",
            "air_date",
            "nationwide_share",
            "seoul_share",
            "synopsis",
        ]
        import_id_fields = ["show", "kind", "number"]


def people_in_one_cell():
    return LookupManyWidget(LookupWidget(Person, ("slug", "name", "native_name")))


class SongResource(PortalResource):
    show = show_field()
    kind = Field("kind", "kind", widget=ChoiceWidget(Song.Kind, default=Song.Kind.PART))
    part = Field("part", "part", widget=WholeNumberWidget())
    album = Field("album", "album", widget=ShowScopedLookupWidget(Album, ("slug", "title")))
    alternative_titles = Field("alternative_titles", "alternative_titles", widget=LinesWidget())
    artists = Field("artists", "artists", widget=people_in_one_cell())
    release_date = Field("release_date", "release_date", widget=DateWidget())
    release_year = Field("release_year", "release_year", widget=WholeNumberWidget())

    derived_slugs = {"slug": "title"}
    import_help = (
        "One row per song: the show's slug and the song's slug say which (a blank slug is made from the "
        "title). Kind is part, special or track; artists are people's slugs or names separated by "
        "semicolons."
    )
    example_rows = [
        {
            "show": "my-new-show",
            "title": "My Song",
            "slug": "",
            "kind": "part",
            "part": 1,
            "native_title": "",
            "alternative_titles": "",
            "artist_credit": "A Singer",
            "artists": "",
            "album": "",
            "release_date": "2024-03-10",
            "release_year": 2024,
        }
    ]

    class Meta(PortalResource.Meta):
        model = Song
        fields = [
            "show",
            "title",
            "slug",
            "kind",
            "part",
            "native_title",
            "alternative_titles",
            "artist_credit",
            "artists",
            "album",
            "release_date",
            "release_year",
        ]
        import_id_fields = ["show", "slug"]


class SongChartPeakResource(PortalResource):
    # The show only scopes the song's slug or title; the peak itself has no show column.
    show = Field(column_name="show", readonly=True)
    song = Field("song", "song", widget=ShowScopedLookupWidget(Song, ("slug", "title")))
    chart = Field("chart", "chart", widget=LookupWidget(Chart, ("name", "short_name", "slug")))
    position = Field("position", "position", widget=WholeNumberWidget())

    import_help = (
        "One row per song and chart: the show's slug, the song's slug or title and the chart's name "
        "(or short name) say which. A blank position means the song did not chart there."
    )
    example_rows = [{"show": "my-new-show", "song": "my-song", "chart": "KOR Circle", "position": 3}]

    class Meta(PortalResource.Meta):
        model = SongChartPeak
        fields = ["show", "song", "chart", "position"]
        import_id_fields = ["song", "chart"]

    def dehydrate_show(self, peak):
        return peak.song.show.slug
