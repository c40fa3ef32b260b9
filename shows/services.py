"""Writes to shows that more than one screen makes (the admin's schedule action; tests)."""

import datetime
from itertools import count as counting

from django.db import transaction

from .models import Episode

MAX_EPISODE_NUMBER = 32_767  # the largest value Episode.number holds


def schedule_dates(first_date, weekdays, count):
    """The first `count` dates from `first_date` on (itself included) that fall on `weekdays`
    (0 = Monday … 6 = Sunday)."""
    weekdays = {int(day) for day in weekdays}
    if not weekdays or not weekdays <= set(range(7)):
        raise ValueError("weekdays must be some of 0 (Monday) to 6 (Sunday)")
    dates = []
    for offset in counting():
        if len(dates) == count:
            return dates
        day = first_date + datetime.timedelta(days=offset)
        if day.weekday() in weekdays:
            dates.append(day)


@transaction.atomic
def add_scheduled_episodes(show, *, first_date, weekdays, count, first_number=1):
    """Add the regular episodes a broadcast schedule gives: episode `first_number` on the first scheduled
    day from `first_date`, the next on the next scheduled day, and so on for `count` episodes.

    Numbers the show already has are kept as they are (neither duplicated nor given a new date), so running
    the same schedule again adds nothing. Episodes are saved one by one, so each is indexed for search,
    recorded in the history and renews the show's pages. Returns the episodes added, in order.
    """
    if count < 1 or first_number < 1 or first_number + count - 1 > MAX_EPISODE_NUMBER:
        raise ValueError("the episode numbers must run from 1 to 32767")
    numbers = range(first_number, first_number + count)
    taken = set(
        Episode.objects.filter(show=show, kind=Episode.Kind.REGULAR, number__in=numbers).values_list(
            "number", flat=True
        )
    )
    added = []
    for number, air_date in zip(numbers, schedule_dates(first_date, weekdays, count), strict=True):
        if number in taken:
            continue
        # get_or_create: a second run at the same moment (a double-clicked form) finds the row, not a clash.
        episode, created = Episode.objects.get_or_create(
            show=show, kind=Episode.Kind.REGULAR, number=number, defaults={"air_date": air_date}
        )
        if created:
            added.append(episode)
    return added
