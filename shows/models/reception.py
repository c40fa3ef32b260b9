"""How critics received a show: reviews and year-end lists."""

from django.db import models
from django.db.models import Q

from portal.admin_tools.fields import DecimalField
from portal.caching.invalidation import InvalidatesPages
from portal.constraints import ConstraintErrorsOnFields


class CriticReview(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show",)

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="reviews", verbose_name="show")
    publication = models.CharField("publication", max_length=200)
    critic = models.CharField("critic", max_length=200, blank=True)
    score = DecimalField("score", max_digits=5, decimal_places=1, null=True, blank=True)
    score_out_of = DecimalField("out of", max_digits=5, decimal_places=1, null=True, blank=True)
    summary = models.TextField("summary", blank=True, help_text="In our own words.")
    order = models.PositiveSmallIntegerField("order", default=0)

    constraint_fields = {"criticreview_score_within_scale": "score"}

    class Meta:
        ordering = ["show", "order", "publication"]
        verbose_name = "critic's review"
        verbose_name_plural = "critics' reviews"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "publication", "critic"],
                name="criticreview_unique_per_critic",
                violation_error_message="This show already has a review by this critic in this publication.",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(score_out_of__isnull=False, score__lte=models.F("score_out_of")),
                name="criticreview_score_within_scale",
                violation_error_message="Give the scale the score is out of, and a score no higher than it.",
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


class Listicle(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show",)

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="listicles", verbose_name="show")
    publisher = models.CharField("publisher", max_length=200)
    year = models.PositiveSmallIntegerField("year")
    title = models.CharField("list", max_length=300)
    placement = models.PositiveSmallIntegerField(
        "placement", null=True, blank=True, help_text="Blank when unranked or unknown."
    )

    constraint_fields = {"listicle_placement_positive": "placement"}

    class Meta:
        ordering = ["show", "year", "publisher", "title"]
        verbose_name = "listicle"
        verbose_name_plural = "listicles"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "publisher", "title"],
                name="listicle_unique_list",
                violation_error_message="This show is already on this publisher's list of this title.",
            ),
            models.CheckConstraint(
                condition=Q(placement__isnull=True) | Q(placement__gte=1),
                name="listicle_placement_positive",
                violation_error_message="Placements start at 1; leave it blank when the list is unranked.",
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self):
        return self.show.get_absolute_url() + "#listicles"
