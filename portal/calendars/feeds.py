"""Calendars of air dates, built with the icalendar library.

An episode is a timed event when its air time is known: a regular episode of a show with an `air_time`, at
that wall-clock time in the show's zone (DTSTART with TZID and the zone's VTIMEZONE), so calendar apps show it
in their reader's local time. The show's air time is its regular slot, so a special (which may air outside
it) and an episode of a show without one are all-day events on their air date: the time stays unknown, and
the description says so. A timed event lasts the show's shortest known runtime (DURATION); without one it
has neither DTEND nor DURATION, which RFC 5545 reads as an event of no length at its start.
"""

import datetime

from django.conf import settings
from django.http.request import split_domain_port
from icalendar import Calendar, Event, Timezone


def calendar_for(episodes, *, name, request, time_zone=None):
    """A VCALENDAR named `name` with one VEVENT per episode that has an air date (episodes with their show
    and its network loaded: selectors.calendar_episodes()). `time_zone` (a ZoneInfo) is the calendar's
    X-WR-TIMEZONE; without it, the zone of its timed events if they share one."""
    host = split_domain_port(request.get_host())[0] or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Air dates//EN")
    calendar.add("version", "2.0")
    calendar.calendar_name = name
    events = [event_for(episode, request, host) for episode in episodes if episode.air_date]
    zones = {event.start.tzinfo for event in events if isinstance(event.start, datetime.datetime)}
    if time_zone is None and len(zones) == 1:
        time_zone = next(iter(zones))
    if time_zone is not None:
        calendar.add("x-wr-timezone", time_zone.key)
    for event in events:
        calendar.add_component(event)
    if zones:
        days = [event.start.date() for event in events if isinstance(event.start, datetime.datetime)]
        # The VTIMEZONEs' transitions cover every timed event (icalendar's default span is 1970–2038).
        calendar.add_missing_timezones(
            first_date=min(Timezone.DEFAULT_FIRST_DATE, *days),
            last_date=max(Timezone.DEFAULT_LAST_DATE, max(days) + datetime.timedelta(days=1)),
        )
    return calendar


def event_for(episode, request, host):
    show = episode.show
    start = air_start(episode)
    about = f"{episode.label} of {show.title}" + (f" on {show.network}" if show.network else "")
    if isinstance(start, datetime.datetime):
        details = [f"{about}, {start:%H:%M} {show.air_time_zone} time."]
        if show.runtime:
            details.append(f"Runtime: {show.runtime}.")
    else:
        details = [f"{about}.", "The time it airs is not recorded here: the event covers the day."]
    summary = f"{show.title} · {episode.label}" + (f": {episode.title}" if episode.title else "")
    event = Event.new(
        uid=f"episode-{episode.pk}@{host}",
        summary=summary,
        start=start,
        url=request.build_absolute_uri(episode.get_absolute_url()),
        description=" ".join(details),
    )
    if isinstance(start, datetime.datetime) and show.runtime_min:
        event.add("duration", datetime.timedelta(minutes=show.runtime_min))
    return event


def air_start(episode):
    """The aware datetime a regular episode starts, when its show's air time and zone are known; otherwise
    its air date alone."""
    show = episode.show
    zone = show.air_zone
    if show.air_time is None or zone is None or episode.is_special:
        return episode.air_date
    return datetime.datetime.combine(episode.air_date, show.air_time, tzinfo=zone)
