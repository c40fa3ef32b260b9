"""What the shows' pages show, assembled from the named querysets of every app that contributes.

Views call one selector per page; each takes a fixed number of queries however large the show is.
"""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import Coalesce

from awards.models import Nomination
from people.models import CastGroup, Character, CrewCredit
from portal.addresses import reverse_path
from portal.comments.models import Comment
from portal.comments.selectors import with_comment_counts
from portal.news.models import Article

from .models import Episode, Show, Song


def show_page(show):
    """The show page's sections besides the show itself."""
    nominations = Nomination.objects.filter(show=show)
    awards = nominations.result_counts_by("ceremony__name", "ceremony__slug", "year")
    for row in awards.groups:  # a {% url %} per row resolves the URLconf each time
        row["ceremony_url"] = reverse_path("awards:ceremony", row["ceremony__slug"])
    return {
        "episodes": with_comment_counts(show.episodes.for_show_table()),
        # With their show: the structured data links each main character to its place on the cast page.
        "main_characters": list(
            Character.objects.for_cast_page().filter(show=show, group__is_main=True).select_related("show")
        ),
        "crew": CrewCredit.objects.for_show(show),
        "songs": list(show.songs.order_by("kind", "part", "title")),
        "albums": list(show.albums.for_show_page()),
        "award_counts": awards.overall,
        "won_nominations": list(
            nominations.filter(result=Nomination.Result.WON)
            .select_related("category", "ceremony")
            .order_by("year", "ceremony__name", "position")
        ),
        "awards_by_ceremony": awards.groups,
        "reviews": list(show.reviews.all()),
        "listicles": list(show.listicles.all()),
        "articles": list(Article.objects.for_list_page().filter(shows=show)[:5]),
    }


def cast_page(show):
    """The cast grouped as the source groups it, younger versions under their character, and the crew."""
    characters = list(Character.objects.for_cast_page().filter(show=show))
    # A renamed character answers to its old anchors too, unless another character has that slug now.
    taken = {character.slug for character in characters}
    for character in characters:
        character.former_anchor_slugs = [s for s in character.former_slug_list if s not in taken]
        taken.update(character.former_anchor_slugs)
    return {
        "groups": CastGroup.objects.for_cast_page(show, characters),
        "crew": CrewCredit.objects.for_show(show),
    }


def soundtrack_page(show, songs):
    """The soundtrack's albums, and the (filtered) songs pivoted against every chart any of them reached:
    `charts` in chart order, each song's `peak_cells` as (chart, peak or None) and `peak_row` as the peaks."""
    songs = list(songs)
    charts = sorted(
        {peak.chart for song in songs for peak in song.chart_peaks.all()},
        key=lambda chart: (chart.order, chart.name),
    )
    for song in songs:
        by_chart = {peak.chart_id: peak for peak in song.chart_peaks.all()}
        # The table's cells name their chart on a phone; the chart drawing takes the peaks alone.
        song.peak_cells = [(chart, by_chart.get(chart.pk)) for chart in charts]
        song.peak_row = [peak for _chart, peak in song.peak_cells]
    return {"albums": list(show.albums.for_soundtrack_page()), "songs": songs, "charts": charts}


def soundtrack_songs(show):
    """The songs the soundtrack page lists, before its filters."""
    return Song.objects.for_soundtrack_page().filter(show=show)


def awards_page(show):
    """Every nomination of the show, with won/nominated counts overall and per ceremony and year."""
    nominations = Nomination.objects.for_show_page(show)
    counts = nominations.result_counts_by("ceremony", "ceremony__name", "year")
    return {
        "nominations": list(nominations),
        "counts": counts.overall,
        "result_rows": [
            {"label": f"{group['ceremony__name']} {group['year']}", **group} for group in counts.groups
        ],
    }


# Shows with fewer fan ratings than this are not ranked among the top rated: one fan's 10 is not a consensus.
TOP_RATED_MIN_VOTES = 3


def home_page(today, *, now):
    """The home page's sections for a portal of many shows: the featured show, what airs this week (Monday
    to Sunday around `today`), the shows fans rate highest, the shows most discussed over the last seven
    days, and the latest news. Each section is one query (the featured show two more), however many shows."""
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    airing = list(
        Episode.objects.filter(air_date__range=(monday, sunday))
        .select_related("show")
        .order_by("air_date", "show__title", "kind", "number")[:30]
    )
    top_rated = list(
        Show.objects.with_fan_ratings()
        .filter(fan_votes__gte=TOP_RATED_MIN_VOTES)
        .order_by("-fan_average", "-fan_votes", "title")[:5]
    )
    busiest = (
        Comment.objects.public()
        .filter(created_at__gte=now - timedelta(days=7), article=None)
        .annotate(on_show=Coalesce("episode__show_id", "show_id"))
        .values("on_show")
        .annotate(n=Count("pk"))
        .order_by("-n", "on_show")[:5]
    )
    counts = {row["on_show"]: row["n"] for row in busiest}
    shows = Show.objects.in_bulk(list(counts))
    discussed = [(shows[pk], n) for pk, n in counts.items() if pk in shows]
    return {
        "week": (monday, sunday),
        "airing": airing,
        "top_rated": top_rated,
        "top_rated_min_votes": TOP_RATED_MIN_VOTES,
        "discussed": discussed,
        "latest_news": list(Article.objects.for_list_page()[:4]),
    }
