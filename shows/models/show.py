"""Shows, the companies that make and broadcast them, their genres and relations to other shows."""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.pictures.fields import PictureField
from portal.pictures.thumbnails import POSTER
from portal.relations import related_objects
from portal.text import split_lines


class Company(ConstraintErrorsOnFields, InvalidatesPages):
    """A network, studio, distributor or streaming platform."""

    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    native_name = models.CharField("native name", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "company"
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="company_unique_slug",
                violation_error_message="Another company already has this slug.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("shows:list") + f"?company={self.slug}"


class Genre(ConstraintErrorsOnFields, InvalidatesPages):
    name = models.CharField("name", max_length=100)
    slug = models.SlugField("slug", max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "genre"
        verbose_name_plural = "genres"
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="genre_unique_slug",
                violation_error_message="Another genre already has this slug.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("shows:list") + f"?genre={self.slug}"


@functools.cache
def time_zone_names():
    # "localtime" is this machine's own zone file, not an IANA name.
    return frozenset(zoneinfo.available_timezones() - {"localtime"})


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            "Enter a time zone by its IANA name, for example Asia/Seoul or Europe/Berlin.", code="invalid"
        )


class ShowQuerySet(InvalidatingQuerySet):
    def for_list_page(self):
        return (
            self.select_related("network")
            .prefetch_related("genres")
            .with_fan_ratings()
            .order_by("-start_year", "title")
        )

    def for_home_page(self):
        """The featured show, with what its teaser shows."""
        return (
            self.filter(is_featured=True)
            .select_related("network")
            .prefetch_related("genres")
            .order_by("-first_aired")
        )

    def with_episodes(self):
        return self.filter(Exists(related_objects(Show, "episodes").filter(show=OuterRef("pk"))))

    def for_detail_page(self):
        return (
            self.select_related("network", "developer", "remake_of")
            .prefetch_related(
                "genres",
                "production_companies",
                Prefetch("availability", queryset=Availability.objects.select_related("platform")),
                "remakes",
                Prefetch("relations", queryset=ShowRelation.objects.select_related("related")),
            )
            .with_fan_ratings()
        )

    def with_fan_ratings(self):
        """Each show's fan rating as `fan_average` (None before any) and `fan_votes`."""
        from portal.fans.models import fan_rating_annotations

        return self.annotate(**fan_rating_annotations("show"))


class Show(ConstraintErrorsOnFields, InvalidatesPages):
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
    air_time = models.TimeField(
        "air time",
        null=True,
        blank=True,
        help_text="When regular episodes start, in local time of the time zone below (e.g. 21:20). "
        "Leave blank when unknown.",
    )
    air_time_zone = models.CharField(
        "air time zone",
        max_length=64,
        default="Asia/Seoul",
        validators=[validate_time_zone],
        help_text="The IANA name of the time zone of the air time, e.g. Asia/Seoul.",
    )
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
    history = edit_history()
    constraint_fields = {"show_years_in_order": "end_year", "show_air_dates_in_order": "last_aired"}

    class Meta:
        ordering = ["title"]
        verbose_name = "show"
        verbose_name_plural = "shows"
        indexes = [models.Index(fields=["-start_year", "title"], name="show_list_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="show_unique_slug",
                violation_error_message="Another show has this slug: each show needs its own address.",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="show_years_in_order",
                violation_error_message="The end year cannot be before the start year.",
            ),
            models.CheckConstraint(
                condition=Q(last_aired__isnull=True)
                | Q(first_aired__isnull=True)
                | Q(last_aired__gte=models.F("first_aired")),
                name="show_air_dates_in_order",
                violation_error_message="The last air date cannot be before the first air date.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_path("shows:detail", self.slug)

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
    def air_zone(self):
        """The ZoneInfo of air_time_zone; None for a name that is no known zone (written around the form)."""
        if self.air_time_zone not in time_zone_names():
            return None
        return zoneinfo.ZoneInfo(self.air_time_zone)

    @property
    def runtime(self):
        if self.runtime_min and self.runtime_max and self.runtime_min != self.runtime_max:
            return f"{self.runtime_min}–{self.runtime_max} minutes"
        minutes = self.runtime_min or self.runtime_max
        return f"{minutes} minutes" if minutes else ""


class Availability(ConstraintErrorsOnFields, InvalidatesPages):
    """Where a show can be streamed."""

    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show",)

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
                fields=["show", "platform", "region"],
                name="availability_unique_platform_region",
                violation_error_message="This show is already listed on this platform for this region.",
            )
        ]

    def __str__(self):
        return f"{self.platform} ({self.region})" if self.region else str(self.platform)

    def get_absolute_url(self):
        return self.show.get_absolute_url()


class ShowRelation(ConstraintErrorsOnFields, InvalidatesPages):
    """Any other connection between two shows worth a link (shared writer, record it broke, …)."""

    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show", "related")

    show = models.ForeignKey(Show, models.CASCADE, related_name="relations", verbose_name="show")
    related = models.ForeignKey(Show, models.CASCADE, related_name="+", verbose_name="related show")
    note = models.CharField("how they are related", max_length=300, blank=True)

    constraint_fields = {"showrelation_not_self": "related"}

    class Meta:
        ordering = ["show", "related__start_year", "related__title"]
        verbose_name = "related show"
        verbose_name_plural = "related shows"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "related"],
                name="showrelation_unique_pair",
                violation_error_message="This show is already listed as related.",
            ),
            models.CheckConstraint(
                condition=~Q(show=models.F("related")),
                name="showrelation_not_self",
                violation_error_message="A show cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.show} → {self.related}"

    def get_absolute_url(self):
        return self.related.get_absolute_url()
