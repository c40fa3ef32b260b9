"""An HTTP cache in front: Varnish with the xkey vmod (deploy/varnish/default.vcl) before gunicorn. Visitors
share Varnish's copy of a page, members and pending messages pass it, and a save from any process purges by
tag (portal/caching/purge.py) exactly the pages that show what it changed.

The Varnish tests run where varnishd and the xkey vmod are installed (apt-get install varnish
varnish-modules); elsewhere they are skipped with a reason saying so, unless REQUIRE_HTTP_CACHE_TESTS=1 (CI),
where that is an error. The tests of purge_tags() itself need no Varnish.
"""

import http.client
import http.server
import logging
import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal.caching import purge

from .servers import VARNISHD, XKEY_VMOD, free_port, get, gunicorn, manage, run_in_portal, varnish

REQUIRED = os.environ.get("REQUIRE_HTTP_CACHE_TESTS") == "1"


def varnish_missing():
    if Path(VARNISHD).exists() and XKEY_VMOD is not None:
        return None
    return (
        f"HTTP cache tests skipped: no varnishd at {VARNISHD} or no xkey vmod in /usr/lib/*/varnish/vmods/ "
        "(apt-get install varnish varnish-modules)."
    )


MISSING = varnish_missing()
if MISSING and REQUIRED:
    raise pytest.UsageError(
        MISSING.replace("skipped", "required (REQUIRE_HTTP_CACHE_TESTS=1) but cannot run")
    )
needs_varnish = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

SHOW = "/shows/queen-of-tears/"
# A show whose page shows nothing of Queen of Tears (no relation, no shared cast).
OTHER_SHOW = "/shows/little-women/"

RENAME = """
import json
from shows.models import Show
show = Show.objects.get(slug="queen-of-tears")
show.title = "Queen of Tears, renamed behind Varnish"
show.save()
print(json.dumps(show.title))
"""

# A member's session, made as logging in makes it (the session engine is the database).
MEMBER_SESSION = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.create_user("varnishfan", "fan@example.org", "a-long-test-password")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps(session.session_key))
"""


def varnish_outcome(headers):
    return headers.get("X-Varnish-Cache")


def request(method, url, headers=None):
    """(status, body) of one request of any method, PURGE included."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, parts.path or "/", headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def behind_varnish(tmp_path_factory):
    """gunicorn with its own database and cache folder behind a varnishd of the test's own; yields
    (Varnish's base URL, the environment a third process needs to edit the same portal)."""
    tmp = tmp_path_factory.mktemp("http-cache")
    port = free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{port}",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    with gunicorn(env, workers=2) as backend, varnish(backend, port, tmp / "varnish") as base:
        yield base, env


def fetched_again(url):
    """Varnish's outcome for the second of two fetches in a row."""
    get(url)
    return varnish_outcome(get(url)[2])


@needs_varnish
def test_a_visitor_gets_the_page_from_varnish_the_second_time(behind_varnish):
    base, _env = behind_varnish
    get(base + SHOW)
    status, html, headers = get(base + SHOW)
    assert status == 200 and "<title>Queen of Tears (2024)" in html
    assert varnish_outcome(headers) == "HIT"
    assert "xkey" not in {name.lower() for name in headers}, "the tag index header leaks to clients"
    assert "show:" in headers["Surrogate-Key"]
    # A CSRF cookie alone makes nothing personal: the shared copy serves it.
    _status, _html, headers = get(base + SHOW, cookies={"csrftoken": "c" * 32})
    assert varnish_outcome(headers) == "HIT"


@needs_varnish
def test_members_and_pending_messages_pass_to_the_app(behind_varnish):
    base, env = behind_varnish
    get(base + SHOW)
    session_key = run_in_portal(env, MEMBER_SESSION)
    for _request in range(2):
        status, html, headers = get(base + SHOW, cookies={"sessionid": session_key, "csrftoken": "c" * 32})
        assert status == 200 and "Signed in as <strong>varnishfan</strong>" in html
        assert varnish_outcome(headers) == "MISS"
        assert "private" in headers.get("Cache-Control", "")
    _status, _html, headers = get(base + SHOW, cookies={"messages": "anything"})
    assert varnish_outcome(headers) == "MISS"
    # The member's page was never stored for visitors.
    _status, html, headers = get(base + SHOW)
    assert varnish_outcome(headers) == "HIT" and "Signed in as" not in html


@needs_varnish
def test_a_purge_without_tags_or_of_other_tags_purges_nothing(behind_varnish):
    base, _env = behind_varnish
    assert fetched_again(base + SHOW) == "HIT"
    assert request("PURGE", base + "/")[0] == 400
    status, body = request("PURGE", base + "/", {"xkey-purge": "show:0"})
    assert status == 200 and "Purged 0" in body
    _status, _html, headers = get(base + SHOW)
    assert varnish_outcome(headers) == "HIT"


@needs_varnish
def test_an_edit_from_a_third_process_purges_only_the_pages_that_show_it(behind_varnish):
    base, env = behind_varnish
    assert fetched_again(base + SHOW) == "HIT"
    assert fetched_again(base + OTHER_SHOW) == "HIT"

    assert run_in_portal(env, RENAME) == "Queen of Tears, renamed behind Varnish"

    status, html, headers = get(base + SHOW)
    assert status == 200 and "<title>Queen of Tears, renamed behind Varnish (2024)" in html
    assert varnish_outcome(headers) == "MISS"
    _status, _html, headers = get(base + SHOW)
    assert varnish_outcome(headers) == "HIT"
    _status, _html, headers = get(base + OTHER_SHOW)
    assert varnish_outcome(headers) == "HIT"


# purge_tags() on its own, against a stand-in for Varnish that records what it is sent.


class Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.received.append((self.command, self.path, self.headers.get("xkey-purge")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    """Start a stand-in cache; yields a function returning (its URL, the requests it received)."""
    servers = []

    def start():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        server.received = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", server.received

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_purge_tags_sends_the_tags_once_to_each_cache(settings, recorder):
    (first, first_received), (second, second_received) = recorder(), recorder()
    settings.HTTP_CACHE_PURGE_URLS = [first, second]
    purge.purge_tags(["show:12", "list:show", "show:12", "discussion:episode:44"])
    expected = [("PURGE", "/", "show:12 list:show discussion:episode:44")]
    assert first_received == expected and second_received == expected


def test_many_tags_go_in_several_requests_of_bounded_size(settings, recorder):
    url, received = recorder()
    settings.HTTP_CACHE_PURGE_URLS = [url]
    tags = [f"person:{number}" for number in range(3000)]
    purge.purge_tags(tags)
    assert len(received) > 1
    assert all(len(value.encode()) <= purge.MAX_HEADER_BYTES for _method, _path, value in received)
    assert [tag for _method, _path, value in received for tag in value.split(" ")] == tags


def test_without_purge_urls_nothing_is_sent(settings, recorder):
    _url, received = recorder()
    settings.HTTP_CACHE_PURGE_URLS = []
    purge.purge_tags(["show:12"])
    assert received == []


def test_an_unreachable_or_silent_cache_logs_a_warning_and_never_raises(settings, caplog, recorder):
    url, received = recorder()
    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings.HTTP_CACHE_PURGE_URLS = [
        f"http://127.0.0.1:{free_port()}",  # nothing listens
        f"http://127.0.0.1:{silent.getsockname()[1]}",
        "not a url",
        url,
    ]
    started = time.monotonic()
    try:
        with caplog.at_level(logging.WARNING, logger="portal.caching"):
            purge.purge_tags(["show:12"])
    finally:
        silent.close()
    assert time.monotonic() - started < 3
    warnings = [record for record in caplog.records if record.name == "portal.caching"]
    assert len(warnings) == 3 and all(record.levelno == logging.WARNING for record in warnings)
    assert received == [("PURGE", "/", "show:12")], "a failing cache kept the others from being purged"
