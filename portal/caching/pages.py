"""Whole-page caching by tags, for visitors and members alike, never stale.

A public page is rendered once as nobody in particular, and cached under its scheme, host, path and the
querystring parameters pages read. What it shows is recorded as it renders (tags.py): every record it loaded
and the lists it declares. A write renews the tags it touched with the time (invalidation.py), and a cached
copy stands while every one of its tags was last renewed before the copy started rendering. Editing one show
therefore retires the pages that show that show, and no other.

The parts of a page that depend on who asks (account links, comment forms with their CSRF token, a member's
own edit and report controls) are *personal slots* (personal.py): the cached copy holds the visitor's version
of each, with its position, and a member's request replaces those slots with theirs. A member's page view
costs a cache read and a few small renders, not a page render.

Every response of a cached page says `X-Cache: HIT` or `MISS`, names its tags in `Surrogate-Key`, carries an
ETag (ConditionalGetMiddleware answers If-None-Match with 304) and, for visitors, a `Cache-Control` that lets
a reverse proxy keep it (`s-maxage`; deploy/varnish/ purges it by tag through purge.py).
"""

import functools
import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import personal, purge
from . import tags as page_tags

PAGE_TIMEOUT = 60 * 60
TAG_PREFIX = "page-tag:"


def _cache():
    return caches["default"]


# Renewed (to a fresh random value) after every renewal of any tag: a copy found valid while it stood needs
# no look at its tags again until it changes.
GENERATION = "page-tags-generation"
CHECKED_PREFIX = "page-checked:"


def renew(names, *, purge_proxies=True):
    """Retire every cached page (here and in the HTTP caches in front) that carries one of these tags."""
    now = time.time_ns()
    cache = _cache()
    cache.set_many({TAG_PREFIX + name: now for name in names}, None)
    # After the tags: whoever reads this generation also reads these renewals.
    cache.set(GENERATION, uuid.uuid4().hex, None)
    if purge_proxies:
        purge.purge_tags(names)


def is_cacheable_request(request):
    """GET and HEAD, unless a message waits to be shown (messages are rendered into the page)."""
    return request.method in ("GET", "HEAD") and "messages" not in request.COOKIES


# Besides their filters' fields, pages read these from the querystring; the JSON API (portal/api/) reads
# `include`, `page_size` and `format` too.
PAGE_PARAMETERS = {"page", "cpage", "comments", "q", "kind", "include", "page_size", "format"}


@functools.cache
def parameters_pages_read():
    """Every querystring parameter some cached page reads: the above and every filter's field."""
    from portal.listing.filters import PageFilterSet

    names, classes = set(PAGE_PARAMETERS), [PageFilterSet]
    while classes:
        cls = classes.pop()
        names.update(cls.base_filters)
        classes.extend(cls.__subclasses__())
    return frozenset(names)


def page_query(request):
    """The request's querystring without parameters no page reads (utm_*, fbclid, made-up ones), in a fixed
    order: such parameters neither make a separate cached copy nor reach the page's links."""
    kept = request.GET.copy()
    for name in list(kept):
        if name not in parameters_pages_read():
            del kept[name]
    return kept


def page_key(request):
    """The cache key: scheme, host, path and the querystring (already cut to page_query)."""
    parameters = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


def still_valid(entry):
    """True while none of the copy's tags was renewed after it started rendering (a tag the cache lost
    counts as renewed)."""
    keys = [TAG_PREFIX + name for name in entry["tags"]]
    renewed = _cache().get_many(keys)
    return len(renewed) == len(keys) and max(renewed.values()) < entry["started"]


def cached_copy(key):
    """The page's cached copy if it still stands, in one round trip while no tag was renewed since it was
    last checked, and two after: a page showing 300 records does not read 300 tags on every view."""
    cache = _cache()
    found = cache.get_many([key, CHECKED_PREFIX + key, GENERATION])
    entry, generation = found.get(key), found.get(GENERATION)
    if entry is None:
        return None
    if generation is not None and found.get(CHECKED_PREFIX + key) == generation:
        return entry
    if not still_valid(entry):
        return None
    if generation is None:
        # Start one; `add` never replaces one a renewal set meanwhile (and then this check does not count).
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION, generation, None):
            return entry
    # Checked against the tags as they stood at this generation or later: it stands until the next renewal.
    cache.set(CHECKED_PREFIX + key, generation, PAGE_TIMEOUT)
    return entry


def record_tags(names, started):
    """Give tags never renewed a time before this render, so the copy stands until they are. `add` never
    overwrites a renewal that happened meanwhile."""
    cache = _cache()
    keys = [TAG_PREFIX + name for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, started - 1, None)


def cache_public_page(*lists, max_age=PAGE_TIMEOUT):
    """View decorator: serve a cached copy while nothing it shows has changed.

    `lists` names the models whose lists the page shows (`"show"` for `list:show`): any write of one of
    their rows retires the page, besides the records it loaded. A page that also shows what time changes
    ("this week", "the last seven days") gives `max_age`, in seconds: no cache keeps it longer.
    """
    list_tags = [f"list:{name}" for name in lists]

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_cacheable_request(request):
                response = rendered(view(request, *args, **kwargs))
                return labelled(response, "MISS", (), request)
            # The page sees only the parameters pages read, so its links carry no tracking parameter.
            request.GET = page_query(request)
            key = page_key(request)
            cache = _cache()
            entry = cached_copy(key)
            if entry is not None:
                return labelled(personal.fill(entry, request), "HIT", entry["tags"], request, max_age=max_age)
            entry = render_shared(view, request, args, kwargs, list_tags)
            shareable = entry["response"].status_code == 200 and not entry["response"].cookies
            if shareable:
                record_tags(entry["tags"], entry["started"])
                # A write committed while the page rendered (from the data as it was) retires this copy:
                # neither this cache nor one in front may keep it.
                shareable = still_valid(entry)
            if shareable:
                cache.set(key, entry, max_age)
            response = personal.fill(entry, request)
            return labelled(response, "MISS", entry["tags"], request, shareable=shareable, max_age=max_age)

        return wrapped

    return decorator


def render_shared(view, request, args, kwargs, list_tags):
    """Render the page as a visitor sees it, its personal parts as slots, and record its tags."""
    started = time.time_ns()
    member = request.user
    request.user = AnonymousUser()
    try:
        with page_tags.recording() as found, personal.slots() as slots:
            found.update(list_tags)
            response = rendered(view(request, *args, **kwargs))
            entry = personal.shared_entry(response, slots, request)
    finally:
        request.user = member
    entry.update(started=started, tags=tuple(sorted(found)))
    return entry


def rendered(response):
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


def labelled(response, outcome, names, request, *, shareable=True, max_age=PAGE_TIMEOUT):
    """Say whether the page came from the cache, what it shows, and who else may keep it: an HTTP cache in
    front, for a visitor's copy that is still current; only the browser, for a member's."""
    response["X-Cache"] = outcome
    if names:
        response["Surrogate-Key"] = " ".join(names)
    patch_vary_headers(response, ["Cookie"])
    if names and (request.user.is_authenticated or not shareable):
        patch_cache_control(response, private=True, no_cache=True)
    elif names and response.status_code == 200:
        shared_for = min(settings.HTTP_CACHE_MAX_AGE, max_age)
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared_for)
    return response
