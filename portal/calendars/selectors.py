"""What a calendar lists."""

from shows.models import Episode


def calendar_episodes(shows):
    """The episodes of these shows that have an air date (those without one have no place in a calendar), in
    the order they aired, with what their events name (the show and its network)."""
    return (
        Episode.objects.filter(show__in=shows, air_date__isnull=False)
        .select_related("show__network")
        .order_by("air_date", "show__title", "show_id", "kind", "number")
    )


def member_calendar_shows(member):
    """The shows on a member's list that their calendar lists: every status but Dropped (a subquery)."""
    from portal.fans.models import WatchlistEntry

    return (
        WatchlistEntry.objects.filter(member=member)
        .exclude(status=WatchlistEntry.Status.DROPPED)
        .values("show")
    )
