"""What the API's endpoints read beyond a single named queryset, assembled from the pages' own querysets and
selectors (shows/selectors.py and the models' `for_*` methods), so the API and the pages cannot disagree.
Each takes a fixed number of queries however large the show is."""

from awards.models import Ceremony
from people.models import Character, CrewCredit
from portal.search.models import SearchEntry
from shows import selectors as show_pages


def show_includes(show, include):
    """Set on the show the sections `?include=` asks for (ShowDetailSerializer's included_* fields)."""
    if "episodes" in include:
        show.included_episodes = list(show.episodes.for_show_table())
    if "cast" in include:
        show.included_cast = list(characters().filter(show=show))
    if "crew" in include:
        # In the order of the cast page: by role as a viewer reads them, then as credited.
        groups = CrewCredit.objects.for_show(show)
        show.included_crew = [credit for group in groups for credit in group["credits"]]
    if "soundtrack" in include:
        show.included_soundtrack = show_pages.soundtrack_page(show, show_pages.soundtrack_songs(show))
    if "awards" in include:
        show.included_awards = show_pages.awards_page(show)
    return show


def characters():
    """Characters as the cast page loads them (actors, younger versions, cameo episodes), with their show,
    whose slug their addresses need."""
    return Character.objects.for_cast_page().select_related("show")


def episode_with_cameos(episode):
    """An episode of Episode.objects.for_detail_page(), its cameos' characters given the episode's show (the
    character's own, as a rule) so their addresses need no query each."""
    for cameo in episode.cameos.all():
        if cameo.character.show_id == episode.show_id:
            cameo.character.show = episode.show
    return episode


def ceremonies_with_categories():
    """The ceremonies with their result counts (as the ceremony list has them) and their categories."""
    return Ceremony.objects.with_result_counts().prefetch_related("categories")


def search_results(query, kind=""):
    """Search matches best first, as the search page ranks them; of one kind when `kind` is given."""
    matches = SearchEntry.objects.matching(query)
    return matches.filter(kind=kind) if kind else matches
