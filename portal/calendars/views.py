from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from portal.fans.models import FanProfile
from shows.models import Show

from .feeds import calendar_for
from .selectors import calendar_episodes, member_calendar_shows


@require_safe
def show_calendar(request, slug):
    """A show's episodes as an iCalendar feed, to subscribe to or import."""
    show = get_object_or_404(Show.objects.all(), slug=slug)
    # Without an air time the zone (a default) says nothing about the show.
    zone = show.air_zone if show.air_time else None
    calendar = calendar_for(calendar_episodes([show]), name=show.title, request=request, time_zone=zone)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, f"{show.slug}.ics")
    return response


@require_safe
def member_calendar(request, key):
    """The air dates of the shows on a member's list (all but those they dropped), at an address only they
    know: calendar apps fetch it without logging in. Not cached: it is one member's."""
    profile = get_object_or_404(
        FanProfile.objects.select_related("member"), calendar_key=key, member__is_active=True
    )
    shows = member_calendar_shows(profile.member)
    name = f"{profile.member.get_username()}'s shows · {settings.SITE_NAME}"
    calendar = calendar_for(calendar_episodes(shows), name=name, request=request)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "my-shows.ics")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response
