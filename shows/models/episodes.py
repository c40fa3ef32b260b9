"""Episodes (and specials) of a show, with their air dates and audience shares."""

from django.db import models
from django.db.models import F, Prefetch, Q

from portal.addresses import reverse_path
from portal.admin_tools.fields import DecimalField
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.relations import related_objects


class EpisodeQuerySet(InvalidatingQuerySet):
    def for_show_table(self):
        return self.with_fan_ratings().order_by("kind", "number")

    def with_fan_ratings(self):
        """Each episode's fan rating as `fan_average` (None before any) and `fan_votes`."""
        from portal.fans.models import fan_rating_annotations

        return self.annotate(**fan_rating_annotations("episode"))

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
        cameos = related_objects(Episode, "cameos").select_related("person", "character")
        articles = related_objects(Episode, "articles").published().newest_first()
        return (
            self.select_related("show")
            .prefetch_related(Prefetch("cameos", queryset=cameos), Prefetch("articles", queryset=articles))
            .with_fan_ratings()
        )


def audience_share(verbose_name, places_field):
    """An episode's Nielsen Korea audience share in percent, shown with the decimal places it was entered
    with (kept in `places_field`); blank when unknown."""
    return DecimalField(
        verbose_name,
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        places_field=places_field,
        help_text="Nielsen Korea average audience share, e.g. 7.7 or 16.143. Leave blank when unknown.",
    )


def places_entered(share):
    return models.PositiveSmallIntegerField(
        f"decimal places of the {share} as entered", null=True, blank=True, editable=False
    )


def share_is_a_percentage(field):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100}),
        name=f"episode_{field}_percent",
        violation_error_message="An audience share is a percentage: enter a number from 0 to 100.",
    )


class Episode(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("show",)

    class Kind(models.TextChoices):
        REGULAR = "regular", "Episode"
        SPECIAL = "special", "Special"

    # Each kind's segment in the addresses (/shows/<slug>/episodes/8/, /shows/<slug>/specials/1/ and their
    # feeds); the `episode_kind` path converter (shows/converters.py) reads it both ways.
    KIND_URL_SEGMENTS = {Kind.REGULAR: "episodes", Kind.SPECIAL: "specials"}

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="episodes", verbose_name="show")
    kind = models.CharField("kind", max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    number = models.PositiveSmallIntegerField("number")
    title = models.CharField("title", max_length=200, blank=True)
    air_date = models.DateField("air date", null=True, blank=True)
    synopsis = models.TextField("synopsis", blank=True)
    nationwide_share = audience_share("nationwide audience share (%)", "nationwide_share_places")
    seoul_share = audience_share("Seoul audience share (%)", "seoul_share_places")
    # After the shares: a share's pre_save sets its places, which are then saved with it.
    nationwide_share_places = places_entered("nationwide share")
    seoul_share_places = places_entered("Seoul share")

    objects = EpisodeQuerySet.as_manager()
    history = edit_history()
    constraint_fields = {
        "episode_number_positive": "number",
        "episode_nationwide_share_percent": "nationwide_share",
        "episode_seoul_share_percent": "seoul_share",
    }

    class Meta:
        ordering = ["show", "kind", "number"]
        verbose_name = "episode"
        verbose_name_plural = "episodes"
        indexes = [models.Index(fields=["air_date"], name="episode_air_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["show", "kind", "number"],
                name="episode_unique_number_per_kind",
                violation_error_message="This show already has an episode of this kind with this number.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="episode_number_positive",
                violation_error_message="Episode numbers start at 1.",
            ),
            share_is_a_percentage("nationwide_share"),
            share_is_a_percentage("seoul_share"),
        ]

    def __str__(self):
        return f"{self.show} – {self.label}"

    def get_absolute_url(self):
        return reverse_path("shows:episode", self.show.slug, self.kind, self.number)

    @property
    def label(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_special(self):
        return self.kind == self.Kind.SPECIAL
