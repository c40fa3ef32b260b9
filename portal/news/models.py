from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.images import ARTICLE, PictureField


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())

    def for_list_page(self):
        return self.published().prefetch_related("shows").order_by("-published_at")

    def for_detail_page(self):
        return self.published().prefetch_related("shows", "episodes__show", "people")


class Article(models.Model):
    title = models.CharField("title", max_length=300)
    slug = models.SlugField("slug", max_length=300)
    standfirst = models.CharField(
        "standfirst", max_length=500, help_text="One-sentence summary under the title."
    )
    body = models.TextField("body", help_text="Paragraphs separated by blank lines.")
    published_at = models.DateTimeField("published", default=timezone.now)
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = "news article"
        verbose_name_plural = "news articles"
        indexes = [models.Index(fields=["-published_at"], name="article_published")]
        constraints = [models.UniqueConstraint(fields=["slug"], name="article_unique_slug")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
