"""The fans' personal parts of cached pages (portal/caching/personal.py): the list, watched and rating
controls on show and episode pages, "continue watching" on the home page, and the spoiler shield.

The shield is a pair of slots around what would spoil an episode (its synopsis, its special appearances, a
spoiler comment): for a visitor they hold today's markup, for a member who has not watched the episode a
fold with a note, and for one who has, nothing that hides it. The folded text itself stays in the shared
cached copy, so a member's page view renders no more than the two wrappers.
"""

from django.template.loader import get_template
from django.utils.html import escape
from django.utils.http import urlencode

from portal.addresses import reverse_path
from portal.caching.personal import slot

from . import selectors


def state(viewer, show_pk, episode_pk=None):
    """What this member's slots on a page share: one FanState per show (or episode) and request."""
    return viewer.once(
        f"fan-state:{show_pk}:{episode_pk}", lambda: selectors.FanState(viewer.user, show_pk, episode_pk)
    )


def member_may_track(viewer):
    return viewer.is_member and viewer.user.is_active


def log_in_prompt(request, what):
    query = urlencode({"next": request.path})
    return (
        f'<p class="notice tracker-prompt"><a href="{reverse_path("login")}?{query}">Log in</a> or '
        f'<a href="{reverse_path("signup")}?{query}">create an account</a> {what}.</p>'
    )


@slot("episode-tracker")
def episode_tracker(request, viewer, episode_pk, show_pk, kind, number):
    """Watched or not, "mark all up to here", and the member's rating of the episode."""
    if not member_may_track(viewer):
        return log_in_prompt(request, "to mark episodes watched and rate them")
    fan = state(viewer, show_pk, episode_pk)
    context = {
        "episode_pk": episode_pk,
        "watched": fan.watched,
        "is_first": number == 1,
        "score": fan.score,
        "scores": range(1, 11),
        "progress": fan.progress(),
        "csrf_token": viewer.csrf_token,
        "next": request.path,
    }
    return get_template("fans/_episode_tracker.html").render(context)


@slot("show-tracker")
def show_tracker(request, viewer, show_pk, slug):
    """The show's place on the member's list, their progress and their rating of the show."""
    if not member_may_track(viewer):
        return log_in_prompt(request, "to keep this show on your list and rate it")
    fan = state(viewer, show_pk)
    progress = fan.progress()
    context = {
        "show_pk": show_pk,
        "status": fan.status,
        "statuses": selectors.STATUSES,
        "score": fan.score,
        "scores": range(1, 11),
        "progress": progress,
        "next_episode_url": progress.next_url(slug),
        "csrf_token": viewer.csrf_token,
        "next": request.path,
    }
    return get_template("fans/_show_tracker.html").render(context)


@slot("continue-watching")
def continue_watching(request, viewer):
    """The next unwatched episode of each show on the member's list (not completed or dropped)."""
    if not member_may_track(viewer):
        return ""
    entries = viewer.once("continue-watching", lambda: selectors.continue_watching(viewer.user))
    return get_template("fans/_continue_watching.html").render({"entries": entries})


# What visitors (and members with the shield off) get around a spoiler comment: today's fold.
SPOILER_OPEN = '<details class="spoiler"><summary>Spoiler — show</summary>'
SHIELD_OPEN = (
    '<details class="shield{extra}"><summary><span class="shield-note">{note}</span> · {label}</summary>'
)
UNSEEN_EPISODE = "You haven't watched this episode yet"
UNFINISHED_SHOW = "You haven't finished this show yet"


def fan_state_for(viewer, kind, target_pk, show_pk):
    """The FanState of an episode's page (kind "episode") or a show's (kind "show")."""
    return state(viewer, show_pk, target_pk if kind == "episode" else None)


def shielded(viewer, kind, target_pk, show_pk):
    """None when nothing is shielded for this viewer, else the note that says why it is folded."""
    if not member_may_track(viewer) or kind not in ("episode", "show"):
        return None
    fan = fan_state_for(viewer, kind, target_pk, show_pk)
    if not fan.shield_on:
        return None
    if kind == "episode":
        return None if fan.watched else UNSEEN_EPISODE
    return None if fan.progress().finished else UNFINISHED_SHOW


@slot("shield-open")
def shield_open(request, viewer, episode_pk, show_pk, label):
    """Before an episode's synopsis or special appearances: a fold for a member who has not watched it."""
    note = shielded(viewer, "episode", episode_pk, show_pk)
    if note is None:
        return ""
    return SHIELD_OPEN.format(extra="", note=note, label=escape(label))


@slot("shield-close")
def shield_close(request, viewer, episode_pk, show_pk):
    return "" if shielded(viewer, "episode", episode_pk, show_pk) is None else "</details>"


@slot("spoiler-open")
def spoiler_open(request, viewer, kind, target_pk, show_pk):
    """Before a spoiler comment's text: folded for visitors; for a member, folded with a note until they
    have watched the episode (or finished the show), and open after."""
    if not (member_may_track(viewer) and show_pk and kind in ("episode", "show")):
        return SPOILER_OPEN
    if not fan_state_for(viewer, kind, target_pk, show_pk).shield_on:
        return SPOILER_OPEN
    note = shielded(viewer, kind, target_pk, show_pk)
    if note is None:
        return (
            '<div class="spoiler spoiler-seen"><p class="meta">Spoiler, shown because you have seen it.</p>'
        )
    return SHIELD_OPEN.format(extra=" spoiler", note=note, label="spoiler — show")


@slot("spoiler-close")
def spoiler_close(request, viewer, kind, target_pk, show_pk):
    if not (member_may_track(viewer) and show_pk and kind in ("episode", "show")):
        return "</details>"
    if (
        fan_state_for(viewer, kind, target_pk, show_pk).shield_on
        and shielded(viewer, kind, target_pk, show_pk) is None
    ):
        return "</div>"
    return "</details>"
