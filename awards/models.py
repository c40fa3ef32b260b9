from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.relations import related_objects


class CeremonyQuerySet(InvalidatingQuerySet):
    def with_result_counts(self):
        """Each ceremony with its nominations' result_counts() as attributes (total, won, nominated,
        not_recorded): the ceremony list, the admin's column and the search entry."""
        return self.annotate(**result_count_expressions("nominations__")).order_by("name")


class Ceremony(ConstraintErrorsOnFields, InvalidatesPages):
    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    description = models.TextField("description", blank=True)

    objects = CeremonyQuerySet.as_manager()
    history = edit_history()

    class Meta:
        ordering = ["name"]
        verbose_name = "award ceremony"
        verbose_name_plural = "award ceremonies"
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="ceremony_unique_slug",
                violation_error_message="Another award ceremony already has this slug.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("awards:ceremony", self.slug)


class Category(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tag_parents = ("ceremony",)

    ceremony = models.ForeignKey(Ceremony, models.CASCADE, related_name="categories", verbose_name="ceremony")
    name = models.CharField("name", max_length=300)
    slug = models.SlugField("slug", max_length=300)

    class Meta:
        ordering = ["ceremony", "name"]
        verbose_name = "award category"
        verbose_name_plural = "award categories"
        constraints = [
            models.UniqueConstraint(
                fields=["ceremony", "slug"],
                name="category_unique_slug_per_ceremony",
                violation_error_message="Another category of this ceremony already has this slug.",
            )
        ]

    def __str__(self):
        return f"{self.ceremony}: {self.name}"

    def get_absolute_url(self):
        return self.ceremony.get_absolute_url() + f"#category-{self.slug}"


class NominationQuerySet(InvalidatingQuerySet):
    def with_nominees(self):
        people = related_objects(Nomination, "nominee_people")
        songs = related_objects(Nomination, "nominee_songs").select_related("show")
        return self.select_related("ceremony", "category", "show", "nominee_show").prefetch_related(
            # No ordering: ordered by name, PostgreSQL walks the whole people index at the large size;
            # the page orders nominees as printed (nominee_people_as_printed).
            Prefetch("nominee_people", queryset=people.order_by()),
            Prefetch("nominee_songs", queryset=songs),
        )

    def for_nominations_page(self):
        """Newest year first; ceremony, year and position together keep the order stable across pages."""
        return self.with_nominees().order_by("-year", "ceremony__name", "position")

    def for_ceremony_page(self, ceremony):
        return self.with_nominees().filter(ceremony=ceremony).order_by("-year", "position")

    def for_show_page(self, show):
        return self.with_nominees().filter(show=show).order_by("ceremony__name", "year", "position")

    def for_person_page(self, person):
        return (
            self.with_nominees().filter(nominee_people=person).order_by("-year", "ceremony__name", "position")
        )

    def of_nominee_kind(self, kind):
        """Nominations whose nominee is a 'song' (links songs), else a 'person' (links people), else a 'show'
        (links the nominated show); the same order of precedence as Nomination.nominee_kind."""
        links_songs = Exists(Nomination.nominee_songs.through.objects.filter(nomination=OuterRef("pk")))
        links_people = Exists(Nomination.nominee_people.through.objects.filter(nomination=OuterRef("pk")))
        if kind == "song":
            return self.filter(links_songs)
        if kind == "person":
            return self.filter(~links_songs, links_people)
        if kind == "show":
            return self.filter(~links_songs, ~links_people, nominee_show__isnull=False)
        raise ValueError(f"Unknown nominee kind {kind!r}")

    def years(self):
        """The years presented, newest first."""
        return self.order_by("-year").values_list("year", flat=True).distinct()

    def result_counts(self):
        """{'won': n, 'nominated': n, 'not_recorded': n, 'total': n} of these nominations, in one query."""
        return self.aggregate(**result_count_expressions())

    def result_counts_by(self, *fields):
        """result_counts() per distinct value of `fields` (ordered by them) and of them all, in one query."""
        counts = result_count_expressions()
        groups = list(self.values(*fields).annotate(**counts).order_by(*fields))
        # The groups split these nominations between them, so their counts add up to result_counts().
        overall = {key: sum(group[key] for group in groups) for key in counts}
        return GroupedResultCounts(overall=overall, groups=groups)


@dataclass(frozen=True)
class GroupedResultCounts:
    overall: dict  # result_counts() of every group together
    groups: list  # one dict per group: its `fields` and its result_counts()


def result_count_expressions(path=""):
    """The conditional counts behind every won / nominated / not recorded figure, for aggregate() or
    annotate(): 'total' and one per Nomination.Result. `path` leads to the nominations from another model,
    e.g. 'nominations__' from a ceremony."""
    counts = {"total": Count(f"{path}id")}
    for value in Nomination.Result.values:
        counts[value] = Count(f"{path}id", filter=Q(**{f"{path}result": value}))
    return counts


class Nomination(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("ceremony", "show", "nominee_show")
    tag_parents_many = ("nominee_people", "nominee_songs")

    class Result(models.TextChoices):
        WON = "won", "Won"
        NOMINATED = "nominated", "Nominated"
        NOT_RECORDED = "not_recorded", "Not recorded"

    ceremony = models.ForeignKey(
        Ceremony, models.CASCADE, related_name="nominations", verbose_name="ceremony"
    )
    category = models.ForeignKey(
        Category, models.CASCADE, related_name="nominations", verbose_name="category"
    )
    year = models.PositiveSmallIntegerField("year presented")
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Order of this row among the ceremony's rows for the year."
    )
    result = models.CharField("result", max_length=20, choices=Result.choices, default=Result.NOT_RECORDED)
    show = models.ForeignKey(
        "shows.Show",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="for show",
        help_text="The work this nomination honours.",
    )
    nominee_text = models.CharField(
        "nominee as printed",
        max_length=300,
        blank=True,
        help_text="Leave blank when the source does not name the nominee.",
    )
    nominee_show = models.ForeignKey(
        "shows.Show",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations_as_nominee",
        verbose_name="nominated show",
    )
    nominee_people = models.ManyToManyField(
        "people.Person", blank=True, related_name="nominations", verbose_name="nominated people"
    )
    nominee_songs = models.ManyToManyField(
        "shows.Song", blank=True, related_name="nominations", verbose_name="nominated songs"
    )
    note = models.CharField(
        "editor's note",
        max_length=300,
        blank=True,
        help_text="Shown with the row, e.g. how a result is known.",
    )

    objects = NominationQuerySet.as_manager()
    history = edit_history()
    constraint_fields = {"nomination_year_plausible": "year"}

    class Meta:
        ordering = ["ceremony__name", "-year", "position"]
        verbose_name = "nomination"
        verbose_name_plural = "nominations"
        indexes = [
            models.Index(fields=["ceremony", "result"], name="nomination_ceremony_result"),
            models.Index(fields=["year", "result"], name="nomination_year_result"),
            models.Index(fields=["show", "result"], name="nomination_show_result"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ceremony", "year", "position"],
                name="nomination_unique_position",
                violation_error_message="Another nomination of this ceremony and year has this position.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2200),
                name="nomination_year_plausible",
                violation_error_message="Enter the year the award was presented (between 1900 and 2200).",
            ),
        ]

    def __str__(self):
        nominee = self.nominee_text or "nominee not recorded"
        return f"{self.ceremony} {self.year} – {self.category.name}: {nominee}"

    def save(self, *args, **kwargs):
        # The ceremony is stored on the row for filtering and inlines; it always follows the category.
        if self.category_id:
            self.ceremony_id = self.category.ceremony_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.ceremony.get_absolute_url() + f"#nomination-{self.pk}"

    def clean(self):
        if self.category_id and self.ceremony_id and self.category.ceremony_id != self.ceremony_id:
            raise ValidationError({"category": "Choose a category of this ceremony."})

    @property
    def nominee_people_as_printed(self):
        """The linked people in the order the printed nominee names them (uses the prefetched people)."""
        text = self.nominee_text

        def place(person):
            found = text.find(person.name)
            return found if found >= 0 else len(text)

        return sorted(self.nominee_people.all(), key=place)

    @property
    def nominee_kind(self):
        """'song', 'person' or 'show' after what the nominee names; '' when the nominee is not recorded."""
        if self.nominee_songs.all():
            return "song"
        if self.nominee_people.all():
            return "person"
        if self.nominee_show_id:
            return "show"
        return ""
