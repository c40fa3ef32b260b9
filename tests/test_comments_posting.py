"""Fans discuss episodes and news: the whole journey, comment bodies (lengths, links, inert markup), replies,
threads and their counts on the pages."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.comments import services
from portal.comments.models import Comment, CommentReport
from shows.models import Episode

from .helpers_comments import PASSWORD, client_for, discussion_html, form_token, make_comment, post_url

pytestmark = pytest.mark.django_db


# --- the whole journey -----------------------------------------------------------------------------------


def test_the_whole_journey(client, episode, other_member, staff):
    page = episode.get_absolute_url()
    # A visitor is invited to log in and come back to the discussion.
    html = client.get(page).content.decode()
    assert "to join the discussion" in html and f"/accounts/login/?next={page}%23discussion" in html

    # Sign up and land back on the episode, signed in.
    response = client.post(
        f"/accounts/signup/?next={page}%23discussion",
        {"username": "newfan", "email": "newfan@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == f"{page}#discussion"
    html = client.get(page).content.decode()
    assert "Signed in as <strong>newfan</strong>" in html

    # Log out and in again.
    assert client.post("/accounts/logout/").status_code == 302
    assert "Signed in as" not in client.get(page).content.decode()
    response = client.post("/accounts/login/", {"username": "newfan", "password": PASSWORD, "next": page})
    assert response.status_code == 302 and response["Location"] == page

    # Post a spoiler comment.
    token = form_token(client.get(page).content.decode())
    response = client.post(
        post_url(episode), {"body": "He is back!\nVincenzo!", "is_spoiler": "on", "submission": token}
    )
    comment = Comment.objects.get(author__username="newfan")
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    html = discussion_html(client, page)
    # Its author has not marked the episode watched: the spoiler shield folds it, saying why.
    assert "You haven't watched this episode yet" in html
    assert '<details class="shield spoiler">' in html
    assert "He is back!<br>Vincenzo!" in html

    # Another member replies.
    other = client_for(other_member)
    response = other.post(
        post_url(episode), {"body": "Best cameo ever", "parent": comment.pk, "submission": str(uuid.uuid4())}
    )
    reply = Comment.objects.get(author=other_member)
    assert response.status_code == 302 and reply.parent == comment and reply.root == comment
    html = discussion_html(client, page)
    assert "1 reply" in html and html.index("He is back!") < html.index("Best cameo ever")

    # The author edits, then deletes; the reply stays.
    response = client.post(reverse("comments:edit", args=[comment.pk]), {"body": "He is back, edited"})
    assert response.status_code == 302
    html = discussion_html(client, page)
    assert "He is back, edited" in html and "(edited)" in html
    assert client.post(reverse("comments:delete", args=[comment.pk])).status_code == 302
    html = discussion_html(client, page)
    assert "comment deleted" in html and "He is back" not in html and "Best cameo ever" in html

    # The author reports the reply; the other member cannot report their own.
    response = client.post(reverse("comments:report", args=[reply.pk]))
    assert response.status_code == 302 and CommentReport.objects.filter(comment=reply).count() == 1
    assert other.post(reverse("comments:report", args=[reply.pk])).status_code == 403

    # Staff hide the reported reply in the admin; it leaves the page but stays in the database.
    admin = client_for(staff)
    changelist = reverse("admin:comments_comment_changelist")
    html = admin.get(changelist, {"moderation": "reported"}).content.decode()
    assert "Best cameo ever" in html
    response = admin.post(changelist, {"action": "hide", "_selected_action": [reply.pk]})
    assert response.status_code == 302
    assert "Best cameo ever" not in discussion_html(client, page)
    reply.refresh_from_db()
    assert reply.status == Comment.Status.HIDDEN and reply.body == "Best cameo ever"


# --- bodies ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "cannot be empty"),
        ("   \n  ", "cannot be empty"),
        ("x" * 5001, "at most 5,000 characters"),
    ],
)
def test_body_length_is_checked_with_a_message(episode, member, body, message):
    response = client_for(member).post(post_url(episode), {"body": body})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Comment.objects.exists()


def test_longest_allowed_body_is_stored(episode, member):
    assert client_for(member).post(post_url(episode), {"body": "x" * 5000}).status_code == 302
    assert len(Comment.objects.get().body) == 5000


def test_links_are_clickable_but_pass_nothing(episode, member):
    make_comment(member, episode, "Behind the scenes: https://example.com/clip?a=1&b=2")
    html = discussion_html(Client(), episode.get_absolute_url())
    assert '<a href="https://example.com/clip?a=1&amp;b=2" rel="nofollow ugc noopener">' in html


def test_line_breaks_count_once_and_invisible_text_is_empty(episode, member):
    client = client_for(member)
    body = ("x" * 99 + "\r\n") * 50  # 5,000 characters as typed, 5,050 as a browser sends them
    assert client.post(post_url(episode), {"body": body}).status_code == 302
    assert Comment.objects.get().body == body.replace("\r\n", "\n").strip()  # 4,999: the last break trimmed
    response = client.post(post_url(episode), {"body": "\u200b\u200b\u200d"})
    assert response.status_code == 400 and "cannot be empty" in response.content.decode()


XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    '<div style="background:url(javascript:alert(1))">',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<embed src=javascript:alert(1)>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<x contenteditable onblur=alert(1)>lose focus!",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "<a href=https://example.com onclick=alert(1)>https://example.com</a>",
    'https://example.com/"onmouseover="alert(1)',
    "<style>*{display:none}</style>",
    "{{ 7*7 }} {% csrf_token %}",
]


def test_stored_xss_corpus_renders_as_inert_text(episode, member, relaxed_limits):
    for payload in XSS:
        make_comment(member, episode, payload)
    assert Comment.objects.count() == len(XSS) >= 30
    url = episode.get_absolute_url()
    html = discussion_html(Client(), url) + discussion_html(Client(), url + "?cpage=2")
    assert html.count('class="comment"') == len(XSS)
    tags = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", html)
    allowed = {
        "ol",
        "li",
        "article",
        "header",
        "strong",
        "span",
        "a",
        "time",
        "div",
        "br",
        "p",
        "em",
        "footer",
        "details",
        "summary",
        "nav",
        "form",
        "input",
        "button",
        "label",
        "textarea",
        "h2",
    }
    assert {name.lower() for name, _ in tags} <= allowed
    for name, attributes in tags:
        assert not re.search(r"\bon[a-z]+\s*=", attributes, re.I), (name, attributes)
        assert "javascript:" not in attributes.lower(), (name, attributes)
        assert "style=" not in attributes.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the text that was typed
    assert "{{ 7*7 }} {% csrf_token %}" in html  # template syntax is not evaluated


# --- replies, threads and counts -------------------------------------------------------------------------


def test_replies_must_belong_to_the_same_page(episode, member, qot):
    other_episode = Episode.objects.get(show=qot, kind="regular", number=9)
    elsewhere = make_comment(member, other_episode, "on episode 9")
    response = client_for(member).post(post_url(episode), {"body": "reply", "parent": elsewhere.pk})
    assert response.status_code == 400 and "no longer available" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/comments/post/person/1/",
        "/comments/post/show/999999/",
        "/comments/post/episode/999999/",
        "/comments/999999/edit/",
    ],
)
def test_unknown_targets_are_404(member, url):
    client = client_for(member)
    response = client.post(url, {"body": "x"}) if "post" in url else client.get(url)
    assert response.status_code == 404


def test_comment_counts_on_the_episode_list_and_show_page(client, episode, member):
    for i in range(3):
        make_comment(member, episode, f"c{i}")
    hidden = make_comment(member, episode, "hidden")
    services.moderate([hidden], status=Comment.Status.HIDDEN)
    for url in ["/shows/queen-of-tears/episodes/", "/shows/queen-of-tears/"]:
        html = client.get(url).content.decode()
        assert 'aria-label="3 comments on episode 8">3</a>' in html, url


def test_news_articles_have_discussions_too(client, member):
    from portal.news.models import Article

    article = Article.objects.get(slug="song-joong-ki-returns-as-vincenzo-in-queen-of-tears")
    response = client_for(member).post(post_url(article), {"body": "Loved this cameo"})
    assert response.status_code == 302 and response["Location"].startswith(article.get_absolute_url())
    assert "Loved this cameo" in discussion_html(client, article.get_absolute_url())


def test_threads_paginate_and_sort(client, episode, member, relaxed_limits):
    for i in range(25):
        make_comment(member, episode, f"thread {i:02d}")
    Comment.objects.filter(body="thread 00").update(created_at=timezone.now() - timezone.timedelta(days=1))
    newest = discussion_html(client, episode.get_absolute_url())
    assert "thread 24" in newest and "thread 00" not in newest and "Page 1 of 2" in newest
    oldest = discussion_html(client, episode.get_absolute_url() + "?comments=oldest")
    assert oldest.index("thread 00") < oldest.index("thread 01")
    assert "thread 00" in discussion_html(client, episode.get_absolute_url() + "?cpage=2")
    assert client.get(episode.get_absolute_url() + "?cpage=abc").status_code == 200


def test_an_expired_session_keeps_the_draft(client, episode, member):
    from django.contrib.sessions.models import Session

    client.force_login(member)
    from django.core.cache import cache

    # The log-in ran out while they wrote (sessions live in the database and the cache); the browser still
    # has the cookie.
    Session.objects.all().delete()
    cache.clear()
    response = client.post(post_url(episode), {"body": "My long theory about the ending", "is_spoiler": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(
        "/accounts/login/",
        {
            "username": member.username,
            "password": PASSWORD,
            "next": f"{episode.get_absolute_url()}#discussion",
        },
    )
    html = client.get(response["Location"]).content.decode()
    assert "My long theory about the ending</textarea>" in html
    assert 'name="is_spoiler" id="id_is_spoiler" checked' in html


@pytest.mark.parametrize("viewer", [None, "member"])
def test_episode_page_with_200_comments_has_a_fixed_query_count(
    request, django_assert_num_queries, episode, member, other_member, relaxed_limits, viewer
):
    from tests.factories import count_queries

    def add(n):
        for i in range(n // 2):
            root = make_comment(member, episode, f"root {i}", is_spoiler=i % 3 == 0)
            make_comment(other_member, episode, f"reply {i}", parent=root)

    add(200)
    client = client_for(request.getfixturevalue(viewer) if viewer else None)
    url = episode.get_absolute_url()
    # A member: their account, their reports and helpful votes here and their marks on the episode (one query
    # for the tracker and the spoiler shield); sessions are cached.
    expected = 8 if viewer is None else 12
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    add(200)
    # count_queries empties the cache, sessions included: a member's session and unread count are then read
    # from the database.
    assert count_queries(client, url) == expected + (2 if viewer else 0)


def test_a_visitor_without_a_session_gets_none_made_for_their_post(client, episode):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    for n in range(5):
        response = client.post(post_url(episode), {"body": f"Posted by a bot {n} " + "x" * 4000})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Session.objects.count() == before
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value


def test_made_up_session_cookies_keep_only_a_few_drafts(client, episode):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    for n in range(15):
        client.cookies["sessionid"] = f"made-up-session-{n:04d}-abcdefghijklmnop"
        client.post(post_url(episode), {"body": f"Draft {n}"})
    assert Session.objects.count() - before == 10
