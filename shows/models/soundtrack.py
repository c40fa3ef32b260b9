"""A show's soundtrack: albums, songs and where they peaked on which chart."""

from django.db import models
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.relations import related_objects
from portal.text import split_lines


class Chart(ConstraintErrorsOnFields, InvalidatesPages):
    """A music chart (e.g. the Circle Digital Chart) that albums and songs peak on."""

    name = models.CharField("name", max_length=200)
    short_name = models.CharField("short name", max_length=50, help_text="Column heading, e.g. 'KOR Circle'.")
    slug = models.SlugField("slug", max_length=100)
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chart"
        verbose_name_plural = "charts"
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="chart_unique_slug",
                violation_error_message="Another chart already has this slug.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("shows:list")


class ChartPeakQuerySet(InvalidatingQuerySet):
    def charted(self):
        """Peaks with a position; a blank one means the recording did not chart there."""
        return self.filter(position__isnull=False)


class ChartPeak(ConstraintErrorsOnFields, InvalidatesPages):
    """A recording's peak on one chart. Each subclass has the key to its recording, named by
    `recording_field`, and its own `chart` key (their related names differ)."""

    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False

    recording_field = ""

    position = models.PositiveSmallIntegerField(
        "peak position", null=True, blank=True, help_text="Blank: did not chart."
    )

    constraint_fields = {"%(class)s_position_positive": "position"}

    objects = ChartPeakQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__gte=1),
                name="%(class)s_position_positive",
                violation_error_message="Chart positions start at 1; leave it blank when it did not chart.",
            ),
        ]

    @staticmethod
    def constraints_for(recording_field):
        """A subclass's constraints: one peak per recording and chart, and the base's checks."""
        return [
            models.UniqueConstraint(
                fields=[recording_field, "chart"],
                name="%(class)s_unique_chart",
                violation_error_message="This recording already has a peak on this chart.",
            ),
            *ChartPeak.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.recording} on {self.chart}: {self.position if self.charted else '—'}"

    def get_absolute_url(self):
        return self.recording.get_absolute_url()

    @property
    def recording(self):
        """The album or song that peaked."""
        return getattr(self, self.recording_field)

    @property
    def charted(self):
        """False where the recording did not chart (a blank position), as ChartPeakQuerySet.charted()."""
        return self.position is not None


class AlbumQuerySet(InvalidatingQuerySet):
    def for_show_page(self):
        return self.prefetch_related(
            Prefetch("chart_peaks", queryset=AlbumChartPeak.objects.select_related("chart"))
        )

    def for_soundtrack_page(self):
        return self.prefetch_related(
            Prefetch("chart_peaks", queryset=AlbumChartPeak.objects.select_related("chart")),
            Prefetch("artists", queryset=related_objects(Album, "artists").order_by("name")),
        )


class Album(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("show",)

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="albums", verbose_name="show")
    title = models.CharField("title", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    release_date = models.DateField("release date", null=True, blank=True)
    description = models.TextField("description", blank=True)
    artists = models.ManyToManyField(
        "people.Person", blank=True, related_name="albums", verbose_name="featured artists"
    )

    objects = AlbumQuerySet.as_manager()

    class Meta:
        ordering = ["show", "release_date", "title"]
        verbose_name = "soundtrack album"
        verbose_name_plural = "soundtrack albums"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "slug"],
                name="album_unique_slug_per_show",
                violation_error_message="Another album of this show already has this slug.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_path("shows:soundtrack", self.show.slug) + f"#album-{self.slug}"


class AlbumChartPeak(ChartPeak):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("album",)

    recording_field = "album"

    album = models.ForeignKey(Album, models.CASCADE, related_name="chart_peaks", verbose_name="album")
    chart = models.ForeignKey(Chart, models.CASCADE, related_name="album_peaks", verbose_name="chart")
    year = models.PositiveSmallIntegerField("chart year", null=True, blank=True)

    class Meta(ChartPeak.Meta):
        ordering = ["album", "chart"]
        verbose_name = "album chart peak"
        verbose_name_plural = "album chart peaks"
        constraints = ChartPeak.constraints_for("album")


class SongQuerySet(InvalidatingQuerySet):
    def for_soundtrack_page(self):
        return (
            self.select_related("album", "show")
            .prefetch_related(
                Prefetch("chart_peaks", queryset=SongChartPeak.objects.select_related("chart")),
                "artists",
            )
            .order_by("kind", "part", "title")
        )

    def parts(self):
        """The OST part numbers present, in order."""
        return self.filter(kind=Song.Kind.PART).order_by("part").values_list("part", flat=True).distinct()

    def in_part(self, part):
        """Songs of an OST part number, or the special singles for 'special'."""
        if part == Song.Kind.SPECIAL:
            return self.filter(kind=Song.Kind.SPECIAL)
        return self.filter(kind=Song.Kind.PART, part=part)

    def charted(self):
        """Songs with a peak position on at least one chart."""
        return self.filter(Exists(SongChartPeak.objects.charted().filter(song=OuterRef("pk"))))

    def by_best_peak(self):
        """Best (lowest) peak over all charts first; songs that never charted last, in part order."""
        return self.annotate(best_peak=Min("chart_peaks__position")).order_by(
            F("best_peak").asc(nulls_last=True), "kind", "part", "title"
        )


class Song(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("show",)

    class Kind(models.TextChoices):
        PART = "part", "OST part"
        SPECIAL = "special", "Special single"
        TRACK = "track", "Album track"

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="songs", verbose_name="show")
    album = models.ForeignKey(
        Album, models.SET_NULL, null=True, blank=True, related_name="songs", verbose_name="album"
    )
    kind = models.CharField("kind", max_length=10, choices=Kind.choices, default=Kind.PART)
    part = models.PositiveSmallIntegerField("OST part", null=True, blank=True)
    title = models.CharField("title", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    native_title = models.CharField("native title", max_length=200, blank=True)
    alternative_titles = models.TextField("alternative titles", blank=True, help_text="One per line.")
    artists = models.ManyToManyField(
        "people.Person", blank=True, related_name="songs", verbose_name="performing artists"
    )
    artist_credit = models.CharField(
        "artist credit as printed",
        max_length=300,
        blank=True,
        help_text="Leave blank when the artist is unknown.",
    )
    release_date = models.DateField("release date", null=True, blank=True)
    release_year = models.PositiveSmallIntegerField("release year", null=True, blank=True)

    objects = SongQuerySet.as_manager()
    history = edit_history()
    constraint_fields = {"song_part_positive": "part"}

    class Meta:
        ordering = ["show", "kind", "part", "title"]
        verbose_name = "song"
        verbose_name_plural = "songs"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "slug"],
                name="song_unique_slug_per_show",
                violation_error_message="Another song of this show already has this slug.",
            ),
            models.UniqueConstraint(
                fields=["show", "part"],
                condition=Q(kind="part"),
                name="song_unique_part_per_show",
                violation_error_message="This show already has a song for this OST part.",
            ),
            models.CheckConstraint(
                condition=Q(part__isnull=True) | Q(part__gte=1),
                name="song_part_positive",
                violation_error_message="OST part numbers start at 1.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_path("shows:soundtrack", self.show.slug) + f"#song-{self.slug}"

    @property
    def part_label(self):
        if self.kind == self.Kind.PART and self.part:
            return f"Part {self.part}"
        return self.get_kind_display()

    @property
    def alternative_title_list(self):
        return split_lines(self.alternative_titles)


class SongChartPeak(ChartPeak):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("song",)

    recording_field = "song"

    song = models.ForeignKey(Song, models.CASCADE, related_name="chart_peaks", verbose_name="song")
    chart = models.ForeignKey(Chart, models.CASCADE, related_name="song_peaks", verbose_name="chart")

    class Meta(ChartPeak.Meta):
        ordering = ["song", "chart"]
        verbose_name = "song chart peak"
        verbose_name_plural = "song chart peaks"
        constraints = ChartPeak.constraints_for("song")
