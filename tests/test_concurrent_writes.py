"""SQLite, the embedded default, under a multi-process server: 50 members posting at the same moment to
gunicorn with 3 workers all get their comment stored (issue 10: 19 of 50 were lost to 'database is locked').
"""

import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from .servers import CSRF_SECRET as CSRF
from .servers import gunicorn, manage, post_form, run_in_portal

MEMBERS = 50

MAKE_MEMBERS = f"""
import json
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from shows.models import Episode
episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
sessions = []
for n in range({MEMBERS}):
    user = User.objects.create_user(f"racer{{n}}", f"racer{{n}}@example.org", "a-long-test-password")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print(json.dumps({{"episode": episode.pk, "sessions": sessions}}))
"""


@pytest.fixture(scope="module")
def sqlite_portal(tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{path}", "CACHE_URL": "dummy://"}
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    return env, path, run_in_portal(env, MAKE_MEMBERS)


def fire_at_once(calls):
    """Run every call in its own thread, released together by a barrier; returns their results."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def count(path, sql, *params):
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchone()[0]


def test_fifty_members_posting_at_once_on_sqlite_all_get_stored(sqlite_portal):
    env, path, made = sqlite_portal
    before = count(path, "SELECT COUNT(*) FROM comments_comment")
    with gunicorn(env, workers=3) as base:
        url = f"{base}/comments/post/episode/{made['episode']}/"

        def poster(n, session):
            fields = {
                "body": f"Racing comment {n}",
                "submission": str(uuid.uuid4()),
                "csrfmiddlewaretoken": CSRF,
            }
            return lambda: post_form(url, fields, {"sessionid": session, "csrftoken": CSRF})

        results = fire_at_once([poster(n, s) for n, s in enumerate(made["sessions"])])
    statuses = sorted(status for status, _ in results)
    assert statuses == [302] * MEMBERS, statuses
    assert count(path, "PRAGMA journal_mode") == "wal"
    assert count(path, "SELECT COUNT(*) FROM comments_comment") == before + MEMBERS
    for n in range(MEMBERS):
        assert count(path, "SELECT COUNT(*) FROM comments_comment WHERE body = ?", f"Racing comment {n}") == 1


def test_edits_deletes_and_replies_racing_on_sqlite_all_succeed(sqlite_portal):
    env, path, made = sqlite_portal
    sessions = made["sessions"][:24]
    ids = run_in_portal(
        env,
        "import json\nfrom portal.comments.models import Comment\n"
        "print(json.dumps({c.author.username: c.pk for c in Comment.objects.filter("
        "author__username__startswith='racer').select_related('author')}))",
    )
    with gunicorn(env, workers=3) as base:
        calls = []
        for n, session in enumerate(sessions):
            cookies = {"sessionid": session, "csrftoken": CSRF}
            own = ids[f"racer{n}"]
            other = ids[f"racer{(n + 1) % len(sessions)}"]
            if n % 3 == 0:
                fields = {"body": f"Edited {n}", "csrfmiddlewaretoken": CSRF}
                calls.append(
                    lambda f=fields, c=cookies, pk=own: post_form(f"{base}/comments/{pk}/edit/", f, c)
                )
            elif n % 3 == 1:
                fields = {"csrfmiddlewaretoken": CSRF}
                calls.append(
                    lambda f=fields, c=cookies, pk=own: post_form(f"{base}/comments/{pk}/delete/", f, c)
                )
            else:
                fields = {
                    "body": f"Reply {n}",
                    "parent": other,
                    "submission": str(uuid.uuid4()),
                    "csrfmiddlewaretoken": CSRF,
                }
                url = f"{base}/comments/post/episode/{made['episode']}/"
                calls.append(lambda f=fields, c=cookies, u=url: post_form(u, f, c))
        results = fire_at_once(calls)
    assert [status for status, _ in results] == [302] * len(calls)
    assert count(path, "SELECT COUNT(*) FROM comments_comment WHERE body LIKE 'Edited %'") == 8
    assert count(path, "SELECT COUNT(*) FROM comments_comment WHERE body LIKE 'Reply %'") == 8


@pytest.mark.django_db
def test_a_comment_the_database_refuses_comes_back_with_its_text(client, django_user_model, monkeypatch):
    """When the write fails anyway (the lock outlasted the timeout), nothing typed is lost."""
    from django.db import OperationalError

    from portal.comments import services
    from shows.models import Episode

    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    client.force_login(
        django_user_model.objects.create_user("writer", "w@example.org", "a-long-test-password")
    )

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "post_comment", locked)
    response = client.post(
        f"/comments/post/episode/{episode.pk}/",
        {"body": "Every word of this\nmust survive", "submission": ""},
    )
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    assert "Every word of this\nmust survive" in html and "could not store" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "service", "kept"),
    [("edit", "edit_comment", "Edited words kept"), ("delete", "delete_comment", "Nothing was deleted")],
)
def test_an_edit_or_deletion_the_database_refuses_answers_503_and_keeps_the_page(
    client, django_user_model, monkeypatch, action, service, kept
):
    from django.db import OperationalError

    from portal.comments import services
    from shows.models import Episode

    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    author = django_user_model.objects.create_user("editor8", "e8@example.org", "a-long-test-password")
    comment, _ = services.post_comment(author=author, target=episode, body="Original words")
    client.force_login(author)

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, service, locked)
    response = client.post(f"/comments/{comment.pk}/{action}/", {"body": "Edited words kept"})
    assert response.status_code == 503 and response["Retry-After"]
    assert kept in response.content.decode() and "could not store" in response.content.decode()
