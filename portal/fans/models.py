"""Members' lists, watched marks and ratings, and their profile settings.

Ratings are shown on public pages as averages: writing one renews its episode's or show's pages
(portal/caching/invalidation.py). Lists and watched marks show only in personal slots and on profiles, which
are not cached, so they renew nothing.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet

MAX_BIO_LENGTH = 1000


class FanProfile(models.Model):
    """A member's profile text and settings; members without a row have the defaults."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="fan_profile",
        verbose_name="member",
    )
    bio = models.TextField("about me", max_length=MAX_BIO_LENGTH, blank=True)
    lists_are_private = models.BooleanField(
        "keep my lists private",
        default=False,
        help_text="Others then see neither your lists nor your progress.",
    )
    spoiler_shield = models.BooleanField(
        "spoiler shield",
        default=True,
        help_text="Fold synopses, special appearances and spoiler comments of episodes you have not watched.",
    )
    email_notifications = models.BooleanField(
        "email me about replies and mentions", default=False, help_text="Sent only if the site sends email."
    )
    # The secret part of the address of the member's calendar (portal/calendars/): renewed on request.
    calendar_key = models.UUIDField("calendar address key", default=uuid.uuid4, unique=True, editable=False)
    bio_hidden = models.BooleanField("profile text hidden by a moderator", default=False)
    ratings_hidden = models.BooleanField(
        "ratings hidden by a moderator",
        default=False,
        help_text="Their ratings then count in no average and show on no page.",
    )

    class Meta:
        ordering = ["member__username"]
        verbose_name = "fan profile"
        verbose_name_plural = "fan profiles"

    def __str__(self):
        return f"Profile of {self.member}"

    def get_absolute_url(self):
        return reverse_path("fans:profile", self.member.get_username())


class WatchlistQuerySet(models.QuerySet):
    def for_profile(self, member):
        """A member's list with each show's progress: regular episodes, how many watched, and the next
        unwatched one (all as subqueries: one query however long the list)."""
        from shows.models import Episode

        regular = Episode.objects.filter(show=OuterRef("show"), kind=Episode.Kind.REGULAR)
        watched = EpisodeWatch.objects.filter(
            member=member, episode__show=OuterRef("show"), episode__kind=Episode.Kind.REGULAR
        )
        unwatched = regular.exclude(pk__in=EpisodeWatch.objects.filter(member=member).values("episode"))
        return (
            self.filter(member=member)
            .select_related("show")
            .annotate(
                episodes_total=counted(regular),
                episodes_watched=counted(watched),
                next_number=Subquery(unwatched.order_by("number").values("number")[:1]),
            )
            .order_by("status", "-updated_at", "pk")
        )


def counted(queryset):
    """The number of rows of a correlated queryset, as a subquery annotation (0 for none)."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*")).values("n")),
        0,
    )


class WatchlistEntry(models.Model):
    class Status(models.TextChoices):
        WATCHING = "watching", "Watching"
        COMPLETED = "completed", "Completed"
        PLAN_TO_WATCH = "plan_to_watch", "Plan to watch"
        ON_HOLD = "on_hold", "On hold"
        DROPPED = "dropped", "Dropped"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="watchlist", verbose_name="member"
    )
    show = models.ForeignKey(
        "shows.Show", models.CASCADE, related_name="watchlist_entries", verbose_name="show"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.PLAN_TO_WATCH)
    added_at = models.DateTimeField("added", auto_now_add=True)
    updated_at = models.DateTimeField("changed", auto_now=True)

    objects = WatchlistQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-updated_at"]
        verbose_name = "watchlist entry"
        verbose_name_plural = "watchlist entries"
        constraints = [models.UniqueConstraint(fields=["member", "show"], name="watchlist_once_per_show")]

    def __str__(self):
        return f"{self.show} on {self.member}'s list ({self.get_status_display()})"

    def get_absolute_url(self):
        return self.show.get_absolute_url()


class EpisodeWatch(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="episode_watches", verbose_name="member"
    )
    episode = models.ForeignKey(
        "shows.Episode", models.CASCADE, related_name="watches", verbose_name="episode"
    )
    watched_at = models.DateTimeField("marked watched", auto_now_add=True)

    class Meta:
        ordering = ["-watched_at"]
        verbose_name = "watched episode"
        verbose_name_plural = "watched episodes"
        constraints = [models.UniqueConstraint(fields=["member", "episode"], name="episodewatch_once")]

    def __str__(self):
        return f"{self.member} watched {self.episode}"

    def get_absolute_url(self):
        return self.episode.get_absolute_url()


def score_field():
    return models.PositiveSmallIntegerField(
        "rating", validators=[MinValueValidator(1), MaxValueValidator(10)], help_text="From 1 to 10."
    )


def score_in_range(name):
    return models.CheckConstraint(
        condition=Q(score__gte=1, score__lte=10),
        name=name,
        violation_error_message="A rating is a whole number from 1 to 10.",
    )


class RatingQuerySet(InvalidatingQuerySet):
    def counted(self):
        """Ratings that count: not hidden by a moderator."""
        return self.filter(hidden=False)


class Rating(InvalidatesPages):
    """A member's 1-10 rating of an episode or a show (the `rated` field names which); one per member."""

    rated = None  # "episode" or "show": the foreign key to what is rated
    score = score_field()
    hidden = models.BooleanField("hidden by a moderator", default=False)
    rated_at = models.DateTimeField("rated", auto_now=True)

    objects = RatingQuerySet.as_manager()
    # The rated episode's or show's pages (and the show's episode chart) show the average.
    tags_pages = False

    class Meta:
        abstract = True
        ordering = ["-rated_at"]

    def __str__(self):
        return f"{self.member} rated {getattr(self, self.rated)} {self.score}/10"

    def get_absolute_url(self):
        return getattr(self, self.rated).get_absolute_url()


def rating_meta(rated):
    """The constraints and index of the ratings of `rated` ("episode" or "show")."""
    model = f"{rated}rating"
    constraints = [
        models.UniqueConstraint(fields=["member", rated], name=f"{model}_once"),
        score_in_range(f"{model}_score_1_to_10"),
    ]
    return constraints, [models.Index(fields=[rated, "hidden"], name=f"{model}_{rated}")]


class EpisodeRating(Rating):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="episode_ratings", verbose_name="member"
    )
    episode = models.ForeignKey(
        "shows.Episode", models.CASCADE, related_name="fan_ratings", verbose_name="episode"
    )
    rated = "episode"
    tag_parents = ("episode",)

    class Meta(Rating.Meta):
        verbose_name = "episode rating"
        verbose_name_plural = "episode ratings"
        constraints, indexes = rating_meta("episode")


class ShowRating(Rating):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="show_ratings", verbose_name="member"
    )
    show = models.ForeignKey("shows.Show", models.CASCADE, related_name="fan_ratings", verbose_name="show")
    rated = "show"
    tag_parents = ("show",)

    class Meta(Rating.Meta):
        verbose_name = "show rating"
        verbose_name_plural = "show ratings"
        constraints, indexes = rating_meta("show")


def fan_rating_annotations(kind):
    """`fan_average` (None without ratings) and `fan_votes` for a queryset of episodes (kind "episode") or
    shows ("show"), as subqueries: they add no join, so the queryset's other counts stay right."""
    model = {"episode": EpisodeRating, "show": ShowRating}[kind]
    ratings = model.objects.counted().filter(**{kind: OuterRef("pk")}).order_by().values(kind)
    return {
        "fan_average": Subquery(ratings.annotate(a=Avg("score")).values("a")),
        "fan_votes": Coalesce(Subquery(ratings.annotate(n=Count("pk")).values("n")), 0),
    }
