"""'Helpful' votes on comments: one per member, taken back, never on one's own or a hidden comment, counted
on the cached page at once, and the 'most helpful' sort."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.comments import services
from portal.comments.models import Comment, CommentVote

from .helpers_comments import client_for, discussion_html, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roomy_fan_limits(settings, relaxed_limits):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "fan_action": {"member": [(10_000, 60)]}}


def helpful_url(comment):
    return reverse("comments:helpful", args=[comment.pk])


def votes(comment):
    return CommentVote.objects.filter(comment=comment).count()


def test_one_vote_per_member_and_taking_it_back(episode, member, other_member):
    comment = make_comment(other_member, episode, "A helpful theory")
    client = client_for(member)
    for _ in range(2):
        response = client.post(helpful_url(comment), {"helpful": "1"})
        assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert votes(comment) == 1
    client.post(helpful_url(comment), {"helpful": ""})
    assert votes(comment) == 0
    client.post(helpful_url(comment), {})  # taking back a vote that is not there
    assert votes(comment) == 0


def test_no_vote_on_ones_own_comment(episode, member):
    comment = make_comment(member, episode, "Vote for me")
    response = client_for(member).post(helpful_url(comment), {"helpful": "1"})
    assert response.status_code == 403 and votes(comment) == 0


def test_no_vote_on_a_hidden_or_deleted_comment(episode, member, other_member):
    hidden = make_comment(other_member, episode, "Spam")
    services.moderate([hidden], status=Comment.Status.HIDDEN)
    deleted = make_comment(other_member, episode, "Changed my mind")
    Comment.objects.filter(pk=deleted.pk).update(is_deleted=True)
    client = client_for(member)
    assert client.post(helpful_url(hidden), {"helpful": "1"}).status_code == 404
    assert client.post(helpful_url(deleted), {"helpful": "1"}).status_code == 403
    assert client.post("/comments/99999999/helpful/", {"helpful": "1"}).status_code == 404
    assert not CommentVote.objects.exists()


def test_visitors_are_sent_to_log_in_and_get_is_refused(client, episode, member):
    comment = make_comment(member, episode, "Hello")
    response = client.post(helpful_url(comment), {"helpful": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(helpful_url(comment)).status_code == 405
    assert client_for(member).get(helpful_url(comment)).status_code == 405
    assert votes(comment) == 0


def test_the_count_shows_to_visitors_on_the_cached_page_at_once(client, episode, member, other_member, staff):
    comment = make_comment(other_member, episode, "Worth reading")
    url = episode.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT" and "found this helpful" not in discussion_html(client, url)
    client_for(member).post(helpful_url(comment), {"helpful": "1"})
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "· 1 found this helpful</span>" in response.content.decode()
    client_for(staff).post(helpful_url(comment), {"helpful": "1"})
    assert "· 2 found this helpful</span>" in discussion_html(client, url)
    client_for(member).post(helpful_url(comment), {"helpful": ""})
    assert "· 1 found this helpful</span>" in discussion_html(client, url)


def test_the_top_sort_orders_by_votes_then_newest(client, episode, member, other_member, staff, moderator):
    now = timezone.now()
    made = {}
    for minutes, name in enumerate(["oldest-two", "one-older", "one-newer", "none-newest"]):
        made[name] = make_comment(other_member, episode, f"Thread {name}")
        Comment.objects.filter(pk=made[name].pk).update(created_at=now + datetime.timedelta(minutes=minutes))
    for voter in (member, staff):
        services.vote_helpful(comment=made["oldest-two"], user=voter)
    services.vote_helpful(comment=made["one-older"], user=member)
    services.vote_helpful(comment=made["one-newer"], user=moderator)
    reply = make_comment(member, episode, "A reply with votes", parent=made["none-newest"])
    services.vote_helpful(comment=reply, user=staff)
    services.vote_helpful(comment=reply, user=moderator)

    def order(query):
        html = discussion_html(client, f"{episode.get_absolute_url()}{query}")
        return re.findall(r"Thread ([a-z-]+)", html)

    assert order("?comments=top") == ["oldest-two", "one-newer", "one-older", "none-newest"]
    assert order("") == ["none-newest", "one-newer", "one-older", "oldest-two"]
    assert order("?comments=oldest") == ["oldest-two", "one-older", "one-newer", "none-newest"]
    assert order("?comments=junk") == order("")
    html = discussion_html(client, f"{episode.get_absolute_url()}?comments=top")
    assert "<strong>most helpful</strong>" in html and "2 found this helpful" in html


def test_the_vote_button_shows_the_members_own_vote(episode, member, other_member):
    voted = make_comment(other_member, episode, "I voted for this")
    not_voted = make_comment(other_member, episode, "Not this one")
    own = make_comment(member, episode, "My own")
    services.vote_helpful(comment=voted, user=member)
    client = client_for(member)
    client.get(episode.get_absolute_url())
    response = client.get(episode.get_absolute_url())
    assert response["X-Cache"] == "HIT"
    html = response.content.decode()

    def article(comment):
        return html.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]

    assert 'aria-pressed="true">Helpful ✓ (take back)</button>' in article(voted)
    assert f'action="{helpful_url(voted)}"' in article(voted)
    assert re.search(r'name="helpful" value=""', article(voted))
    assert 'aria-pressed="false">Helpful</button>' in article(not_voted)
    assert 'name="helpful" value="1"' in article(not_voted)
    assert "vote-form" not in article(own)
    assert "vote-form" not in client_for(None).get(episode.get_absolute_url()).content.decode()
