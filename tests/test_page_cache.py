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


def test_members_get_the_cached_page_with_their_own_account_links(client, django_assert_num_queries):
    visitor_html = client.get("/shows/queen-of-tears/").content.decode()
    assert "Sign up</a>" in visitor_html and "Signed in as" not in visitor_html
    member = Client()
    member.force_login(User.objects.create_user("member", "m@example.org", "a-long-test-password-1"))
    # The account and the member's marks on the show (one query for their list, rating and progress); the
    # session is in the cache and the page is the cached copy.
    with django_assert_num_queries(2):
        response = member.get("/shows/queen-of-tears/")
    html = response.content.decode()
    assert response["X-Cache"] == "HIT" and "private" in response["Cache-Control"]
    assert "Signed in as <strong>member</strong>" in html and "Sign up</a>" not in html
    assert 'name="csrfmiddlewaretoken"' in html and "csrftoken" in response.cookies
    # The rest of the page is the visitors' copy, byte for byte.
    account = slice(
        visitor_html.index('<div class="account">'),
        visitor_html.index("</div>", visitor_html.index('<div class="account">')),
    )
    assert visitor_html[: account.start] == html[: account.start]
    assert client.get("/shows/queen-of-tears/").content.decode() == visitor_html


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


# --- what the key is made of (issue 12's attack run) ------------------------------------------------------


def served_from_cache(client, url, qot, **extra):
    """Cache `url`, rename the show in raw SQL, and return (whether a request with `extra` still gets the
    cached copy, that response's HTML)."""
    from django.db import connection

    client.get(url)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE shows_show SET title = 'Renamed in raw SQL' WHERE id = %s", [qot.pk])
    html = client.get(url, **extra).content.decode()
    return "Renamed in raw SQL" not in html, html


def test_each_host_and_scheme_gets_its_own_copy(client, qot):
    localhost = client.get("/shows/queen-of-tears/", HTTP_HOST="localhost").content.decode()
    assert '<link rel="canonical" href="http://localhost/shows/queen-of-tears/">' in localhost
    other = client.get("/shows/queen-of-tears/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1/shows/queen-of-tears/">' in other
    secure = client.get("/shows/queen-of-tears/", HTTP_HOST="localhost", secure=True).content.decode()
    assert '<link rel="canonical" href="https://localhost/shows/queen-of-tears/">' in secure


def test_parameters_no_page_reads_share_the_copy_and_stay_out_of_its_links(client, qot):
    junk = {"utm_source": "mail", "fbclid": "x", "made_up": "1"}
    cached, html = served_from_cache(client, "/shows/", qot, data=junk)
    assert cached, "a tracking parameter made a copy of its own"
    assert "utm_source" not in html and "fbclid" not in html and "made_up" not in html


def test_a_parameter_a_page_reads_still_makes_its_own_copy(client, qot):
    genre = qot.genres.first()
    cached, html = served_from_cache(client, "/shows/", qot, data={"genre": genre.slug})
    assert not cached and "Renamed in raw SQL" in html


def test_a_made_up_session_cookie_still_gets_the_cached_page(client, qot):
    client.cookies["sessionid"] = "made-up-session-key-0123456789"
    cached, _html = served_from_cache(client, "/shows/queen-of-tears/", qot)
    assert cached


def test_responses_say_hit_or_miss_name_their_scopes_and_answer_304(client, django_user_model):
    first = client.get("/shows/queen-of-tears/episodes/8/")
    assert first["X-Cache"] == "MISS"
    second = client.get("/shows/queen-of-tears/episodes/8/")
    assert second["X-Cache"] == "HIT" and second.content == first.content
    keys = second["Surrogate-Key"].split()
    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    assert {"catalogue", f"discussion:episode:{episode.pk}", f"episode:{episode.pk}"} <= set(keys)
    assert f"show:{episode.show_id}" in keys
    assert "Cookie" in second["Vary"] and "s-maxage=" in second["Cache-Control"]
    etag = second["ETag"]
    unchanged = client.get("/shows/queen-of-tears/episodes/8/", HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    member = django_user_model.objects.create_user("etag-fan", "etag@example.org", "a-long-test-password")
    client.force_login(member)
    as_member = client.get("/shows/queen-of-tears/episodes/8/")
    assert as_member["X-Cache"] == "HIT" and as_member["ETag"] != etag
