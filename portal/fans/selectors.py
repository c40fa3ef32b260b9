"""What the fans' parts of pages show, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from portal.addresses import reverse_path
from portal.comments.models import Comment
from shows.models import Episode, Show

from .models import EpisodeRating, EpisodeWatch, FanProfile, ShowRating, WatchlistEntry, counted

STATUSES = WatchlistEntry.Status.choices
# The statuses whose shows "continue watching" offers.
IN_PROGRESS = [
    WatchlistEntry.Status.WATCHING,
    WatchlistEntry.Status.PLAN_TO_WATCH,
    WatchlistEntry.Status.ON_HOLD,
]


@dataclass
class Progress:
    watched: int
    total: int
    next_number: int | None

    @property
    def finished(self):
        return self.total > 0 and self.watched >= self.total

    def next_url(self, slug):
        if self.next_number is None:
            return None
        return reverse_path("shows:episode", slug, Episode.Kind.REGULAR, self.next_number)


def show_progress(member, show_ref):
    """Annotations for a member's progress through a show (`show_ref`: an OuterRef to its pk): its regular
    episodes, how many of them the member watched, and the number of the first they have not."""
    regular = Episode.objects.filter(show=show_ref, kind=Episode.Kind.REGULAR)
    seen = EpisodeWatch.objects.filter(member=member).values("episode")
    return {
        "regular_total": counted(regular),
        "regular_watched": counted(regular.filter(pk__in=seen)),
        "next_number": Subquery(regular.exclude(pk__in=seen).order_by("number").values("number")[:1]),
    }


def shield_setting(member):
    """Whether the member's spoiler shield is on (it is, for a member who never changed it)."""
    setting = FanProfile.objects.filter(member=member).values("spoiler_shield")[:1]
    return Coalesce(Subquery(setting), Value(True))


class FanState:
    """One member's marks on one show's pages, loaded with one query when first needed and at most once
    per request: on an episode page, whether they watched it, their rating of it, their shield setting and
    their progress through the show; on a show's own pages, their list entry, rating, shield and progress."""

    def __init__(self, member, show_pk, episode_pk=None):
        self.member, self.show_pk, self.episode_pk = member, show_pk, episode_pk
        self._row = None

    @property
    def row(self):
        if self._row is None:
            self._row = self._load()
        return self._row

    def _load(self):
        member = self.member
        if self.episode_pk:
            found = Episode.objects.filter(pk=self.episode_pk, show_id=self.show_pk).annotate(
                watched=Exists(EpisodeWatch.objects.filter(member=member, episode=OuterRef("pk"))),
                score=Subquery(
                    EpisodeRating.objects.filter(member=member, episode=OuterRef("pk")).values("score")[:1]
                ),
                shield=shield_setting(member),
                **show_progress(member, OuterRef("show_id")),
            )
        else:
            found = Show.objects.filter(pk=self.show_pk).annotate(
                status=Subquery(
                    WatchlistEntry.objects.filter(member=member, show=OuterRef("pk")).values("status")[:1]
                ),
                score=Subquery(
                    ShowRating.objects.filter(member=member, show=OuterRef("pk")).values("score")[:1]
                ),
                shield=shield_setting(member),
                **show_progress(member, OuterRef("pk")),
            )
        fields = ["score", "shield", "regular_total", "regular_watched", "next_number"]
        fields.append("watched" if self.episode_pk else "status")
        row = found.values(*fields).first()
        return row or dict.fromkeys(fields)

    @property
    def watched(self):
        return bool(self.row.get("watched"))

    @property
    def score(self):
        return self.row["score"]

    @property
    def status(self):
        return self.row.get("status")

    @property
    def status_label(self):
        return WatchlistEntry.Status(self.status).label if self.status else None

    @property
    def shield_on(self):
        return self.row["shield"] is not False and self.row["shield"] != 0

    def progress(self):
        row = self.row
        return Progress(row["regular_watched"] or 0, row["regular_total"] or 0, row["next_number"])


def continue_watching(member, limit=8):
    """The shows on the member's list they are watching, planning or holding, each with its progress and the
    address of the next unwatched regular episode; most recently changed first (one query)."""
    entries = list(
        WatchlistEntry.objects.for_profile(member)
        .filter(status__in=IN_PROGRESS)
        .exclude(next_number=None)
        .order_by("-updated_at", "pk")[:limit]
    )
    for entry in entries:
        entry.progress = Progress(entry.episodes_watched, entry.episodes_total, entry.next_number)
        entry.next_url = entry.progress.next_url(entry.show.slug)
    return entries


def profile_page(member, viewer):
    """A member's profile: their lists by status with progress, ratings and recent comments. Lists (and
    progress) show to others only when the member has not made them private; ratings a moderator hid and
    profile text a moderator hid show to no one else."""
    profile = FanProfile.objects.filter(member=member).first() or FanProfile(member=member)
    own = viewer.is_authenticated and viewer.pk == member.pk
    lists_shown = own or not profile.lists_are_private
    ratings_shown = own or not profile.ratings_hidden
    entries = list(WatchlistEntry.objects.for_profile(member)) if lists_shown else []
    for entry in entries:
        entry.progress = Progress(entry.episodes_watched, entry.episodes_total, entry.next_number)
        entry.next_url = entry.progress.next_url(entry.show.slug)
    lists = [
        {"status": status, "label": label, "entries": [e for e in entries if e.status == status]}
        for status, label in STATUSES
    ]
    show_ratings = episode_ratings = []
    if ratings_shown:
        show_ratings = list(
            ShowRating.objects.filter(member=member).select_related("show").order_by("-rated_at")[:20]
        )
        episode_ratings = list(
            EpisodeRating.objects.filter(member=member)
            .select_related("episode__show")
            .order_by("-rated_at")[:20]
        )
    counts = (
        Comment.objects.public()
        .filter(author=member, is_deleted=False)
        .aggregate(comments=Count("pk"), replies=Count("pk", filter=~Q(parent=None)))
    )
    return {
        "member": member,
        "profile": profile,
        "own": own,
        "lists_shown": lists_shown,
        "ratings_shown": ratings_shown,
        "lists": lists,
        "listed": len(entries),
        "show_ratings": show_ratings,
        "episode_ratings": episode_ratings,
        "recent_comments": list(Comment.objects.recent_by(member)),
        "comment_count": counts["comments"],
    }
