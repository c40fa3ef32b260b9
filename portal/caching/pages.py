"""Whole-page caching for visitors, invalidated by saves, never stale.

A public page's HTML is cached for visitors who are not logged in (and have no pending message) under a key
made of its scheme, host, path and the querystring parameters pages read, and the current *version tokens*
of what it shows:

- "catalogue": every show, person, episode, song, award and article; staff edits are rare, so any of them
  renews this one token and with it every cached page;
- an episode's or article's discussion, and a show's comment counts (the scope names below), renewed when a
  comment there is saved.

A token is a fresh random value, never a counter, so a token evicted from the cache cannot come back with an
old value and revive a stale page. Nothing is ever deleted by pattern, which works the same on Redis and on
local memory. Members always get a freshly rendered page (forms, names, CSRF tokens).
"""

import functools
import hashlib
import uuid
from urllib.parse import urlencode

from django.core.cache import caches
from django.utils.cache import patch_vary_headers, set_response_etag

PAGE_TIMEOUT = 60 * 60
# The scope every cached page shows: the content staff edit.
CATALOGUE = "catalogue"


def _cache():
    return caches["default"]


def _token_key(scope):
    return f"page-version:{scope}"


def tokens(scopes):
    """The current token of each scope, creating missing ones (one round trip when all exist)."""
    cache = _cache()
    keys = {_token_key(scope): scope for scope in scopes}
    found = cache.get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return [found[key] for key in keys]


def renew(*scopes):
    """Invalidate every cached page that shows these scopes."""
    _cache().set_many({_token_key(scope): uuid.uuid4().hex for scope in scopes}, None)


def is_cacheable_request(request):
    """Visitors who are not logged in, whatever session cookie they send (a made-up one included: it is
    looked up like any other and found to hold no user), unless a message waits to be shown to them."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


# Besides their filters' fields, pages read these from the querystring.
PAGE_PARAMETERS = {"page", "cpage", "comments", "q", "kind"}


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


def page_key(request, versions):
    """The cache key: scheme, host, path, the querystring (already cut to page_query) and the tokens."""
    parameters = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{':'.join(versions)}"


def cache_public_page(scopes=lambda request, **kwargs: ()):
    """View decorator: serve visitors a cached copy while the page's version tokens stand.

    `scopes(request, **view_kwargs)` names the discussion scopes the page shows besides the catalogue.
    Every response of a decorated page says `X-Cache: HIT` or `MISS` (members always get MISS), names
    its scopes in `Surrogate-Key`, and carries an ETag, so a browser that has the page gets a 304
    (django.middleware.http.ConditionalGetMiddleware answers If-None-Match).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            names = [CATALOGUE, *scopes(request, **kwargs)]
            if not is_cacheable_request(request):
                return labelled(rendered(view(request, *args, **kwargs)), "MISS", names)
            # The page sees only the parameters pages read, so its links carry no tracking parameter.
            request.GET = page_query(request)
            key = page_key(request, tokens(names))
            cache = _cache()
            cached = cache.get(key)
            if cached is not None:
                return labelled(cached, "HIT", names)
            response = rendered(view(request, *args, **kwargs))
            if response.status_code == 200 and not response.cookies:
                set_response_etag(response)
                cache.set(key, response, PAGE_TIMEOUT)
            return labelled(response, "MISS", names)

        return wrapped

    return decorator


def rendered(response):
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


def labelled(response, outcome, names):
    response["X-Cache"] = outcome
    response["Surrogate-Key"] = " ".join(names)
    patch_vary_headers(response, ["Cookie"])
    return response


# Scope names, shared by the pages that show them (below) and the saves that renew them (invalidation.py).
def show_comments(show_slug):
    return f"show-comments:{show_slug}"


def episode_discussion(show_slug, kind, number):
    return f"discussion:episode:{show_slug}:{kind}:{number}"


def article_discussion(article_slug):
    return f"discussion:article:{article_slug}"


def show_scope(request, slug, **kwargs):
    return [show_comments(slug)]


def episode_scope(request, slug, kind, number, **kwargs):
    return [episode_discussion(slug, kind, number)]


def article_scope(request, slug, **kwargs):
    return [article_discussion(slug)]
