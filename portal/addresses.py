"""Page addresses for links listed by the hundred (episodes, people, shows, nominations), without resolving
the URLconf for each one.

`reverse_path(name, *args)` returns what `reverse(name, args=args)` returns. The first call for a URL name
reverses it once with marker arguments and keeps the address cut at the markers; later calls join the
pieces with their arguments. Pieces are kept per URLconf and script prefix, so a site served under a prefix
links under it. An argument a converter translates (an episode's kind) is not a marker: each of its values
gets pieces of its own. A value that is not a plain slug or number goes through reverse(), which quotes it
or refuses it as before.

Meant for URL names with a single pattern whose converters are Django's own (slug, int, str, path) or
translate a few fixed values.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# What the slug converter accepts: a superset of the int converter's digits, a subset of what the str and
# path converters accept, and characters quote() leaves as they are.
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
DIGITS = re.compile(r"[0-9]+")

# Fixed-length markers, so that none is part of another: digits pass every built-in converter, words all
# but int.
WORD_MARKER, NUMBER_MARKER = "pagepathmarker{:03d}", "9{:08d}"

# (name, number of arguments, URLconf) -> per argument, the characters it may have (None: fixed).
_layouts = {}
# (name, URLconf, script prefix, *fixed arguments) -> the address's pieces between the other arguments.
_pieces = {}


def reverse_path(viewname, *args):
    """reverse(viewname, args=args), from pieces cached per URL name."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    layout = _layouts.get((viewname, len(args), urlconf))
    if layout is None:
        layout = _layouts[viewname, len(args), urlconf] = _layout(viewname, args)
    texts, fixed = [], []
    for value, chars in zip(args, layout, strict=True):
        if chars is None:
            fixed.append(value)
            continue
        text = str(value)
        if isinstance(value, bool) or not isinstance(value, int | str) or not chars.fullmatch(text):
            return reverse(viewname, args=args)
        texts.append(text)
    key = (viewname, urlconf, get_script_prefix(), *fixed)
    pieces = _pieces.get(key)
    if pieces is None:
        pieces = _pieces[key] = _cut(viewname, args, layout)
    parts = [pieces[0]]
    for text, piece in zip(texts, pieces[1:], strict=True):
        parts += (text, piece)
    return "".join(parts)


def _layout(viewname, args):
    """Which characters each argument position accepts, tried with markers in the real arguments' place
    (which must reverse, or this raises NoReverseMatch as reverse() does)."""
    reverse(viewname, args=args)
    layout = []
    for position in range(len(args)):
        for marker, chars in ((WORD_MARKER, PLAIN), (NUMBER_MARKER, DIGITS)):
            trial = [*args[:position], marker.format(position), *args[position + 1 :]]
            try:
                path = reverse(viewname, args=trial)
            except NoReverseMatch:
                continue
            if path.count(marker.format(position)) == 1:  # passed through unchanged
                layout.append(chars)
                break
        else:
            layout.append(None)
    return layout


def _cut(viewname, args, layout):
    """The address with markers for the variable arguments, cut at the markers."""
    markers = [
        (WORD_MARKER if chars is PLAIN else NUMBER_MARKER).format(position) if chars is not None else value
        for position, (value, chars) in enumerate(zip(args, layout, strict=True))
    ]
    path = reverse(viewname, args=markers)
    pieces = []
    for position, chars in enumerate(layout):
        if chars is not None:
            head, path = path.split(markers[position], 1)
            pieces.append(head)
    return [*pieces, path]
