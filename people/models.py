from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.text import slugify

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet
from portal.constraints import ConstraintErrorsOnFields
from portal.history.records import edit_history
from portal.pictures.fields import PictureField
from portal.pictures.thumbnails import PORTRAIT, STILL
from portal.relations import related_objects
from portal.text import split_lines


def episodes_with_show(to_attr=None):
    """Prefetch a casting's episodes with their show, which their URLs need; with `to_attr`, as a list in
    that attribute, which is quicker to read for each of hundreds of castings than casting.episodes.all."""
    episodes = related_objects(Casting, "episodes").select_related("show")
    return Prefetch("episodes", queryset=episodes, to_attr=to_attr)


class PersonQuerySet(InvalidatingQuerySet):
    def for_list_page(self):
        return self.order_by("name")

    def with_credit_counts(self):
        return self.annotate(
            role_count=Count("castings", distinct=True), credit_count=Count("crew_credits", distinct=True)
        )

    def with_role(self, role, show=None):
        """'actor': anyone cast in a role; otherwise a crew role ('producer' includes executive producers).
        With a show, only the role on that show."""
        on_show = {"show": show} if show else {}
        if role == "actor":
            return self.filter(Exists(Casting.objects.filter(person=OuterRef("pk"), **on_show)))
        roles = [role]
        if role == CrewCredit.Role.PRODUCER:
            roles.append(CrewCredit.Role.EXECUTIVE_PRODUCER)
        return self.filter(
            Exists(CrewCredit.objects.filter(person=OuterRef("pk"), role__in=roles, **on_show))
        )

    def in_show(self, show):
        """People cast in the show or credited on its crew."""
        return self.filter(
            Exists(Casting.objects.filter(person=OuterRef("pk"), show=show))
            | Exists(CrewCredit.objects.filter(person=OuterRef("pk"), show=show))
        )

    def for_detail_page(self):
        return self.prefetch_related(
            Prefetch(
                "castings",
                queryset=Casting.objects.select_related("character__show")
                .prefetch_related(episodes_with_show(to_attr="episode_list"))
                .order_by("-character__show__start_year", "character__show__title", "billing"),
            ),
            Prefetch(
                "crew_credits",
                queryset=CrewCredit.objects.select_related("show").order_by(
                    "-show__start_year", "show__title", "order"
                ),
            ),
            "member_of",
            "members",
        )


class Person(ConstraintErrorsOnFields, InvalidatesPages):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        GROUP = "group", "Group"

    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    native_name = models.CharField("native name", max_length=200, blank=True)
    alternative_names = models.TextField(
        "alternative names", blank=True, help_text="Other romanizations and spellings, one per line."
    )
    kind = models.CharField(
        "kind",
        max_length=10,
        choices=Kind.choices,
        blank=True,
        help_text="Blank when the source does not say.",
    )
    bio = models.TextField("biography", blank=True)
    photo = PictureField(
        "photo", upload_to="people/", blank=True, spec=PORTRAIT, size_fields=("photo_width", "photo_height")
    )
    photo_width = models.PositiveIntegerField("photo width (pixels)", null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField("photo height (pixels)", null=True, blank=True, editable=False)
    member_of = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="members", verbose_name="member of"
    )

    objects = PersonQuerySet.as_manager()
    history = edit_history()

    class Meta:
        ordering = ["name"]
        verbose_name = "person or group"
        verbose_name_plural = "people and groups"
        indexes = [models.Index(fields=["name"], name="person_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="person_unique_slug",
                violation_error_message="Another person or group already has this slug.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("people:detail", self.slug)

    @property
    def alternative_name_list(self):
        return split_lines(self.alternative_names)


class CastGroupQuerySet(InvalidatingQuerySet):
    def for_cast_page(self, show, characters):
        """Top-level groups in order, each with .characters_list and .children_list (sub-groups with theirs).

        Characters without a group are gathered under a final unnamed group.
        """
        groups = list(self.filter(show=show).order_by("order"))
        by_group = {}
        for character in characters:
            by_group.setdefault(character.group_id, []).append(character)
        top = []
        for group in groups:
            group.characters_list = by_group.get(group.pk, [])
            group.children_list = [g for g in groups if g.parent_id == group.pk]
            if group.parent_id is None:
                top.append(group)
        if by_group.get(None):
            top.append(CastGroup(name="Cast", slug="cast", show=show))
            top[-1].characters_list, top[-1].children_list = by_group[None], []
        return top


class CastGroup(ConstraintErrorsOnFields, InvalidatesPages):
    """How a show's article groups its cast: Main, Supporting › Hae-in's family, Special appearances, …"""

    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show",)

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="cast_groups", verbose_name="show")
    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200)
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name="parent group"
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    is_main = models.BooleanField(
        "main cast",
        default=False,
        help_text="Its characters are the main cast on the show's page (and in its structured data).",
    )

    objects = CastGroupQuerySet.as_manager()

    class Meta:
        ordering = ["show", "order", "name"]
        verbose_name = "cast group"
        verbose_name_plural = "cast groups"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "slug"],
                name="castgroup_unique_slug_per_show",
                violation_error_message="Another cast group of this show already has this slug.",
            )
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse_path("shows:cast", self.show.slug) + f"#{self.slug}"

    def clean(self):
        if self.parent_id and self.show_id and self.parent.show_id != self.show_id:
            raise ValidationError({"parent": "Choose a parent group of the same show."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A group cannot be its own parent."})


class CharacterQuerySet(InvalidatingQuerySet):
    def for_cast_page(self):
        return self.select_related("group", "group__parent").prefetch_related(
            Prefetch(
                "castings",
                queryset=Casting.objects.select_related("person")
                .prefetch_related(episodes_with_show())
                .order_by("billing"),
            )
        )


class Character(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show",)

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="characters", verbose_name="show")
    name = models.CharField(
        "name",
        max_length=200,
        blank=True,
        help_text="Blank when the source names the actor but not the role.",
    )
    slug = models.SlugField(
        "slug", max_length=200, help_text="Follows the name when the character is renamed."
    )
    former_slugs = models.TextField(
        "former slugs",
        blank=True,
        editable=False,
        help_text="Slugs of earlier names, one per line; links to them still lead to this character.",
    )
    native_name = models.CharField(
        "native name", max_length=200, blank=True, help_text="As written in the original, e.g. in Hangul."
    )
    alternative_names = models.TextField("alternative names", blank=True, help_text="One per line.")
    description = models.TextField("description", blank=True)
    group = models.ForeignKey(
        CastGroup,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="characters",
        verbose_name="cast group",
    )
    order = models.PositiveSmallIntegerField("order in group", default=0)
    photo = PictureField(
        "still", upload_to="characters/", blank=True, spec=STILL, size_fields=("photo_width", "photo_height")
    )
    photo_width = models.PositiveIntegerField("still width (pixels)", null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField("still height (pixels)", null=True, blank=True, editable=False)

    objects = CharacterQuerySet.as_manager()
    history = edit_history()

    class Meta:
        ordering = ["show", "group__order", "order", "name"]
        verbose_name = "character"
        verbose_name_plural = "characters"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "slug"],
                name="character_unique_slug_per_show",
                violation_error_message="Another character of this show already has this slug.",
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse_path("shows:cast", self.show.slug) + f"#character-{self.slug}"

    def clean(self):
        if self.group_id and self.show_id and self.group.show_id != self.show_id:
            raise ValidationError({"group": "Choose a cast group of this character's show."})

    def follow_name(self):
        """Before saving a rename: the slug follows the new name (unless the slug was changed too, or the name
        has nothing a slug can be made of); the slug it had is kept in former_slugs, so the cast page's old
        anchor (#character-<old slug>) still leads here. Staff forms call it (people/forms.py); imports and
        the demo loader, which find characters by slug, do not."""
        stored = Character.objects.filter(pk=self.pk).values("name", "slug").first() if self.pk else None
        if stored is None:
            return
        if self.name != stored["name"] and self.slug == stored["slug"] and slugify(self.name):
            self.slug = self.free_slug(slugify(self.name)[:190])
        former = [slug for slug in self.former_slug_list if slug != self.slug]
        if self.slug != stored["slug"] and stored["slug"] not in former:
            former.append(stored["slug"])
        self.former_slugs = "\n".join(former)

    def free_slug(self, slug):
        """`slug`, or `slug-2`, `slug-3`, … when another character of the show has it."""
        others = Character.objects.filter(show_id=self.show_id).exclude(pk=self.pk)
        taken = set(others.values_list("slug", flat=True))
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

    @property
    def former_slug_list(self):
        return split_lines(self.former_slugs)

    @property
    def display_name(self):
        return self.name or "Unnamed role"

    @property
    def alternative_name_list(self):
        return split_lines(self.alternative_names)


class Casting(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show", "person")

    class Age(models.TextChoices):
        ADULT = "adult", "Adult"
        TEEN = "teen", "Teen"
        CHILD = "child", "Child"

    show = models.ForeignKey(
        "shows.Show", models.CASCADE, related_name="castings", verbose_name="show", editable=False
    )
    character = models.ForeignKey(
        Character, models.CASCADE, related_name="castings", verbose_name="character"
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="castings",
        verbose_name="actor",
        help_text="Blank when the source does not name the actor.",
    )
    age = models.CharField("age variant", max_length=10, choices=Age.choices, default=Age.ADULT)
    billing = models.PositiveSmallIntegerField("billing", default=0)
    is_cameo = models.BooleanField("special appearance", default=False)
    episodes = models.ManyToManyField(
        "shows.Episode",
        blank=True,
        related_name="cameos",
        verbose_name="episodes appeared in",
        help_text="For cameos: the episodes the appearance is known to be in.",
    )

    history = edit_history()
    constraint_fields = {"casting_one_unknown_actor_per_age": "person"}

    class Meta:
        ordering = ["character__show", "character__group__order", "character__order", "billing"]
        verbose_name = "casting"
        verbose_name_plural = "castings"
        constraints = [
            models.UniqueConstraint(
                fields=["character", "age", "person"],
                condition=Q(person__isnull=False),
                name="casting_unique_actor_per_age",
                violation_error_message="This actor already plays this character at this age.",
            ),
            models.UniqueConstraint(
                fields=["character", "age"],
                condition=Q(person__isnull=True),
                name="casting_one_unknown_actor_per_age",
                violation_error_message=(
                    "This character already has an unnamed actor at this age: name the actor, or choose "
                    "another age variant."
                ),
            ),
        ]

    def __str__(self):
        actor = self.person.name if self.person_id else "Unknown actor"
        return f"{actor} as {self.role_label}"

    def save(self, *args, **kwargs):
        # The show is stored on the row so a show's whole cast can be edited inline; it follows the character.
        if self.character_id:
            self.show_id = self.character.show_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.person.get_absolute_url() if self.person_id else self.character.get_absolute_url()

    @property
    def role_label(self):
        if self.age == self.Age.ADULT:
            return self.character.display_name
        return f"{self.get_age_display().lower()} {self.character.display_name}"


class CrewCreditQuerySet(InvalidatingQuerySet):
    def for_show(self, show):
        """Credits grouped by role, in the order a viewer reads them (writer, directors, music, …)."""
        credits = list(self.select_related("person").filter(show=show))
        rank = {role: i for i, role in enumerate(CrewCredit.Role.values)}
        credits.sort(key=lambda c: (rank.get(c.role, len(rank)), c.order))
        groups = []
        for credit in credits:
            if not groups or groups[-1]["role"] != credit.role:
                groups.append({"role": credit.role, "label": credit.get_role_display(), "credits": []})
            groups[-1]["credits"].append(credit)
        return groups


class CrewCredit(ConstraintErrorsOnFields, InvalidatesPages):
    # Page-cache tags (portal/caching/invalidation.py): what a write of a row renews.
    tags_pages = False
    tag_parents = ("show", "person")

    class Role(models.TextChoices):
        WRITER = "writer", "Writer"
        DIRECTOR = "director", "Director"
        MUSIC_DIRECTOR = "music_director", "Music director"
        EXECUTIVE_PRODUCER = "executive_producer", "Executive producer"
        PRODUCER = "producer", "Producer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"
        EDITOR = "editor", "Editor"
        OTHER = "other", "Crew (role not specified)"

    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="crew_credits", verbose_name="show")
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="crew_credits",
        verbose_name="person",
        help_text="Blank when the source does not name this person.",
    )
    role = models.CharField("role", max_length=30, choices=Role.choices)
    note = models.CharField("note", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("order", default=0)

    objects = CrewCreditQuerySet.as_manager()

    class Meta:
        ordering = ["show", "role", "order"]
        verbose_name = "crew credit"
        verbose_name_plural = "crew credits"
        indexes = [models.Index(fields=["role", "person"], name="crewcredit_role_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["show", "role", "person"],
                condition=Q(person__isnull=False),
                name="crewcredit_unique_person_role",
                violation_error_message="This person is already credited in this role.",
            ),
            models.UniqueConstraint(
                fields=["show", "role", "order"],
                name="crewcredit_unique_order",
                violation_error_message="Another credit in this role has this order: give each its own.",
            ),
        ]

    def __str__(self):
        who = self.person.name if self.person_id else "Name not given"
        return f"{who} – {self.get_role_display()} of {self.show}"

    def get_absolute_url(self):
        return (
            self.person.get_absolute_url() if self.person_id else reverse_path("shows:cast", self.show.slug)
        )
