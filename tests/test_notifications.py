"""Replies and @mentions notify members: on /notifications/, as an unread count in the header of cached
pages, and by email for those who ask (when the site sends email)."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from portal.fans import services as fan_services
from portal.notifications.models import Notification
from portal.notifications.services import mentioned_names

from .factories import count_queries
from .helpers_comments import client_for, make_comment
from .servers import RedisServer

pytestmark = pytest.mark.django_db
BADGE = '<span class="badge unread-count" aria-label="{n} unread">{n}</span>'


@pytest.fixture(autouse=True)
def roomy_limits(relaxed_limits):
    pass


def notified(member):
    return list(
        Notification.objects.filter(recipient=member).order_by("pk").values_list("reason", "comment__body")
    )


# --- who is notified ---------------------------------------------------------------------------------


def test_a_reply_notifies_the_author_of_the_comment_it_answers(episode, member, other_member):
    root = make_comment(member, episode, "My theory")
    answer = make_comment(other_member, episode, "Nope", parent=root)
    assert notified(member) == [("reply", "Nope")] and notified(other_member) == []
    make_comment(member, episode, "Adding to my own theory", parent=root)
    assert notified(member) == [("reply", "Nope")]
    # A reply to a reply notifies that reply's author (not the thread's).
    make_comment(member, episode, "Yes", parent=answer)
    assert notified(other_member) == [("reply", "Yes")] and len(notified(member)) == 1


@pytest.mark.parametrize(
    "body",
    ["@haein look", "Right, @HAEIN.", "(@Haein) agrees", "@haein, @haein! and @haein?", "end @haein…"],
)
def test_a_mention_notifies_the_member_named_whatever_the_case_and_punctuation(
    episode, member, other_member, body
):
    make_comment(member, episode, body)
    assert notified(other_member) == [("mention", body)]


@pytest.mark.parametrize(
    "body",
    ["write to haein@example.org", "mail@haein", "@ haein", "@nobody-by-that-name", "haein without an at"],
)
def test_what_is_no_mention_notifies_no_one(episode, member, other_member, body):
    make_comment(member, episode, body)
    assert not Notification.objects.exists()


def test_mention_names_are_read_without_repeats_or_trailing_dots():
    assert mentioned_names("@a.b. @A.B @c-d, x@y.z @e") == ["a.b", "c-d", "e"]


def test_at_most_ten_members_are_notified_per_comment(episode, member, django_user_model):
    names = [f"fan{n:02d}" for n in range(12)]
    for name in names:
        django_user_model.objects.create_user(name)
    make_comment(member, episode, " ".join(f"@{name}" for name in names))
    notified_names = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified_names == set(names[:10])


def test_inactive_members_and_the_author_themself_are_not_notified(episode, member, other_member):
    other_member.is_active = False
    other_member.save()
    make_comment(member, episode, "@haein @hyunwoo hello")
    assert not Notification.objects.exists()


def test_a_mentioned_parent_author_is_notified_once_as_a_reply(episode, member, other_member):
    root = make_comment(member, episode, "Question")
    make_comment(other_member, episode, "@hyunwoo here is the answer", parent=root)
    assert notified(member) == [("reply", "@hyunwoo here is the answer")]


# --- the header's unread count and the notifications page ----------------------------------------------


def test_the_unread_count_shows_on_the_cached_page_until_the_notifications_are_read(
    episode, member, other_member, django_capture_on_commit_callbacks
):
    client = client_for(member)
    url = episode.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT" and "unread-count" not in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_comment(other_member, episode, "Hi @hyunwoo, see this")
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT" and BADGE.format(n=1) in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get("/notifications/")
    html = page.content.decode()
    assert page.status_code == 200 and '<span class="badge">New</span>' in html
    assert "<strong>haein</strong> mentioned you" in html and "Hi @hyunwoo, see this" in html
    assert f'href="{episode.get_absolute_url()}#comment-' in html
    assert Notification.objects.get().read_at is not None

    response = client.get(url)
    assert response["X-Cache"] == "HIT" and "unread-count" not in response.content.decode()
    assert '<span class="badge">New</span>' not in client.get("/notifications/").content.decode()


def test_a_spoiler_reply_shows_no_text_on_the_notifications_page(episode, member, other_member):
    root = make_comment(member, episode, "Who is the villain?")
    make_comment(other_member, episode, "It is the brother-in-law", parent=root, is_spoiler=True)
    html = client_for(member).get("/notifications/").content.decode()
    assert "replied to your comment" in html and "(marked as a spoiler)" in html
    assert "brother-in-law" not in html


def test_the_notifications_page_needs_a_log_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_notifications_page_takes_a_fixed_number_of_queries(
    episode, qot, member, other_member, django_assert_num_queries
):
    client = client_for(member)
    root = make_comment(member, episode, "Root")
    make_comment(other_member, episode, "First reply", parent=root)
    # The session and the account, the page's count and notifications, and marking them read.
    with django_assert_num_queries(6):
        assert client.get("/notifications/").status_code == 200
    Notification.objects.update(read_at=None)
    for n in range(15):
        make_comment(other_member, episode, f"Reply {n}", parent=root)
        make_comment(other_member, qot, f"@hyunwoo on the show {n}")
    assert Notification.objects.filter(recipient=member, read_at=None).count() == 31
    with django_assert_num_queries(6):
        assert client.get("/notifications/").status_code == 200
    assert count_queries(client, "/notifications/?page=2") == 6 + 2  # the session and the unread count


# --- email -----------------------------------------------------------------------------------------------


def test_email_goes_only_when_the_site_sends_it_and_the_member_asked(
    settings, mailoutbox, episode, member, other_member, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAILS = True
    settings.SITE_URL = "https://fans.example/"
    root = make_comment(member, episode, "My theory")
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(other_member, episode, "Not asked for", parent=root)
    assert mailoutbox == []

    fan_services.update_profile(member, email_notifications=True)
    with django_capture_on_commit_callbacks(execute=True):
        reply = make_comment(other_member, episode, "You are right", parent=root)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hw@example.org"] and mail.subject == "haein replied to your comment on Drama Portal"
    assert (
        "You are right" in mail.body
        and f"https://fans.example{episode.get_absolute_url()}#comment-{reply.pk}" in (mail.body)
    )

    settings.NOTIFICATION_EMAILS = False
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(other_member, episode, "The site sends no email now", parent=root)
    assert len(mailoutbox) == 1


def test_a_spoiler_is_not_given_away_by_email(
    settings, mailoutbox, episode, member, other_member, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAILS = True
    fan_services.update_profile(member, email_notifications=True)
    root = make_comment(member, episode, "Who is the villain?")
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(other_member, episode, "It is the brother-in-law", parent=root, is_spoiler=True)
    assert len(mailoutbox) == 1 and "brother-in-law" not in mailoutbox[0].body


# --- a dead cache server -----------------------------------------------------------------------------


@pytest.fixture
def dead_cache(settings, tmp_path):
    """A Redis cache (as in tests/test_cache_outage.py) whose server is stopped."""
    server = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": f"notifications-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "RETRY_SECONDS": 0.2},
        }
    }
    server.stop()
    yield caches["default"]


def test_with_the_cache_server_down_the_count_still_shows(
    episode, member, other_member, dead_cache, django_capture_on_commit_callbacks
):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(other_member, episode, "@hyunwoo while the cache is down")
    response = client.get(episode.get_absolute_url())
    assert response.status_code == 200 and BADGE.format(n=1) in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/notifications/").status_code == 200
    response = client.get(episode.get_absolute_url())
    assert response.status_code == 200 and "unread-count" not in response.content.decode()


def test_a_deleted_author_reads_as_deleted_account(episode, member, other_member):
    root = make_comment(member, episode, "Root")
    make_comment(other_member, episode, "Reply from someone who leaves", parent=root)
    get_user_model().objects.filter(pk=other_member.pk).delete()
    html = client_for(member).get("/notifications/").content.decode()
    assert "<strong>deleted account</strong> replied to your comment" in html
