"""Every write of a member's lists, watched marks, ratings and profile goes through here, so the pages,
the admin and the tests agree. Each public action is counted against the member's limits
(settings.ACCOUNT_RATE_LIMITS["fan_action"]), as comments are against theirs."""

import uuid

from django.db import IntegrityError, transaction

from portal.accounts import ratelimit
from shows.models import Episode

from .models import EpisodeRating, EpisodeWatch, FanProfile, ShowRating, WatchlistEntry

RateLimited = ratelimit.RateLimited


class NotAllowed(Exception):
    """This account may not do this."""


def spend(member):
    """Count one action of an active member, or raise NotAllowed / RateLimited."""
    if not (member.is_authenticated and member.is_active):
        raise NotAllowed("This account cannot do that.")
    ratelimit.spend("fan_action", member=member.pk)


def profile_of(member):
    """The member's profile, unsaved with the defaults when they never changed it."""
    return FanProfile.objects.filter(member=member).first() or FanProfile(member=member)


def saved_profile(member):
    """The member's profile, saved (a calendar address needs its key stored)."""
    profile, _created = _get_or_create(FanProfile, member=member, defaults={})
    return profile


@transaction.atomic
def renew_calendar_key(member):
    """A new secret address for the member's calendar; the old one stops working."""
    profile = saved_profile(member)
    profile.calendar_key = uuid.uuid4()
    profile.save(update_fields=["calendar_key"])
    return profile


@transaction.atomic
def update_profile(member, **values):
    profile = profile_of(member)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    return profile


@transaction.atomic
def set_list_status(*, member, show, status):
    """Put a show on the member's list with one of the five statuses (or change it); returns the entry."""
    spend(member)
    entry, created = _get_or_create(WatchlistEntry, member=member, show=show, defaults={"status": status})
    if not created and entry.status != status:
        entry.status = status
        entry.save(update_fields=["status", "updated_at"])
    return entry


@transaction.atomic
def remove_from_list(*, member, show):
    """Take a show off the list; its watched marks and ratings stay (they are the member's history)."""
    spend(member)
    return WatchlistEntry.objects.filter(member=member, show=show).delete()[0]


@transaction.atomic
def mark_watched(*, member, episode, up_to=False):
    """Mark an episode watched, or with `up_to` it and every earlier one of its kind. The show goes on the
    list as Watching if it was not there, and becomes Completed when every regular episode is watched.
    Returns how many episodes were newly marked."""
    spend(member)
    episodes = Episode.objects.filter(pk=episode.pk)
    if up_to:
        episodes = Episode.objects.filter(
            show_id=episode.show_id, kind=episode.kind, number__lte=episode.number
        )
    ids = list(episodes.values_list("pk", flat=True))
    before = EpisodeWatch.objects.filter(member=member, episode__in=ids).count()
    EpisodeWatch.objects.bulk_create(
        [EpisodeWatch(member=member, episode_id=pk) for pk in ids], ignore_conflicts=True
    )
    entry, created = _get_or_create(
        WatchlistEntry,
        member=member,
        show_id=episode.show_id,
        defaults={"status": WatchlistEntry.Status.WATCHING},
    )
    open_statuses = {
        WatchlistEntry.Status.WATCHING,
        WatchlistEntry.Status.PLAN_TO_WATCH,
        WatchlistEntry.Status.ON_HOLD,
    }
    if entry.status in open_statuses:
        regular = Episode.objects.filter(show_id=episode.show_id, kind=Episode.Kind.REGULAR)
        unwatched = regular.exclude(watches__member=member).exists()
        status = (
            WatchlistEntry.Status.WATCHING
            if unwatched or not regular.exists()
            else WatchlistEntry.Status.COMPLETED
        )
        if status != entry.status:
            entry.status = status
            entry.save(update_fields=["status", "updated_at"])
    return len(ids) - before


@transaction.atomic
def unmark_watched(*, member, episode):
    spend(member)
    return EpisodeWatch.objects.filter(member=member, episode=episode).delete()[0]


@transaction.atomic
def rate(*, member, target, score):
    """Rate an episode or a show from 1 to 10 (one rating per member, changed by rating again), or take the
    rating back with `score=None`. Returns the rating, or None once taken back."""
    spend(member)
    model, field = (EpisodeRating, "episode") if isinstance(target, Episode) else (ShowRating, "show")
    if score is None:
        # One by one: each deletion renews its page (a queryset delete would too, with a query to find them).
        for rating in model.objects.filter(member=member, **{field: target}):
            rating.delete()
        return None
    if not 1 <= int(score) <= 10:
        raise ValueError("A rating is from 1 to 10.")
    # Whoever rates gets a profile row, so that moderators find them in the admin (FanProfileAdmin).
    hidden = saved_profile(member).ratings_hidden
    rating = model.objects.filter(member=member, **{field: target}).first()
    if rating is None:
        rating = model(member=member, **{field: target})
    rating.score, rating.hidden = int(score), hidden
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        # The same member's rating arrived twice at once: the other request stored one; this one updates it.
        rating = model.objects.get(member=member, **{field: target})
        rating.score = int(score)
        rating.save()
    return rating


@transaction.atomic
def hide_ratings(profiles, *, hidden=True):
    """A moderator hides (or shows again) members' ratings: they leave every average at once."""
    members = [profile.member_id for profile in profiles]
    FanProfile.objects.filter(member__in=members).update(ratings_hidden=hidden)
    for model in (EpisodeRating, ShowRating):
        model.objects.filter(member__in=members).update(hidden=hidden)
    return len(members)


def _get_or_create(model, defaults, **lookup):
    """get_or_create that survives two requests creating the same row at once (the unique constraint)."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(defaults=defaults, **lookup)
    except IntegrityError:
        return model.objects.get(**lookup), False
