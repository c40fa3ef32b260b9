"""Personal slots: the parts of a cached page that depend on who is asking.

A template marks such a part with `{% personal "name" arg… %}` (portal/caching/templatetags/personal_tags.py).
While a cacheable page renders (as a visitor), the tag leaves a marker; the page is then cached with each
slot rendered for a visitor and its place in the HTML, and every request, a member's included, gets the
cached HTML with its own version of the slots (`fill`). On a page that is not cached, the tag renders the slot
at once for whoever asks.

A slot is a function registered with `@slot("name")`, called as `render(request, viewer, *args)`:
`viewer` is the request's `Viewer`, which computes what several slots share once per request (the CSRF
token, the comments this member reported). Slots must be cheap: a member's page view renders all of them.
"""

import contextvars
import re
import secrets

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.utils.cache import set_response_etag

_slots = contextvars.ContextVar("personal_slots", default=None)
RENDERERS = {}


def slot(name):
    """Register a slot renderer: `@slot("account") def account(request, viewer): ...`."""

    def register(render):
        RENDERERS[name] = render
        return render

    return register


class Viewer:
    """Who asks, with what their slots share computed once."""

    def __init__(self, request):
        self.request = request
        # An error page rendered before the authentication middleware ran (a bad Host header) has no user.
        self.user = getattr(request, "user", None) or AnonymousUser()
        self.is_member = self.user.is_authenticated
        self._shared = {}

    @property
    def csrf_token(self):
        if "csrf" not in self._shared:
            self._shared["csrf"] = get_token(self.request)
        return self._shared["csrf"]

    def once(self, name, compute):
        """What `compute()` returns, computed at most once for this request."""
        if name not in self._shared:
            self._shared[name] = compute()
        return self._shared[name]


def viewer_of(request):
    viewer = getattr(request, "_personal_viewer", None)
    if viewer is None or viewer.user is not getattr(request, "user", viewer.user):
        viewer = request._personal_viewer = Viewer(request)
    return viewer


class Recorder:
    """The slots of one page render: markers in the HTML, their names and arguments here."""

    def __init__(self):
        self.nonce = secrets.token_hex(8)
        self.found = []
        self.pattern = re.compile(rf"<!--slot:{self.nonce}:(\d+)-->")

    def marker(self, name, args):
        self.found.append((name, args))
        return f"<!--slot:{self.nonce}:{len(self.found) - 1}-->"


class slots:
    """`with slots() as recorder:` personal tags inside leave markers instead of rendering."""

    def __enter__(self):
        self.recorder = Recorder()
        self._token = _slots.set(self.recorder)
        return self.recorder

    def __exit__(self, *exc):
        _slots.reset(self._token)


def render_slot(name, request, args):
    return RENDERERS[name](request, viewer_of(request), *args)


def render_or_mark(name, request, args):
    """What a `{% personal %}` tag outputs: a marker while a shared copy renders, else the slot itself."""
    recorder = _slots.get()
    if recorder is None:
        return render_slot(name, request, args)
    return recorder.marker(name, args)


def shared_entry(response, recorder, request):
    """The cacheable entry of a page rendered as a visitor: the response with each slot filled in for a
    visitor (request.user is anonymous here), and where each slot sits in its bytes."""
    entry = {"response": response, "slots": ()}
    if not recorder.found or getattr(response, "streaming", False):
        return entry
    charset = response.charset
    pieces, places, offset = [], [], 0
    parts = recorder.pattern.split(response.content.decode(charset))
    for index, text in enumerate(parts):
        if index % 2 == 0:
            chunk = text.encode(charset)
            pieces.append(chunk)
            offset += len(chunk)
            continue
        name, args = recorder.found[int(text)]
        chunk = render_slot(name, request, args).encode(charset)
        pieces.append(chunk)
        places.append((offset, offset + len(chunk), name, args))
        offset += len(chunk)
    response.content = b"".join(pieces)
    set_response_etag(response)
    entry["slots"] = tuple(places)
    return entry


def fill(entry, request):
    """The response for this request: the shared copy as it is for a visitor, with a member's own slots."""
    response = entry["response"]
    if not request.user.is_authenticated:
        return response
    if entry["slots"]:
        content, charset = response.content, response.charset
        pieces, position = [], 0
        for start, end, name, args in entry["slots"]:
            pieces.append(content[position:start])
            pieces.append(render_slot(name, request, args).encode(charset))
            position = end
        pieces.append(content[position:])
        response.content = b"".join(pieces)
    if response.has_header("ETag"):
        del response["ETag"]  # ConditionalGetMiddleware computes the member's own
    return response
