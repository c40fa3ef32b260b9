"""Every write path renews the cached pages that show what it wrote (portal/caching/invalidation.py).

Each test first proves the page is cached (a change made behind the ORM's back, in raw SQL, does not show),
then writes through one path and finds the change on the next anonymous request."""

import pytest
from django.db import connection

from portal.comments import services
from portal.comments.models import Comment
from shows.models import Episode, Genre, Show

pytestmark = pytest.mark.django_db

EPISODE_URL = "/shows/queen-of-tears/episodes/8/"
FEED_URL = "/feeds/shows/queen-of-tears/episodes/8/comments.rss"


def raw_sql(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def cached_with_stale_title(client, url, qot):
    """Cache `url`, then rename the show in raw SQL: while the cached copy stands, the page keeps the old
    title. Returns the page as cached."""
    html = client.get(url).content.decode()
    raw_sql("UPDATE shows_show SET title = %s WHERE id = %s", "Renamed behind the cache", qot.pk)
    again = client.get(url).content.decode()
    assert "Renamed behind the cache" not in again, "the page was not served from the cache"
    return html


@pytest.fixture
def fan(django_user_model):
    return django_user_model.objects.create_user("fan", "fan@example.org", "a-long-test-password")


@pytest.fixture
def comment(fan, django_capture_on_commit_callbacks):
    episode = Episode.objects.select_related("show").get(
        show__slug="queen-of-tears", kind="regular", number=8
    )
    with django_capture_on_commit_callbacks(execute=True):
        comment, _ = services.post_comment(
            author=fan, target=episode, body="A comment to be hidden by a moderator"
        )
    return comment


def test_hiding_a_comment_with_the_admin_bulk_action_removes_it_from_page_and_feed(
    staff_client, comment, django_capture_on_commit_callbacks
):
    from django.test import Client

    visitor = Client()
    assert comment.body in visitor.get(EPISODE_URL).content.decode()  # now cached
    assert comment.body in visitor.get(FEED_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/comments/comment/", {"action": "hide", "_selected_action": [comment.pk]}
        )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.HIDDEN
    assert comment.body not in visitor.get(EPISODE_URL).content.decode()
    assert comment.body not in visitor.get(FEED_URL).content.decode()


def test_restoring_with_the_bulk_action_brings_it_back(
    staff_client, comment, django_capture_on_commit_callbacks
):
    from django.test import Client

    visitor = Client()
    services.moderate([comment], status=Comment.Status.HIDDEN)
    assert comment.body not in visitor.get(EPISODE_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post("/admin/comments/comment/", {"action": "restore", "_selected_action": [comment.pk]})
    assert comment.body in visitor.get(EPISODE_URL).content.decode()


def test_a_queryset_update_renews_the_pages(client, qot, django_capture_on_commit_callbacks):
    cached_with_stale_title(client, "/shows/queen-of-tears/", qot)
    with django_capture_on_commit_callbacks(execute=True):
        Show.objects.filter(pk=qot.pk).update(title="Renamed through update()")
    assert "Renamed through update()" in client.get("/shows/queen-of-tears/").content.decode()


def test_a_queryset_delete_renews_the_pages(client, qot, django_capture_on_commit_callbacks):
    cached_with_stale_title(client, "/shows/queen-of-tears/episodes/", qot)
    with django_capture_on_commit_callbacks(execute=True):
        Episode.objects.filter(show=qot, kind="special").delete()
    html = client.get("/shows/queen-of-tears/episodes/").content.decode()
    assert "Renamed behind the cache" in html and "/specials/1/" not in html


def test_a_save_from_code_renews_the_pages(client, qot, django_capture_on_commit_callbacks):
    cached_with_stale_title(client, "/shows/", qot)
    qot.refresh_from_db()
    qot.title = "Renamed through save()"
    with django_capture_on_commit_callbacks(execute=True):
        qot.save()
    assert "Renamed through save()" in client.get("/shows/").content.decode()


def test_a_many_to_many_change_renews_the_pages(client, qot, django_capture_on_commit_callbacks):
    genre = Genre.objects.create(name="Time-slip fantasy", slug="time-slip-fantasy")
    cached_with_stale_title(client, "/shows/queen-of-tears/", qot)
    with django_capture_on_commit_callbacks(execute=True):
        qot.genres.add(genre)
    assert "Time-slip fantasy" in client.get("/shows/queen-of-tears/").content.decode()


def test_an_admin_save_renews_the_pages(staff_client, qot, django_capture_on_commit_callbacks):
    from django.test import Client

    from .test_admin import form_data

    client = Client()  # a visitor; staff_client is logged in
    cached_with_stale_title(client, "/shows/", qot)
    qot.refresh_from_db()
    change_url = f"/admin/shows/show/{qot.pk}/change/"
    data = form_data(staff_client.get(change_url))
    data["title"] = "Renamed in the admin"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Renamed in the admin" in client.get("/shows/").content.decode()


def test_the_search_index_rebuild_renews_the_search_pages(client, qot, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    url = "/search/?q=renamed"
    assert "Renamed behind the cache" not in client.get(url).content.decode()
    raw_sql("UPDATE shows_show SET title = %s WHERE id = %s", "Renamed behind the cache", qot.pk)
    assert "Renamed behind the cache" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", verbosity=0)
    assert "behind the cache" in client.get(url).content.decode()


def test_deleting_comments_with_the_admin_action_renews_the_page(
    staff_client, comment, django_capture_on_commit_callbacks
):
    from django.test import Client

    visitor = Client()
    assert comment.body in visitor.get(EPISODE_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/comments/comment/",
            {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert comment.body not in visitor.get(EPISODE_URL).content.decode()


def test_a_renamed_or_deleted_account_renews_the_pages_that_print_its_name(
    client, fan, comment, django_capture_on_commit_callbacks
):
    assert ">fan<" in client.get(EPISODE_URL).content.decode()
    fan.username = "fan-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        fan.save()
    assert ">fan-renamed<" in client.get(EPISODE_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        fan.delete()
    html = client.get(EPISODE_URL).content.decode()
    assert ">fan-renamed<" not in html and "deleted account" in html
