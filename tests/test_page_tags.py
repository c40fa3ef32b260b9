"""Tag-based page caching (portal/caching/): a write retires exactly the pages that show what it touched,
and members get the cached page with only their own parts rendered for them."""

import pytest
from django.core.management import call_command
from django.test import Client

from awards.models import Ceremony, Nomination
from people.models import Casting, Person
from portal.caching import pages
from portal.comments import services
from portal.comments.models import Comment
from shows.models import Episode, Show

from .factories import CastingFactory, EpisodeFactory, PersonFactory, ShowFactory

pytestmark = pytest.mark.django_db

QOT = "/shows/queen-of-tears/"
EPISODE_8 = "/shows/queen-of-tears/episodes/8/"


def outcome(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Cache"]


def cache(client, *urls):
    for url in urls:
        client.get(url)
        assert outcome(client, url) == "HIT", url


@pytest.fixture
def other_show(db):
    """A second show with an episode and an actor who is not in Queen of Tears."""
    show = ShowFactory(title="Another Drama", slug="another-drama")
    EpisodeFactory(show=show, number=1)
    casting = CastingFactory(
        character__show=show, person=PersonFactory(name="Lee Stranger", slug="lee-stranger")
    )
    return show, casting.person


def test_editing_one_show_leaves_other_shows_and_people_not_in_it_cached(
    client, qot, other_show, django_capture_on_commit_callbacks
):
    show, stranger = other_show
    actor = Casting.objects.filter(show=qot).exclude(person=None).first().person
    their_pages = [QOT, EPISODE_8, f"{QOT}cast/", actor.get_absolute_url()]
    other_pages = [
        show.get_absolute_url(),
        f"{show.get_absolute_url()}episodes/1/",
        stranger.get_absolute_url(),
    ]
    cache(client, *their_pages, *other_pages)
    with django_capture_on_commit_callbacks(execute=True):
        qot.title = "Queen of Tears, edited"
        qot.save()
    for url in their_pages:
        response = client.get(url)
        assert response["X-Cache"] == "MISS" and "Queen of Tears, edited" in response.content.decode(), url
    for url in other_pages:
        assert outcome(client, url) == "HIT", url


def test_a_new_episode_reaches_its_show_page_through_the_parent_tag(
    client, qot, other_show, django_capture_on_commit_callbacks
):
    show, _ = other_show
    cache(client, show.get_absolute_url(), QOT)
    with django_capture_on_commit_callbacks(execute=True):
        EpisodeFactory(show=show, number=2, title="A brand-new second episode")
    assert (
        "/shows/another-drama/episodes/2/"
        in client.get(f"{show.get_absolute_url()}episodes/").content.decode()
    )
    assert outcome(client, show.get_absolute_url()) == "MISS"
    assert outcome(client, QOT) == "HIT"


def test_a_casting_moved_to_another_actor_retires_both_actors_pages(
    client, qot, other_show, django_capture_on_commit_callbacks
):
    show, stranger = other_show
    newcomer = PersonFactory(name="New Face", slug="new-face")
    casting = Casting.objects.get(show=show, person=stranger)
    cache(client, stranger.get_absolute_url(), newcomer.get_absolute_url(), QOT)
    with django_capture_on_commit_callbacks(execute=True):
        casting.person = newcomer
        casting.save()
    assert show.title not in client.get(stranger.get_absolute_url()).content.decode()
    assert show.title in client.get(newcomer.get_absolute_url()).content.decode()
    assert outcome(client, QOT) == "HIT"


def test_a_queryset_update_of_a_parent_field_retires_old_and_new_parents(
    client, qot, django_capture_on_commit_callbacks
):
    nomination = Nomination.objects.filter(show=qot).select_related("ceremony").first()
    other = Ceremony.objects.exclude(pk=nomination.ceremony_id).first()
    old_url, new_url = nomination.ceremony.get_absolute_url(), other.get_absolute_url()
    cache(client, old_url, new_url)
    with django_capture_on_commit_callbacks(execute=True):
        Nomination.objects.filter(pk=nomination.pk).update(ceremony=other, position=9999)
    assert outcome(client, old_url) == "MISS" and outcome(client, new_url) == "MISS"


def test_a_nomination_result_reaches_its_nominees_pages(client, qot, django_capture_on_commit_callbacks):
    nomination = Nomination.objects.filter(nominee_people__isnull=False).first()
    person = nomination.nominee_people.first()
    cache(client, person.get_absolute_url(), "/awards/nominations/?result=won")
    with django_capture_on_commit_callbacks(execute=True):
        Nomination.objects.filter(pk=nomination.pk).update(result=Nomination.Result.WON)
    assert outcome(client, person.get_absolute_url()) == "MISS"
    assert outcome(client, "/awards/nominations/?result=won") == "MISS"


def test_list_pages_carry_list_tags_and_a_new_show_reaches_them(
    client, qot, django_capture_on_commit_callbacks
):
    cache(client, "/shows/", "/", "/people/")
    assert "list:show" in client.get("/shows/")["Surrogate-Key"].split()
    with django_capture_on_commit_callbacks(execute=True):
        ShowFactory(title="A Show Nobody Listed Yet", slug="a-show-nobody-listed-yet")
    assert "A Show Nobody Listed Yet" in client.get("/shows/").content.decode()
    assert outcome(client, "/") == "MISS"
    assert outcome(client, "/people/") == "HIT"


def test_a_comment_retires_its_discussion_and_counts_but_not_other_episodes(
    client, qot, django_user_model, django_capture_on_commit_callbacks
):
    episode = Episode.objects.get(show=qot, kind="regular", number=8)
    cache(client, EPISODE_8, f"{QOT}episodes/", "/shows/queen-of-tears/episodes/7/", "/people/kim-soo-hyun/")
    author = django_user_model.objects.create_user("fan", "fan@example.org", "a-long-test-password")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(author=author, target=episode, body="Counted at once")
    assert outcome(client, EPISODE_8) == "MISS" and outcome(client, f"{QOT}episodes/") == "MISS"
    assert outcome(client, "/shows/queen-of-tears/episodes/7/") == "HIT"
    assert outcome(client, "/people/kim-soo-hyun/") == "HIT"


def test_a_renewal_during_a_render_retires_that_render(client, qot, monkeypatch):
    """A write committed while a page rendered (from the data as it was) retires the copy it leaves."""
    from shows import views

    original = views.ShowDetailView.get_context_data

    def render_and_meanwhile_commit(self, **kwargs):
        context = original(self, **kwargs)
        pages.renew([f"show:{qot.pk}"])
        return context

    monkeypatch.setattr(views.ShowDetailView, "get_context_data", render_and_meanwhile_commit)
    raced = client.get(QOT)
    assert "private" in raced["Cache-Control"] and "s-maxage" not in raced["Cache-Control"]
    monkeypatch.setattr(views.ShowDetailView, "get_context_data", original)
    assert outcome(client, QOT) == "MISS"
    assert outcome(client, QOT) == "HIT"


def test_copies_are_checked_once_per_renewal_and_a_lost_tag_counts_as_renewed(client, qot, monkeypatch):
    from django.core.cache import cache as default_cache

    cache(client, QOT)
    checks = []
    original = pages.still_valid
    monkeypatch.setattr(pages, "still_valid", lambda entry: checks.append(entry) or original(entry))
    assert [outcome(client, QOT) for _ in range(3)] == ["HIT"] * 3 and not checks
    pages.renew(["list:something-else"])
    assert [outcome(client, QOT) for _ in range(3)] == ["HIT"] * 3 and len(checks) == 1
    default_cache.delete(f"{pages.TAG_PREFIX}show:{qot.pk}")
    pages.renew(["list:something-else"])  # the next renewal of anything makes copies check their tags again
    assert outcome(client, QOT) == "MISS"
    assert outcome(client, QOT) == "HIT"


# Members: the cached page, their own parts filled in.


@pytest.fixture
def discussion(qot, django_user_model, django_capture_on_commit_callbacks):
    episode = Episode.objects.get(show=qot, kind="regular", number=8)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", "a-long-test-password")
    bob = django_user_model.objects.create_user("bob", "bob@example.org", "a-long-test-password")
    with django_capture_on_commit_callbacks(execute=True):
        mine, _ = services.post_comment(author=alice, target=episode, body="Alice wrote this")
        theirs, _ = services.post_comment(author=bob, target=episode, body="Bob wrote that")
    return alice, bob, mine, theirs


def controls_of(html, comment):
    start = html.index(f'id="comment-{comment.pk}"')
    return html[start : html.index("</article>", start)]


def test_a_member_gets_the_cached_discussion_with_their_own_controls(
    client, discussion, django_assert_num_queries, django_capture_on_commit_callbacks
):
    alice, bob, mine, theirs = discussion
    visitor_html = client.get(EPISODE_8).content.decode()
    assert "Log in</a>" in visitor_html and 'class="comment-actions"' not in visitor_html
    member = Client()
    member.force_login(alice)
    # Her account, the reports and helpful votes she made here, and her marks on the episode (one query for
    # the tracker, the spoiler shield and her rating); the session is cached.
    with django_assert_num_queries(4):
        response = member.get(EPISODE_8)
    html = response.content.decode()
    assert response["X-Cache"] == "HIT"
    assert 'id="comment-form"' in html and "Post comment" in html
    assert f"/comments/{mine.pk}/edit/" in controls_of(html, mine)
    assert "/report/" not in controls_of(html, mine)
    assert f"/comments/{theirs.pk}/report/" in controls_of(html, theirs)
    assert "/edit/" not in controls_of(html, theirs)
    assert f'name="parent" value="{theirs.pk}"' in controls_of(html, theirs)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_comment(comment=theirs, user=alice, reason="spoiler")
    html = member.get(EPISODE_8).content.decode()
    assert '<span class="meta">Reported</span>' in controls_of(html, theirs)
    # Bob sees the opposite, from the same cached copy.
    other = Client()
    other.force_login(bob)
    response = other.get(EPISODE_8)
    html = response.content.decode()
    assert response["X-Cache"] == "HIT"
    assert f"/comments/{theirs.pk}/edit/" in controls_of(html, theirs)
    assert f"/comments/{mine.pk}/report/" in controls_of(html, mine)
    assert "Signed in as <strong>bob</strong>" in html and "Signed in as <strong>alice" not in html


def test_a_member_can_post_from_the_cached_page(discussion, django_capture_on_commit_callbacks):
    alice, *_ = discussion
    member = Client(enforce_csrf_checks=True)
    member.force_login(alice)
    html = member.get(EPISODE_8).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = html[html.index('id="comment-form"') :]
    action = html[: html.index('id="comment-form"')].rsplit('action="', 1)[1].split('"', 1)[0]
    submission = form.split('name="submission" value="', 1)[1].split('"', 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            action,
            {"body": "Posted through the slot", "submission": submission, "csrfmiddlewaretoken": token},
        )
    assert response.status_code == 302
    assert "Posted through the slot" in Client().get(EPISODE_8).content.decode()


def test_an_inactive_member_sees_no_form_and_no_controls(client, discussion):
    alice, *_ = discussion
    alice.is_active = False
    alice.save()
    member = Client()
    member.force_login(alice)  # force_login ignores is_active; the page must not offer posting
    html = member.get(EPISODE_8).content.decode()
    assert 'id="comment-form"' not in html and 'class="comment-actions"' not in html


# Write paths that retire pages besides the ones above (test_cache_invalidation.py has the others).


def test_editing_and_deleting_a_comment_through_its_pages(discussion, django_capture_on_commit_callbacks):
    alice, _bob, mine, _theirs = discussion
    visitor = Client()
    cache(visitor, EPISODE_8)
    member = Client()
    member.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        member.post(f"/comments/{mine.pk}/edit/", {"body": "Alice changed her mind", "is_spoiler": ""})
    assert "Alice changed her mind" in visitor.get(EPISODE_8).content.decode()
    cache(visitor, EPISODE_8)
    with django_capture_on_commit_callbacks(execute=True):
        member.post(f"/comments/{mine.pk}/delete/")
    html = visitor.get(EPISODE_8).content.decode()
    assert "Alice changed her mind" not in html and Comment.objects.get(pk=mine.pk).is_deleted


def test_the_admin_delete_action_on_shows_retires_their_pages(
    staff_client, other_show, django_capture_on_commit_callbacks
):
    show, stranger = other_show
    visitor = Client()
    cache(visitor, "/shows/", stranger.get_absolute_url())
    Casting.objects.filter(show=show).delete()
    visitor.get(stranger.get_absolute_url())  # re-cache after the castings went
    cache(visitor, stranger.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/shows/show/",
            {"action": "delete_selected", "_selected_action": [show.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert "Another Drama" not in visitor.get("/shows/").content.decode()


def test_load_demo_retires_the_pages_of_what_it_adds_back(client, qot, django_capture_on_commit_callbacks):
    episode = Episode.objects.get(show=qot, kind="regular", number=16)
    cache(client, f"{QOT}episodes/")
    episode.delete()
    cache(client, f"{QOT}episodes/")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
    assert outcome(client, f"{QOT}episodes/") == "MISS"


def test_a_person_rename_reaches_the_shows_they_are_in_only(
    client, qot, other_show, django_capture_on_commit_callbacks
):
    show, _ = other_show
    person = Person.objects.get(slug="kim-soo-hyun")
    cache(client, QOT, show.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        person.name = "Kim Soo-hyun (renamed)"
        person.save()
    assert "Kim Soo-hyun (renamed)" in client.get(f"{QOT}cast/").content.decode()
    assert outcome(client, show.get_absolute_url()) == "HIT"


def test_a_save_that_changes_nothing_searchable_keeps_the_search_pages(
    client, qot, django_capture_on_commit_callbacks
):
    url = "/search/?q=queen+of+tears"
    cache(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        Show.objects.get(pk=qot.pk).save()
    assert outcome(client, url) == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        qot.title = "Queen of Tears Renamed"
        qot.save()
    assert "</mark> Renamed" in client.get(url).content.decode()
