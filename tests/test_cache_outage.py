"""A cache server that dies or freezes never turns into error pages or lost comments (issue 10: with Redis
shut down, /, a show, an episode, search and /people/ answered 500 and a posted comment was lost).

Each test runs a redis-server of its own, stops it, freezes it and starts it again."""

import logging
import time
import uuid

import pytest
from django.core.cache import caches

from .servers import CSRF_SECRET, RedisServer, get, gunicorn, manage, post_form, run_in_portal

VISITOR_PAGES = [
    "/",
    "/shows/queen-of-tears/",
    "/shows/queen-of-tears/episodes/8/",
    "/search/?q=kim",
    "/people/",
]


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"outage-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "RETRY_SECONDS": 0.2},
        }
    }
    return caches["default"]


def keys_in(redis_server):
    import redis

    return redis.Redis.from_url(redis_server.url).dbsize()


def wait_until_retry(cache):
    time.sleep(cache.retry_seconds + 0.05)


@pytest.mark.django_db
def test_visitor_pages_render_without_redis_and_recover_without_restart(
    client, redis_cache, redis_server, caplog
):
    for url in VISITOR_PAGES:
        assert client.get(url).status_code == 200, url
    assert keys_in(redis_server) > 0
    assert client.get("/healthz").json()["cache"] == "up"

    redis_server.stop()
    caplog.set_level(logging.WARNING, logger="portal.cache")
    for _round in range(2):
        for url in VISITOR_PAGES:
            response = client.get(url)
            assert response.status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {
        "status": "degraded",
        "database": "up",
        "cache": "down",
    }
    assert client.get("/readyz").status_code == 503
    warnings = [r for r in caplog.records if r.name == "portal.cache"]
    assert len(warnings) == 1 and "cannot be reached" in warnings[0].getMessage()

    redis_server.start()  # same port, empty: the portal finds it again by itself
    wait_until_retry(redis_cache)
    assert client.get("/healthz").json() == {"status": "ok", "database": "up", "cache": "up"}
    assert client.get("/readyz").status_code == 200
    for url in VISITOR_PAGES:
        assert client.get(url).status_code == 200
    assert keys_in(redis_server) > 0  # caching again
    assert "answers again" in caplog.records[-1].getMessage()


@pytest.mark.django_db
def test_a_comment_posted_while_redis_is_down_is_stored(client, django_user_model, redis_cache, redis_server):
    from portal.comments.models import Comment
    from shows.models import Episode

    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    client.force_login(
        django_user_model.objects.create_user("fan", "fan@example.org", "a-long-test-password")
    )
    redis_server.stop()
    response = client.post(
        f"/comments/post/episode/{episode.pk}/", {"body": "Posted while the cache was away", "submission": ""}
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="Posted while the cache was away", episode=episode).exists()


@pytest.mark.django_db
def test_a_frozen_redis_costs_one_short_timeout_not_an_error(client, redis_cache, redis_server):
    redis_server.freeze()
    started = time.monotonic()
    for url in VISITOR_PAGES:
        assert client.get(url).status_code == 200, url
    # Without socket timeouts each call would hang (redis-py waits forever by default); the first call
    # waits 0.3 s, the rest skip Redis until RETRY_SECONDS have passed.
    assert time.monotonic() - started < 10
    assert client.get("/healthz").json()["cache"] == "down"
    redis_server.thaw()
    wait_until_retry(redis_cache)
    assert client.get("/healthz").json()["cache"] == "up"


@pytest.mark.django_db
def test_an_invalidation_missed_while_redis_was_frozen_is_replayed(
    client, django_user_model, redis_cache, redis_server
):
    """A frozen server keeps its data: the page cached before the freeze must not come back stale."""
    from portal.comments import services
    from shows.models import Episode

    url = "/shows/queen-of-tears/episodes/8/"
    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    assert "Written during the freeze" not in client.get(url).content.decode()  # cached now
    redis_server.freeze()
    author = django_user_model.objects.create_user("frozen", "frozen@example.org", "a-long-test-password")
    services.post_comment(author=author, target=episode, body="Written during the freeze")
    redis_server.thaw()
    wait_until_retry(redis_cache)
    assert "Written during the freeze" in client.get(url).content.decode()


MAKE_MEMBER = f"""
import json
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from shows.models import Episode
user = User.objects.create_user("outage", "outage@example.org", "a-long-test-password")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
print(json.dumps({{"episode": episode.pk, "session": session.session_key, "csrf": "{CSRF_SECRET}"}}))
"""


def test_gunicorn_workers_ride_out_a_redis_shutdown(tmp_path, redis_server):
    """The real thing: three gunicorn workers, `redis-server` shut down under them, then started again."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": redis_server.url,
        "CACHE_RETRY_SECONDS": "0.5",
        "CACHE_SOCKET_TIMEOUT": "0.3",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    member = run_in_portal(env, MAKE_MEMBER)
    cookies = {"sessionid": member["session"], "csrftoken": member["csrf"]}
    with gunicorn(env, workers=3) as base:
        for url in VISITOR_PAGES:
            assert get(base + url)[0] == 200
        assert keys_in(redis_server) > 0
        redis_server.stop()
        for _round in range(3):  # every worker meets the outage
            for url in VISITOR_PAGES:
                assert get(base + url)[0] == 200, url
        status, body, _headers = get(base + "/healthz")
        assert status == 200 and '"cache": "down"' in body
        fields = {
            "body": "Stored with Redis gone",
            "submission": str(uuid.uuid4()),
            "csrfmiddlewaretoken": CSRF_SECRET,
        }
        status, _body = post_form(f"{base}/comments/post/episode/{member['episode']}/", fields, cookies)
        assert status == 302
        status, html, _headers = get(base + "/shows/queen-of-tears/episodes/8/")
        assert status == 200 and "Stored with Redis gone" in html

        redis_server.start()
        time.sleep(0.6)
        for _round in range(3):
            for url in VISITOR_PAGES:
                assert get(base + url)[0] == 200
        assert keys_in(redis_server) > 0
        status, body, _headers = get(base + "/healthz")
        assert '"cache": "up"' in body


@pytest.mark.django_db
def test_a_cache_folder_that_cannot_be_written_means_pages_without_the_cache(client, settings):
    """Without Redis the cache is files: a read-only or full folder must not fail the pages either."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientFileBasedCache",
            "LOCATION": "/dev/null/cache",  # under a file: every write fails with an OSError
            "OPTIONS": {"RETRY_SECONDS": 0.2},
        }
    }
    for url in VISITOR_PAGES:
        assert client.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["cache"] == "down"
