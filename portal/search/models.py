from functools import reduce
from operator import and_

from django.db import connection, models
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from .normalize import compact, romanization_key, words


class SearchEntryQuerySet(models.QuerySet):
    def matching(self, query):
        """Entries matching `query`, annotated with `tier` (4 exact name, 3 name prefix, 2 word, 1 fuzzy) and
        ordered best first. On PostgreSQL, typos in longer words are forgiven (pg_trgm) and full-text rank
        orders entries within a tier; both are served by GIN indexes (migration 0002)."""
        query_compact, query_words = compact(query), words(query)
        exact = Q(names__contains=f"|{query_compact}|")
        prefix = Q(names__contains=f"|{query_compact}") | Q(keys__contains=f"|{romanization_key(query)}|")
        word = Q(names__contains=query_compact) | reduce(
            and_, [Q(words__contains=f" {w}") for w in query_words]
        )
        tiers = [When(exact, then=4), When(prefix, then=3), When(word, then=2)]
        condition = exact | prefix | word
        qs = self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import (
                SearchQuery,
                SearchRank,
                SearchVector,
                TrigramWordSimilarity,
            )

            text_query = SearchQuery(" ".join(query_words), config="simple")
            qs = qs.annotate(document=SearchVector("words", config="simple"))
            condition |= Q(document=text_query)
            if len(query_compact) >= 5:
                condition |= Q(names__trigram_word_similar=query_compact)
            qs = qs.annotate(
                text_rank=SearchRank(F("document"), text_query),
                similarity=TrigramWordSimilarity(Value(query_compact), "names"),
            )
        else:
            qs = qs.annotate(text_rank=Value(0.0, FloatField()), similarity=Value(0.0, FloatField()))
        visible = Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now())
        return (
            qs.filter(condition, visible)
            .annotate(tier=Case(*tiers, default=Value(1)))
            .order_by(*self.best_first())
        )

    @staticmethod
    def best_first():
        """The ranking, as order_by expressions over matching()'s annotations."""
        return [
            F("tier").desc(),
            F("text_rank").desc(),
            F("similarity").desc(),
            F("weight").desc(),
            F("sort_key").asc(),
            F("pk").asc(),
        ]

    def kind_counts(self):
        """{kind: number of matches} in one query."""
        return dict(self.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))

    def top_per_kind(self, limit):
        """The best `limit` matches of each kind, in one query (a window function numbers them per kind)."""
        numbered = self.annotate(
            row=Window(RowNumber(), partition_by=[F("kind")], order_by=self.best_first())
        )
        return numbered.filter(row__lte=limit)


class SearchEntry(models.Model):
    """One searchable page: a show, person, character, episode, song, ceremony, category or article."""

    class Kind(models.TextChoices):
        # In the order result groups are listed when they match equally well.
        SHOW = "show", "Shows"
        PERSON = "person", "People"
        CHARACTER = "character", "Characters"
        EPISODE = "episode", "Episodes"
        SONG = "song", "Songs"
        CEREMONY = "ceremony", "Award ceremonies"
        CATEGORY = "category", "Award categories"
        ARTICLE = "article", "News"

    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("object id")
    title = models.CharField("title", max_length=300)
    sort_key = models.CharField(
        "sort key",
        max_length=400,
        blank=True,
        help_text="Orders equally good matches: the title in lower case, numbers padded (2 before 10).",
    )
    url = models.CharField("address", max_length=500)
    context = models.CharField("context line", max_length=300, blank=True)
    text = models.TextField("text", blank=True, help_text="Longer text a result can quote around a match.")
    visible_from = models.DateTimeField(
        "visible from",
        null=True,
        blank=True,
        help_text="Not found before this time (e.g. scheduled articles).",
    )
    names = models.TextField("normalized names", help_text="Compacted name variants between '|' delimiters.")
    keys = models.TextField(
        "romanization keys",
        default="||",
        help_text="The names with romanization variants folded (between '|').",
    )
    words = models.TextField("normalized words", help_text="Normalized words between spaces.")
    weight = models.PositiveIntegerField(
        "weight", default=0, help_text="Breaks ties: how much the portal has on it."
    )

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "sort_key"]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url or reverse("search:results")
