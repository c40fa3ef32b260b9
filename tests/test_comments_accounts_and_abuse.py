"""Members' accounts (sign-up, passwords) and what stops abuse: rate limits, double submits, CSRF, failed
writes and posts sent at the same time."""

import re
import threading
import uuid

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.comments import services
from portal.comments.models import Comment
from shows.models import Episode

from .helpers_comments import PASSWORD, client_for, form_token, make_comment, post_url

pytestmark = pytest.mark.django_db


# --- accounts --------------------------------------------------------------------------------------------


def test_signup_honeypot_and_validators(client):
    data = {"username": "bot", "email": "bot@example.org", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/", {**data, "website": "http://spam.example"})
    assert response.status_code == 200 and "looks automated" in response.content.decode()
    response = client.post("/accounts/signup/", {**data, "password1": "123", "password2": "123"})
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="bot").exists()


def test_signup_refuses_an_external_next(client):
    data = {"username": "fan", "email": "fan@example.org", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/?next=https://evil.example/", data)
    assert response.status_code == 302 and response["Location"] == "/"


def test_password_change_and_reset_by_email(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-77",
            "new_password2": "another-long-pass-77",
        },
    )
    assert response.status_code == 302
    client.post("/accounts/logout/")
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "third-long-pass-99", "new_password2": "third-long-pass-99"},
    )
    assert response.status_code == 302
    # Through the log-in form: django-axes needs the request, which client.login() does not pass.
    credentials = {"username": member.username, "password": "third-long-pass-99"}
    response = client.post("/accounts/login/", credentials)
    assert response.status_code == 302


# --- abuse and integrity ---------------------------------------------------------------------------------


def test_rate_limit_answers_429_and_keeps_the_text(episode, member):
    client = client_for(member)
    for i in range(5):
        assert client.post(post_url(episode), {"body": f"comment {i}"}).status_code == 302
    response = client.post(post_url(episode), {"body": "one too many"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Slow down" in html and "one too many" in html
    assert Comment.objects.count() == 5
    # A minute later, posting works again.
    Comment.objects.update(created_at=timezone.now() - timezone.timedelta(seconds=61))
    assert client.post(post_url(episode), {"body": "later"}).status_code == 302


def test_hourly_rate_limit(episode, member):
    for i in range(50):
        make_comment(member, episode, f"c{i}") if i < 5 else None
        if i == 4:
            Comment.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=10))
    Comment.objects.bulk_create([Comment(author=member, episode=episode, body=f"old {i}") for i in range(45)])
    Comment.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=10))
    response = client_for(member).post(post_url(episode), {"body": "fifty-first"})
    assert response.status_code == 429 and "every hour" in response.content.decode()


def test_double_submit_stores_one_comment(episode, member):
    client = client_for(member)
    token = form_token(client.get(episode.get_absolute_url()).content.decode())
    first = client.post(post_url(episode), {"body": "Once", "submission": token})
    second = client.post(post_url(episode), {"body": "Once", "submission": token})
    assert first["Location"] == second["Location"]
    assert Comment.objects.filter(body="Once").count() == 1


def test_each_page_view_gets_a_fresh_submission_token(episode, member):
    client = client_for(member)
    first = form_token(client.get(episode.get_absolute_url()).content.decode())
    second = form_token(client.get(episode.get_absolute_url()).content.decode())
    assert first != second


def test_a_failure_while_posting_stores_nothing(episode, member, monkeypatch):
    from portal.comments.models import Comment as Model

    original_save = Model.save

    def save_then_fail(self, *args, **kwargs):
        original_save(self, *args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Model, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        services.post_comment(author=member, target=episode, body="half-written")
    monkeypatch.undo()
    assert not Comment.objects.filter(body="half-written").exists()


def test_forms_need_the_csrf_token(episode, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(post_url(episode), {"body": "forged"})
    assert response.status_code == 403 and "expired" in response.content.decode()
    assert not Comment.objects.exists()


# --- concurrency -----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_posting_stores_every_comment_exactly_once(demo_in_transactional_db):
    """Many accounts post at once (threads, one database connection each). On PostgreSQL they really run
    in parallel; SQLite serializes writers, so there the posts run one after another."""
    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    authors = [User.objects.create_user(f"fan{i}", f"fan{i}@example.org", PASSWORD) for i in range(8)]
    per_author = 5
    errors = []
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(len(authors)) if parallel else None

    def post_all(author):
        try:
            if barrier:
                barrier.wait()
            for i in range(per_author):
                token = uuid.uuid4()
                # Every post is also submitted twice, as a double click would.
                for _ in range(2):
                    services.post_comment(
                        author=author, target=episode, body=f"{author.username} #{i}", submission=token
                    )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post_all, args=(a,)) for a in authors]
    if parallel:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for thread in threads:
            thread.start()
            thread.join()
    assert errors == []
    bodies = list(Comment.objects.filter(episode=episode).values_list("body", flat=True))
    assert len(bodies) == len(authors) * per_author
    assert len(set(bodies)) == len(bodies)


@pytest.mark.django_db(transaction=True)
def test_parallel_posts_from_one_account_respect_the_rate_limit(demo_in_transactional_db):
    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    author = User.objects.create_user("spammer", "s@example.org", PASSWORD)
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(12) if parallel else None
    outcomes = []

    def attempt(i):
        try:
            if barrier:
                barrier.wait()
            services.post_comment(author=author, target=episode, body=f"spam {i}")
            outcomes.append("stored")
        except services.RateLimited:
            outcomes.append("limited")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join()
    assert outcomes.count("stored") == 5 and outcomes.count("limited") == 7
    assert Comment.objects.filter(author=author).count() == 5
