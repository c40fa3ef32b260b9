"""Cached pages for visitors: served without queries while nothing changed, fresh after any change."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from portal.comments import services
from shows.models import Episode

pytestmark = pytest.mark.django_db
PAGES = [
    "/",
    "/shows/queen-of-tears/",
    "/shows/queen-of-tears/episodes/8/",
    "/people/kim-soo-hyun/",
    "/awards/korea-drama-awards/",
    "/awards/nominations/?result=won",
    "/search/?q=kim+soo+hyun",
    "/news/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_repeated_visit_is_served_from_the_cache(client, django_assert_num_queries, url):
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content


def test_an_edit_shows_on_the_next_request(client, django_capture_on_commit_callbacks, qot):
    assert "16.143%" in client.get("/shows/queen-of-tears/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        episode = Episode.objects.get(show=qot, kind="regular", number=8)
        episode.nationwide_share = "16.500"
        episode.save()
    html = client.get("/shows/queen-of-tears/").content.decode()
    assert "16.500%" in html and "16.143%" not in html
    assert "16.500%" in client.get("/shows/queen-of-tears/episodes/8/").content.decode()


def test_a_comment_shows_at_once_with_its_count(client, django_capture_on_commit_callbacks, qot):
    episode = Episode.objects.get(show=qot, kind="regular", number=8)
    client.get(episode.get_absolute_url())
    client.get("/shows/queen-of-tears/episodes/")
    author = User.objects.create_user("fan", "fan@example.org", "a-long-test-password-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(author=author, target=episode, body="Fresh from the oven")
    assert "Fresh from the oven" in client.get(episode.get_absolute_url()).content.decode()
    assert (
        'aria-label="1 comment on episode 8">1</a>'
        in client.get("/shows/queen-of-tears/episodes/").content.decode()
    )


def test_members_always_get_a_fresh_page(client):
    client.get("/shows/queen-of-tears/")
    member = Client()
    member.force_login(User.objects.create_user("member", "m@example.org", "a-long-test-password-1"))
    html = member.get("/shows/queen-of-tears/").content.decode()
    assert "Signed in as <strong>member</strong>" in html


def rendered_with_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries) > 0


def test_a_pending_message_bypasses_the_cache(client):
    client.get("/")
    assert not rendered_with_queries(client, "/")
    client.cookies["messages"] = "anything"
    assert rendered_with_queries(client, "/")


def test_errors_and_redirects_are_not_cached(client):
    for url, status in [("/shows/no-such-show/", 404), ("/shows/queen-of-tears/episodes/008/", 301)]:
        assert client.get(url).status_code == status
        assert rendered_with_queries(client, url)
