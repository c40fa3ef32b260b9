"""The API address of a page of the site: search results store only the page they lead to."""

from django.urls import Resolver404, get_script_prefix, resolve

from portal.addresses import reverse_path

# Page URL name → the API URL name that takes the same arguments.
SAME_ARGUMENTS = {
    "shows:detail": "show-detail",
    "shows:episode": "episode-detail",
    "people:detail": "person-detail",
    "awards:ceremony": "ceremony-detail",  # a category's page is its ceremony's, at #category-<slug>
    "news:detail": "article-detail",
}
# Objects shown at an anchor of their show's page: /shows/<slug>/cast/#character-<slug>.
ANCHORED = {
    "shows:cast": ("character-", "character-detail"),
    "shows:soundtrack": ("song-", "song-detail"),
}


def api_path_of_page(address):
    """The API path of what the page at `address` shows, or None when the API has no such object."""
    path, _, anchor = address.partition("#")
    try:
        match = resolve("/" + path.removeprefix(get_script_prefix()))
    except Resolver404:
        return None
    if match.view_name in SAME_ARGUMENTS:
        return reverse_path(f"api:{SAME_ARGUMENTS[match.view_name]}", *match.kwargs.values())
    prefix, name = ANCHORED.get(match.view_name, ("", None))
    if name and anchor.startswith(prefix) and len(anchor) > len(prefix):
        return reverse_path(f"api:{name}", match.kwargs["slug"], anchor.removeprefix(prefix))
    return None
