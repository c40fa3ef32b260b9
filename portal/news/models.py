from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.pictures.fields import PictureField
from portal.pictures.thumbnails import ARTICLE

# Newest first; articles whose publication date is unknown come after the dated ones, latest events first.
NEWEST_FIRST = [
    F("published_at").desc(nulls_last=True),
    F("story_date").desc(nulls_last=True),
    F("pk").desc(),
]


class ArticleQuerySet(InvalidatingQuerySet):
    def published(self):
        """Articles out now: those dated in the past and those whose date is unknown (a future date
        schedules an article)."""
        return self.filter(Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()))

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def for_list_page(self):
        return self.published().prefetch_related("shows").newest_first()

    def for_detail_page(self):
        return self.published().prefetch_related("shows", "episodes__show", "people")


class Article(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents_many = ("shows", "episodes", "people")

    title = models.CharField("title", max_length=300)
    slug = models.SlugField("slug", max_length=300)
    standfirst = models.CharField(
        "standfirst", max_length=500, help_text="One-sentence summary under the title."
    )
    body = models.TextField("body", help_text="Paragraphs separated by blank lines.")
    published_at = models.DateTimeField(
        "published",
        default=timezone.now,
        null=True,
        blank=True,
        help_text="A future time schedules the article. Blank when our sources do not give the date.",
    )
    story_date = models.DateField("date of the events", null=True, blank=True)
    source_note = models.CharField("based on", max_length=300, blank=True)
    has_spoilers = models.BooleanField("contains spoilers", default=False)
    image = PictureField(
        "image", upload_to="news/", blank=True, spec=ARTICLE, size_fields=("image_width", "image_height")
    )
    image_width = models.PositiveIntegerField("image width (pixels)", null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField("image height (pixels)", null=True, blank=True, editable=False)
    shows = models.ManyToManyField("shows.Show", blank=True, related_name="articles", verbose_name="shows")
    episodes = models.ManyToManyField(
        "shows.Episode", blank=True, related_name="articles", verbose_name="episodes"
    )
    people = models.ManyToManyField(
        "people.Person", blank=True, related_name="articles", verbose_name="people"
    )
    # When this record last changed: what feeds that require a date per entry (Atom) are given, never shown
    # as the publication date.
    updated_at = models.DateTimeField("last changed", auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # Not `updated_at`: it changes with every save, so every version would list it.
    history = edit_history(excluded_fields=["updated_at"])

    class Meta:
        ordering = NEWEST_FIRST
        verbose_name = "news article"
        verbose_name_plural = "news articles"
        indexes = [models.Index(fields=["-published_at"], name="article_published")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="article_unique_slug",
                violation_error_message="Another article already has this slug.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_path("news:detail", self.slug)

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
