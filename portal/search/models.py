from functools import reduce
from operator import and_

from django.db import connection, models
from django.db.models import BooleanField, Case, Count, Exists, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from .normalize import compact, is_specific, romanization_key, words

# A search ranks a bounded set of candidates, each found through an index, so it costs the same at any size.
POPULAR_PER_KIND = 200  # how far down each kind's importance order (weight) a search looks for matches
PER_KIND = 50  # the most matches one kind contributes from that look
SPECIFIC = 100  # the most entries found by exact name, by name prefix (specific queries) or as typos


class SearchEntryQuerySet(models.QuerySet):
    def candidates(self, query):
        """The primary keys of at most a few hundred entries worth ranking for `query`:

        - per kind, matches among its POPULAR_PER_KIND most important entries (the "kim" and "qu" that match
          tens of thousands of entries at full size: the best known of them);
        - entries whose main name is exactly the query ("IU", "BSS"), through the `name` index;
        - for a specific query (normalize.is_specific), entries with a name starting with it or with its
          romanization, through the trigram indexes on PostgreSQL;
        - on PostgreSQL, when no name starts with a specific query, names spelt nearly like it (typos).

        Each part is an index lookup with a LIMIT, so matching() ranks at most about 700 rows at any size.
        """
        query_compact, query_words = compact(query), words(query)
        named = Q(names__contains=f"|{query_compact}") | Q(keys__contains=f"|{romanization_key(query)}|")
        worded = reduce(and_, [Q(words__contains=f" {w}") for w in query_words])
        # Inside CASE the condition is checked on the walked rows only: as a plain WHERE the planner may
        # rather look it up in the trigram indexes, which costs more the more entries contain the letters.
        hit = Case(When(named | worded, then=True), default=False, output_field=BooleanField())
        base = self.order_by()
        parts = [base.filter(name=query_compact).values("pk")[:SPECIFIC]]
        for kind in SearchEntry.Kind.values:
            popular = base.filter(kind=kind).order_by("-weight", "pk").values("pk")[:POPULAR_PER_KIND]
            walked = base.filter(pk__in=popular).alias(hit=hit).filter(hit=True)
            parts.append(walked.order_by("-weight", "pk").values("pk")[:PER_KIND])
        if is_specific(query_compact):
            parts.append(base.filter(named).values("pk")[:SPECIFIC])
            if connection.vendor == "postgresql":
                # Typos only when no name starts with the query. The LIMIT inside makes the planner look for
                # one with the trigram index, not with a sequential scan that it expects to stop early.
                by_name = base.filter(names__contains=f"|{query_compact}").values("pk")[:SPECIFIC]
                typo = Q(names__trigram_word_similar=query_compact) & ~Exists(base.filter(pk__in=by_name))
                parts.append(base.filter(typo).values("pk")[:SPECIFIC])
        if not connection.features.supports_slicing_ordering_in_compound:
            # SQLite takes no LIMIT inside a UNION: there each part goes in as `pk IN (part)`.
            parts = [self.model.objects.filter(pk__in=part).order_by().values("pk") for part in parts]
        first, *others = parts
        return first.union(*others, all=True)

    def matching(self, query):
        """Entries matching `query`, among its candidates(), annotated with `tier` (4 exact name, 3 name
        prefix, 2 word, 1 fuzzy) and ordered best first. On PostgreSQL, full-text rank and trigram similarity
        order entries within a tier."""
        query_compact, query_words = compact(query), words(query)
        if not query_words:
            return self.none()
        exact = Q(names__contains=f"|{query_compact}|")
        prefix = Q(names__contains=f"|{query_compact}") | Q(keys__contains=f"|{romanization_key(query)}|")
        word = Q(names__contains=query_compact) | reduce(
            and_, [Q(words__contains=f" {w}") for w in query_words]
        )
        tiers = [When(exact, then=4), When(prefix, then=3), When(word, then=2)]
        qs = self.filter(pk__in=self.candidates(query))
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import (
                SearchQuery,
                SearchRank,
                SearchVector,
                TrigramWordSimilarity,
            )

            text_query = SearchQuery(" ".join(query_words), config="simple")
            qs = qs.annotate(
                text_rank=SearchRank(SearchVector("words", config="simple"), text_query),
                similarity=TrigramWordSimilarity(Value(query_compact), "names"),
            )
        else:
            qs = qs.annotate(text_rank=Value(0.0, FloatField()), similarity=Value(0.0, FloatField()))
        visible = Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now())
        return qs.filter(visible).annotate(tier=Case(*tiers, default=Value(1))).order_by(*self.best_first())

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
        """The best `limit` matches of each kind, each with `kind_count` (how many of its kind match), in one
        query: window functions number and count them per kind."""
        numbered = self.annotate(
            row=Window(RowNumber(), partition_by=[F("kind")], order_by=self.best_first()),
            kind_count=Window(Count("pk"), partition_by=[F("kind")]),
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
    name = models.CharField(
        "normalized name",
        max_length=300,
        blank=True,
        help_text="The first of the names, compacted: found exactly through an index.",
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
        indexes = [
            models.Index(fields=["name"], name="searchentry_name"),
            # Each kind's entries in importance order: SearchEntryQuerySet.candidates() walks its top.
            models.Index(fields=["kind", "-weight", "id"], name="searchentry_kind_importance"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url or reverse("search:results")
