from django.db import models
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q
from django.urls import reverse

from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.pictures.images import POSTER, PictureField
from portal.text import split_lines


class Company(InvalidatesPages):
    """A network, studio, distributor or streaming platform."""

    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    native_name = models.CharField("native name", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "company"
        verbose_name_plural = "companies"
        constraints = [models.UniqueConstraint(fields=["slug"], name="company_unique_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shows:list") + f"?company={self.slug}"


class Genre(InvalidatesPages):
    name = models.CharField("name", max_length=100)
    slug = models.SlugField("slug", max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "genre"
        verbose_name_plural = "genres"
        constraints = [models.UniqueConstraint(fields=["slug"], name="genre_unique_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shows:list") + f"?genre={self.slug}"


class ShowQuerySet(InvalidatingQuerySet):
    def for_list_page(self):
        return self.select_related("network").prefetch_related("genres").order_by("-start_year", "title")

    def for_home_page(self):
        """The featured show, with what its teaser shows."""
        return (
            self.filter(is_featured=True)
            .select_related("network")
            .prefetch_related("genres")
            .order_by("-first_aired")
        )

    def nominated(self):
        """Shows that at least one nomination honours."""
        from awards.models import Nomination

        return self.filter(Exists(Nomination.objects.filter(show=OuterRef("pk"))))

    def with_episodes(self):
        return self.filter(Exists(Episode.objects.filter(show=OuterRef("pk"))))

    def in_the_news(self):
        """Shows at least one published article is about."""
        from portal.news.models import Article

        return self.filter(Exists(Article.objects.published().filter(shows=OuterRef("pk"))))

    def for_detail_page(self):
        return self.select_related("network", "developer", "remake_of").prefetch_related(
            "genres",
            "production_companies",
            Prefetch("availability", queryset=Availability.objects.select_related("platform")),
            "remakes",
            Prefetch("relations", queryset=ShowRelation.objects.select_related("related")),
        )


class Show(InvalidatesPages):
    class Kind(models.TextChoices):
        SERIES = "series", "TV series"
        WEB_SERIES = "web_series", "Web series"
        FILM = "film", "Film"
        SPECIAL = "special", "TV special"

    title = models.CharField("title", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    native_title = models.CharField("native title", max_length=200, blank=True)
    alternative_titles = models.TextField("alternative titles", blank=True, help_text="One per line.")
    kind = models.CharField("kind", max_length=20, choices=Kind.choices, default=Kind.SERIES)
    genres = models.ManyToManyField(Genre, blank=True, related_name="shows", verbose_name="genres")
    network = models.ForeignKey(
        Company,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="broadcast_shows",
        verbose_name="network",
    )
    developer = models.ForeignKey(
        Company,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="developed_shows",
        verbose_name="developer",
    )
    production_companies = models.ManyToManyField(
        Company, blank=True, related_name="produced_shows", verbose_name="production companies"
    )
    first_aired = models.DateField("first aired", null=True, blank=True)
    last_aired = models.DateField("last aired", null=True, blank=True)
    start_year = models.PositiveSmallIntegerField("start year", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        "end year", null=True, blank=True, help_text="Leave blank while the show is still running or unknown."
    )
    broadcast_slot = models.CharField("broadcast slot", max_length=200, blank=True)
    episode_count = models.PositiveSmallIntegerField("regular episodes", null=True, blank=True)
    special_count = models.PositiveSmallIntegerField("specials", null=True, blank=True)
    runtime_min = models.PositiveSmallIntegerField("shortest runtime (minutes)", null=True, blank=True)
    runtime_max = models.PositiveSmallIntegerField("longest runtime (minutes)", null=True, blank=True)
    country = models.CharField("country", max_length=100, blank=True)
    language = models.CharField("language", max_length=100, blank=True)
    synopsis = models.TextField("synopsis", blank=True)
    production_notes = models.TextField("production notes", blank=True)
    reception_notes = models.TextField("reception notes", blank=True)
    filming_locations = models.TextField("filming locations", blank=True, help_text="One per line.")
    budget_note = models.CharField("budget note", max_length=300, blank=True)
    poster = PictureField(
        "poster", upload_to="posters/", blank=True, spec=POSTER, size_fields=("poster_width", "poster_height")
    )
    poster_width = models.PositiveIntegerField("poster width (pixels)", null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(
        "poster height (pixels)", null=True, blank=True, editable=False
    )
    remake_of = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="remakes", verbose_name="remake of"
    )
    is_featured = models.BooleanField("featured on the home page", default=False)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "show"
        verbose_name_plural = "shows"
        indexes = [models.Index(fields=["-start_year", "title"], name="show_list_order")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="show_unique_slug"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="show_years_in_order",
            ),
            models.CheckConstraint(
                condition=Q(last_aired__isnull=True)
                | Q(first_aired__isnull=True)
                | Q(last_aired__gte=models.F("first_aired")),
                name="show_air_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shows:detail", args=[self.slug])

    @property
    def alternative_title_list(self):
        return split_lines(self.alternative_titles)

    @property
    def filming_location_list(self):
        return split_lines(self.filming_locations)

    @property
    def years(self):
        """'2024', '2019–2020', '2020–' (still running or end unknown), or ''."""
        if not self.start_year:
            return ""
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year or ''}"

    @property
    def runtime(self):
        if self.runtime_min and self.runtime_max and self.runtime_min != self.runtime_max:
            return f"{self.runtime_min}–{self.runtime_max} minutes"
        minutes = self.runtime_min or self.runtime_max
        return f"{minutes} minutes" if minutes else ""


class Availability(InvalidatesPages):
    """Where a show can be streamed."""

    show = models.ForeignKey(Show, models.CASCADE, related_name="availability", verbose_name="show")
    platform = models.ForeignKey(
        Company, models.CASCADE, related_name="streamed_shows", verbose_name="platform"
    )
    region = models.CharField("region", max_length=200, blank=True)

    class Meta:
        ordering = ["show", "platform__name"]
        verbose_name = "streaming availability"
        verbose_name_plural = "streaming availability"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "platform", "region"], name="availability_unique_platform_region"
            )
        ]

    def __str__(self):
        return f"{self.platform} ({self.region})" if self.region else str(self.platform)

    def get_absolute_url(self):
        return self.show.get_absolute_url()


class ShowRelation(InvalidatesPages):
    """Any other connection between two shows worth a link (shared writer, record it broke, …)."""

    show = models.ForeignKey(Show, models.CASCADE, related_name="relations", verbose_name="show")
    related = models.ForeignKey(Show, models.CASCADE, related_name="+", verbose_name="related show")
    note = models.CharField("how they are related", max_length=300, blank=True)

    class Meta:
        ordering = ["show", "related__start_year", "related__title"]
        verbose_name = "related show"
        verbose_name_plural = "related shows"
        constraints = [
            models.UniqueConstraint(fields=["show", "related"], name="showrelation_unique_pair"),
            models.CheckConstraint(condition=~Q(show=models.F("related")), name="showrelation_not_self"),
        ]

    def __str__(self):
        return f"{self.show} → {self.related}"

    def get_absolute_url(self):
        return self.related.get_absolute_url()


class EpisodeQuerySet(InvalidatingQuerySet):
    def for_show_table(self):
        return self.order_by("kind", "number")

    def for_site_list(self):
        """Episodes of every show in the order they aired; those without a known date last."""
        return self.select_related("show").order_by(
            F("air_date").asc(nulls_last=True), "show__title", "show_id", "kind", "number"
        )

    def neighbours(self, episode):
        """(previous, next) episode of the same kind in one query; either may be None."""
        nearby = {
            e.number: e
            for e in self.filter(
                show_id=episode.show_id,
                kind=episode.kind,
                number__in=[episode.number - 1, episode.number + 1],
            ).select_related("show")
        }
        return nearby.get(episode.number - 1), nearby.get(episode.number + 1)

    def for_detail_page(self):
        from people.models import Casting
        from portal.news.models import Article

        return self.select_related("show").prefetch_related(
            Prefetch(
                "cameos",
                queryset=Casting.objects.select_related("person", "character"),
            ),
            Prefetch("articles", queryset=Article.objects.published().newest_first()),
        )


class Episode(InvalidatesPages):
    class Kind(models.TextChoices):
        REGULAR = "regular", "Episode"
        SPECIAL = "special", "Special"

    # Each kind's segment in the addresses (/shows/<slug>/episodes/8/, /shows/<slug>/specials/1/ and their
    # feeds); the `episode_kind` path converter (shows/converters.py) reads it both ways.
    KIND_URL_SEGMENTS = {Kind.REGULAR: "episodes", Kind.SPECIAL: "specials"}

    show = models.ForeignKey(Show, models.CASCADE, related_name="episodes", verbose_name="show")
    kind = models.CharField("kind", max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    number = models.PositiveSmallIntegerField("number")
    title = models.CharField("title", max_length=200, blank=True)
    air_date = models.DateField("air date", null=True, blank=True)
    synopsis = models.TextField("synopsis", blank=True)
    nationwide_share = models.DecimalField(
        "nationwide audience share (%)",
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Nielsen Korea average audience share. Leave blank when unknown.",
    )
    seoul_share = models.DecimalField(
        "Seoul audience share (%)",
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Nielsen Korea average audience share. Leave blank when unknown.",
    )

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["show", "kind", "number"]
        verbose_name = "episode"
        verbose_name_plural = "episodes"
        indexes = [models.Index(fields=["air_date"], name="episode_air_date")]
        constraints = [
            models.UniqueConstraint(fields=["show", "kind", "number"], name="episode_unique_number_per_kind"),
            models.CheckConstraint(condition=Q(number__gte=1), name="episode_number_positive"),
            models.CheckConstraint(
                condition=Q(nationwide_share__isnull=True)
                | Q(nationwide_share__gte=0, nationwide_share__lte=100),
                name="episode_nationwide_share_percent",
            ),
            models.CheckConstraint(
                condition=Q(seoul_share__isnull=True) | Q(seoul_share__gte=0, seoul_share__lte=100),
                name="episode_seoul_share_percent",
            ),
        ]

    def __str__(self):
        return f"{self.show} – {self.label}"

    def get_absolute_url(self):
        return reverse("shows:episode", args=[self.show.slug, self.kind, self.number])

    @property
    def label(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_special(self):
        return self.kind == self.Kind.SPECIAL


class Chart(InvalidatesPages):
    """A music chart (e.g. the Circle Digital Chart) that albums and songs peak on."""

    name = models.CharField("name", max_length=200)
    short_name = models.CharField("short name", max_length=50, help_text="Column heading, e.g. 'KOR Circle'.")
    slug = models.SlugField("slug", max_length=100)
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chart"
        verbose_name_plural = "charts"
        constraints = [models.UniqueConstraint(fields=["slug"], name="chart_unique_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shows:list")


class AlbumQuerySet(InvalidatingQuerySet):
    def for_show_page(self):
        return self.prefetch_related(
            Prefetch("chart_peaks", queryset=AlbumChartPeak.objects.select_related("chart"))
        )

    def for_soundtrack_page(self):
        from people.models import Person

        return self.prefetch_related(
            Prefetch("chart_peaks", queryset=AlbumChartPeak.objects.select_related("chart")),
            Prefetch("artists", queryset=Person.objects.order_by("name")),
        )


class Album(InvalidatesPages):
    show = models.ForeignKey(Show, models.CASCADE, related_name="albums", verbose_name="show")
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
        constraints = [models.UniqueConstraint(fields=["show", "slug"], name="album_unique_slug_per_show")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shows:soundtrack", args=[self.show.slug]) + f"#album-{self.slug}"


class AlbumChartPeak(InvalidatesPages):
    album = models.ForeignKey(Album, models.CASCADE, related_name="chart_peaks", verbose_name="album")
    chart = models.ForeignKey(Chart, models.CASCADE, related_name="album_peaks", verbose_name="chart")
    year = models.PositiveSmallIntegerField("chart year", null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        "peak position", null=True, blank=True, help_text="Blank: did not chart."
    )

    class Meta:
        ordering = ["album", "chart"]
        verbose_name = "album chart peak"
        verbose_name_plural = "album chart peaks"
        constraints = [
            models.UniqueConstraint(fields=["album", "chart"], name="albumchartpeak_unique_chart"),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__gte=1),
                name="albumchartpeak_position_positive",
            ),
        ]

    def __str__(self):
        return f"{self.album} on {self.chart}: {self.position or '—'}"

    def get_absolute_url(self):
        return self.album.get_absolute_url()


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
        return self.filter(Exists(SongChartPeak.objects.filter(song=OuterRef("pk"), position__isnull=False)))

    def by_best_peak(self):
        """Best (lowest) peak over all charts first; songs that never charted last, in part order."""
        return self.annotate(best_peak=Min("chart_peaks__position")).order_by(
            F("best_peak").asc(nulls_last=True), "kind", "part", "title"
        )


class Song(InvalidatesPages):
    class Kind(models.TextChoices):
        PART = "part", "OST part"
        SPECIAL = "special", "Special single"
        TRACK = "track", "Album track"

    show = models.ForeignKey(Show, models.CASCADE, related_name="songs", verbose_name="show")
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

    class Meta:
        ordering = ["show", "kind", "part", "title"]
        verbose_name = "song"
        verbose_name_plural = "songs"
        constraints = [
            models.UniqueConstraint(fields=["show", "slug"], name="song_unique_slug_per_show"),
            models.UniqueConstraint(
                fields=["show", "part"], condition=Q(kind="part"), name="song_unique_part_per_show"
            ),
            models.CheckConstraint(
                condition=Q(part__isnull=True) | Q(part__gte=1), name="song_part_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shows:soundtrack", args=[self.show.slug]) + f"#song-{self.slug}"

    @property
    def part_label(self):
        if self.kind == self.Kind.PART and self.part:
            return f"Part {self.part}"
        return self.get_kind_display()

    @property
    def alternative_title_list(self):
        return split_lines(self.alternative_titles)


class SongChartPeak(InvalidatesPages):
    song = models.ForeignKey(Song, models.CASCADE, related_name="chart_peaks", verbose_name="song")
    chart = models.ForeignKey(Chart, models.CASCADE, related_name="song_peaks", verbose_name="chart")
    position = models.PositiveSmallIntegerField(
        "peak position", null=True, blank=True, help_text="Blank: did not chart."
    )

    class Meta:
        ordering = ["song", "chart"]
        verbose_name = "song chart peak"
        verbose_name_plural = "song chart peaks"
        constraints = [
            models.UniqueConstraint(fields=["song", "chart"], name="songchartpeak_unique_chart"),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__gte=1),
                name="songchartpeak_position_positive",
            ),
        ]

    def __str__(self):
        return f"{self.song} on {self.chart}: {self.position or '—'}"

    def get_absolute_url(self):
        return self.song.get_absolute_url()


class CriticReview(InvalidatesPages):
    show = models.ForeignKey(Show, models.CASCADE, related_name="reviews", verbose_name="show")
    publication = models.CharField("publication", max_length=200)
    critic = models.CharField("critic", max_length=200, blank=True)
    score = models.DecimalField("score", max_digits=5, decimal_places=1, null=True, blank=True)
    score_out_of = models.DecimalField("out of", max_digits=5, decimal_places=1, null=True, blank=True)
    summary = models.TextField("summary", blank=True, help_text="In our own words.")
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["show", "order", "publication"]
        verbose_name = "critic's review"
        verbose_name_plural = "critics' reviews"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "publication", "critic"], name="criticreview_unique_per_critic"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(score_out_of__isnull=False, score__lte=models.F("score_out_of")),
                name="criticreview_score_within_scale",
            ),
        ]

    def __str__(self):
        return f"{self.publication} on {self.show}"

    def get_absolute_url(self):
        return self.show.get_absolute_url() + f"#review-{self.pk}"

    @property
    def score_display(self):
        if self.score is None:
            return ""
        return f"{self.score.normalize():f}/{self.score_out_of.normalize():f}"


class Listicle(InvalidatesPages):
    show = models.ForeignKey(Show, models.CASCADE, related_name="listicles", verbose_name="show")
    publisher = models.CharField("publisher", max_length=200)
    year = models.PositiveSmallIntegerField("year")
    title = models.CharField("list", max_length=300)
    placement = models.PositiveSmallIntegerField(
        "placement", null=True, blank=True, help_text="Blank when unranked or unknown."
    )

    class Meta:
        ordering = ["show", "year", "publisher", "title"]
        verbose_name = "listicle"
        verbose_name_plural = "listicles"
        constraints = [
            models.UniqueConstraint(fields=["show", "publisher", "title"], name="listicle_unique_list"),
            models.CheckConstraint(
                condition=Q(placement__isnull=True) | Q(placement__gte=1), name="listicle_placement_positive"
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self):
        return self.show.get_absolute_url() + "#listicles"


def show_page_sections(show):
    """The show page's sections besides the show itself, each from a named queryset, in fixed queries."""
    from awards.models import Nomination
    from people.models import Character, CrewCredit
    from portal.comments.models import with_comment_counts
    from portal.news.models import Article

    nominations = Nomination.objects.filter(show=show)
    return {
        "episodes": with_comment_counts(show.episodes.for_show_table()),
        "main_characters": list(Character.objects.for_cast_page().filter(show=show, group__slug="main")),
        "crew": CrewCredit.objects.for_show(show),
        "songs": list(show.songs.order_by("kind", "part", "title")),
        "albums": list(show.albums.for_show_page()),
        "award_counts": nominations.result_counts(),
        "won_nominations": list(
            nominations.filter(result=Nomination.Result.WON)
            .select_related("category", "ceremony")
            .order_by("year", "ceremony__name", "position")
        ),
        "awards_by_ceremony": list(nominations.summary_by_ceremony()),
        "reviews": list(show.reviews.all()),
        "listicles": list(show.listicles.all()),
        "articles": list(Article.objects.for_list_page().filter(shows=show)[:5]),
    }
