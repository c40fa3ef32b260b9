"""Junk in a querystring or a path never makes a page fail: every public URL pattern, every parameter it
reads, a table of values that have broken parsers before (issue 10: '²' in ?page= gave 500 everywhere)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

JUNK = [
    "\u00b2",  # superscript two: str.isdigit() is true, int() refuses it
    "\u2460",  # circled one
    "\uff11",  # fullwidth one: int() takes it
    "\u0663",  # Arabic-Indic three
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "-1",
    "0",
    "1.5",
    "1e9",
    "9" * 40,
    "%",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "",
    " ",
    "\ud7ff\ufffd",
]

# Parameters that pages read besides their filter or search form (whose fields each page names itself).
EXTRA_PARAMETERS = {
    "shows:episode": ["cpage", "comments"],
    "news:detail": ["cpage", "comments"],
    "shows:discussion": ["cpage", "comments"],
    "sitemap": ["p"],
    "login": ["next"],
    "signup": ["next"],
    "logout": ["next"],
    # The JSON API answers JSON, so its filter sets are named here (mostly 429s: its throttle has no
    # exception for tests; tests/test_api.py fuzzes them with the throttle relaxed).
    "api:show-list": ["page_size", "format", "genre", "company"],
    "api:show-detail": ["include", "format"],
    "api:show-episodes": ["page_size", "aired_after", "aired_before"],
    "api:show-songs": ["page_size", "part", "artist", "charted", "sort"],
    "api:episode-list": ["page_size", "show", "aired_after", "aired_before"],
    "api:person-list": ["page_size", "role", "show"],
    "api:nomination-list": ["page_size", "ceremony", "year", "category", "result", "nominee_kind", "person"],
    "api:article-list": ["page_size", "show", "person"],
    "api:search": ["q", "kind", "page_size"],
}
# Sent to every page, whether it reads them or not.
ANY_PAGE_PARAMETERS = ["page"]
EVERY_PARAMETER = sorted({"page", "q", "kind", *sum(EXTRA_PARAMETERS.values(), [])})

# Named URL patterns that are not public pages (the admin) or that take only POST with a body.
NOT_COVERED_HERE = {
    "comments:post",
    "comments:edit",
    "comments:delete",
    "comments:report",
    "comments:helpful",
    "fans:list",
    "fans:watched",
    "fans:rate",
}


def public_urls():
    """(name, address): one or more concrete addresses per named URL pattern (an episode and a special for
    the episode patterns), from the demo content."""
    from awards.models import Ceremony
    from portal.news.models import Article

    ceremony = Ceremony.objects.order_by("pk").first()
    article = Article.objects.order_by("pk").first()
    show = "queen-of-tears"
    return [
        ("home", "/"),
        ("healthz", "/healthz"),
        ("readyz", "/readyz"),
        ("robots_txt", "/robots.txt"),
        ("favicon", "/favicon.ico"),
        ("sitemap", "/sitemap.xml"),
        ("news_feed_rss", "/feeds/news.rss"),
        ("news_feed_atom", "/feeds/news.atom"),
        ("episode_discussion_rss", f"/feeds/shows/{show}/episodes/8/comments.rss"),
        ("episode_discussion_atom", f"/feeds/shows/{show}/episodes/8/comments.atom"),
        ("episode_discussion_rss", f"/feeds/shows/{show}/specials/1/comments.rss"),
        ("episode_discussion_atom", f"/feeds/shows/{show}/specials/1/comments.atom"),
        ("shows:list", "/shows/"),
        ("shows:detail", f"/shows/{show}/"),
        ("shows:cast", f"/shows/{show}/cast/"),
        ("shows:episodes", f"/shows/{show}/episodes/"),
        ("shows:episode", f"/shows/{show}/episodes/8/"),
        ("shows:episode", f"/shows/{show}/specials/1/"),
        ("shows:soundtrack", f"/shows/{show}/soundtrack/"),
        ("shows:awards", f"/shows/{show}/awards/"),
        ("shows:discussion", f"/shows/{show}/discussion/"),
        ("calendars:show", f"/shows/{show}/calendar.ics"),
        # A made-up key: the real ones are secret (tests/test_calendars.py has a member's).
        ("calendars:member", "/calendars/members/00000000-0000-4000-8000-000000000000.ics"),
        ("episodes:list", "/episodes/"),
        ("people:list", "/people/"),
        ("people:detail", "/people/kim-soo-hyun/"),
        ("awards:list", "/awards/"),
        ("awards:nominations", "/awards/nominations/"),
        ("awards:ceremony", ceremony.get_absolute_url()),
        ("news:list", "/news/"),
        ("news:detail", article.get_absolute_url()),
        ("search:results", "/search/"),
        # The JSON API (tests/test_api.py also fuzzes every parameter its schema documents).
        ("api:root", "/api/v1/"),
        ("api:schema", "/api/v1/schema/"),
        ("api:docs", "/api/v1/docs/"),
        ("api:show-list", "/api/v1/shows/"),
        ("api:show-detail", f"/api/v1/shows/{show}/"),
        ("api:show-episodes", f"/api/v1/shows/{show}/episodes/"),
        ("api:episode-detail", f"/api/v1/shows/{show}/episodes/8/"),
        ("api:episode-detail", f"/api/v1/shows/{show}/specials/1/"),
        ("api:show-characters", f"/api/v1/shows/{show}/characters/"),
        ("api:character-detail", f"/api/v1/shows/{show}/characters/hong-hae-in/"),
        ("api:show-songs", f"/api/v1/shows/{show}/songs/"),
        ("api:song-detail", f"/api/v1/shows/{show}/songs/way-home/"),
        ("api:episode-list", "/api/v1/episodes/"),
        ("api:person-list", "/api/v1/people/"),
        ("api:person-detail", "/api/v1/people/kim-soo-hyun/"),
        ("api:ceremony-list", "/api/v1/ceremonies/"),
        ("api:ceremony-detail", f"/api/v1/ceremonies/{ceremony.slug}/"),
        ("api:nomination-list", "/api/v1/nominations/"),
        ("api:nomination-detail", f"/api/v1/nominations/{ceremony.nominations.order_by('pk').first().pk}/"),
        ("api:article-list", "/api/v1/news/"),
        ("api:article-detail", f"/api/v1/news/{article.slug}/"),
        ("api:search", "/api/v1/search/?q=kim"),
        ("signup", "/accounts/signup/"),
        ("login", "/accounts/login/"),
        ("logout", "/accounts/logout/"),
        ("password_change", "/accounts/password/change/"),
        ("password_change_done", "/accounts/password/change/done/"),
        ("password_reset", "/accounts/password/reset/"),
        ("password_reset_done", "/accounts/password/reset/sent/"),
        ("password_reset_confirm", "/accounts/password/reset/MQ/set-password/"),
        ("password_reset_complete", "/accounts/password/reset/done/"),
        ("delete_account", "/accounts/delete/"),
        ("fans:settings", "/accounts/profile/"),
        ("fans:profile", "/members/hyunwoo/"),
        ("notifications:list", "/notifications/"),
    ]


def named_patterns(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_pattern_is_fuzzed():
    """A new page must join the table below, so it is fuzzed too."""
    missing = set(named_patterns()) - {name for name, _url in public_urls()} - NOT_COVERED_HERE
    assert not missing, f"add these to public_urls(): {sorted(missing)}"


def parameters_read_by(client, name, url):
    response = client.get(url)
    assert_not_broken(response, url)
    names = {*ANY_PAGE_PARAMETERS, *EXTRA_PARAMETERS.get(name, [])}
    context = response.context
    if context is not None:
        for key in ("filter", "form"):
            form = context.get(key)
            form = getattr(form, "form", form)  # a FilterSet's form, or a form
            if form is not None and hasattr(form, "fields"):
                names.update(form.add_prefix(name) for name in form.fields)
    return sorted(names)


def assert_not_broken(response, where):
    assert response.status_code < 500, f"{response.status_code} for {where}"


def test_junk_in_every_parameter_of_every_page(client):
    urls = public_urls()
    checked = 0
    for name, url in urls:
        resolve(url.split("?")[0])  # the table itself stays true to the URL patterns
        for parameter in parameters_read_by(client, name, url):
            for value in JUNK:
                assert_not_broken(client.get(url, {parameter: value}), f"{url}?{parameter}={value[:20]!r}")
                checked += 1
    # Every page got the junk at least in ?page=, and filter pages in each of their fields as well.
    assert checked > len(urls) * len(JUNK) * 2


def test_repeated_and_combined_junk_parameters(client):
    for name, url in public_urls():
        names = sorted({*parameters_read_by(client, name, url), *EVERY_PARAMETER})
        repeated = "&".join(f"{name}=1&{name}=%C2%B2&{name}=" for name in names)
        assert_not_broken(client.get(f"{url}?{repeated}"), f"{url} with repeated keys")
        for value in JUNK:
            assert_not_broken(client.get(url, dict.fromkeys(names, value)), f"{url} all = {value[:20]!r}")


@pytest.mark.parametrize(
    "path",
    [
        "/shows/queen-of-tears/episodes/99999999999999999999999/",
        "/shows/queen-of-tears/episodes/0/",
        "/shows/queen-of-tears/specials/0/",
        "/shows/queen-of-tears/regular/1/",
        "/feeds/shows/queen-of-tears/special/1/comments.atom",
        "/shows/%C2%B2/",
        "/shows/no-such-show/calendar.ics",
        "/shows/%C2%B2/calendar.ics",
        "/shows/queen-of-tears%00/",
        "/people/%00/",
        "/members/%00/",
        "/members/no-such-member/",
        "/shows/%C2%B2/discussion/",
        "/people/%E2%91%A0/",
        "/news/x%00y/",
        "/awards/%FF/",
        "/feeds/shows/queen-of-tears/episodes/99999999999999999999/comments.rss",
        "/comments/99999999999999999999999/edit/",
        "/search/%C2%B2/",
        "/" + "x" * 5000 + "/",
    ],
)
def test_junk_in_a_path_is_a_clean_answer(client, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 404), (path, response.status_code)


def test_unicode_digit_page_keeps_the_canonical_address_plain(client):
    for value in ["\u00b2", "\u2460", "\uff12"]:
        response = client.get("/news/", {"page": value})
        assert response.status_code == 200
        html = response.content.decode()
        assert '<link rel="canonical" href="http://testserver/news/">' in html, value
