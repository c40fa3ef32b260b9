"""Who may change a comment, reports, moderation in the admin, and what deleting or hiding leaves behind."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from portal.comments import services
from portal.comments.models import Comment, CommentReport

from .helpers_comments import PASSWORD, client_for, discussion_html, make_comment, post_url

pytestmark = pytest.mark.django_db


# --- permissions -----------------------------------------------------------------------------------------


ACTORS = ["visitor", "author", "other_member", "moderator", "staff"]


@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix(request, actor, episode, member):
    comment = make_comment(member, episode, "Original text")
    user = None if actor == "visitor" else member if actor == "author" else request.getfixturevalue(actor)
    client = client_for(user)
    may_change = actor in {"author", "moderator", "staff"}

    edit = client.get(reverse("comments:edit", args=[comment.pk]))
    delete = client.post(reverse("comments:delete", args=[comment.pk]))
    report = client.post(reverse("comments:report", args=[comment.pk]))
    admin = client.get(reverse("admin:comments_comment_changelist"))
    admin_shows = client.get(reverse("admin:shows_show_changelist"))
    comment.refresh_from_db()

    if actor == "visitor":
        for response in (edit, delete, report):
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert edit.status_code == (200 if may_change else 403)
        assert delete.status_code == (302 if may_change else 403)
        # Authors cannot report their own comment, and nobody can report one that is already deleted.
        assert report.status_code == (403 if actor == "author" or may_change else 302)
    if not may_change and actor != "visitor":
        assert "Not allowed" in edit.content.decode()
    assert comment.is_deleted == may_change
    assert admin.status_code == (200 if actor in {"moderator", "staff"} else 302)
    assert admin_shows.status_code == {"moderator": 403, "staff": 200}.get(actor, 302)


def test_moderators_group_has_only_moderation_permissions():
    codenames = set(Group.objects.get(name="moderators").permissions.values_list("codename", flat=True))
    assert codenames == {
        "view_comment",
        "change_comment",
        "deactivate_commenter",
        "view_commentreport",
        "change_commentreport",
        # Fans: hiding a profile's text and a member's ratings.
        "view_fanprofile",
        "change_fanprofile",
        "view_episoderating",
        "change_episoderating",
        "view_showrating",
        "change_showrating",
    }


# --- reports and moderation ------------------------------------------------------------------------------


def test_moderator_deactivates_an_abusive_account(episode, member, moderator):
    comment = make_comment(member, episode, "abuse")
    response = client_for(moderator).post(
        reverse("admin:comments_comment_changelist"),
        {"action": "deactivate_authors", "_selected_action": [comment.pk]},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    # A deactivated account cannot log in, and a session it already had no longer posts.
    response = Client().post("/accounts/login/", {"username": member.username, "password": PASSWORD})
    assert response.status_code == 200 and "correct username and password" in response.content.decode()
    stale = Client()
    stale.force_login(member)
    response = stale.post(post_url(episode), {"body": "still here?"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.filter(body="still here?").exists()


def test_moderation_actions_restore_and_clear_reports(episode, member, other_member, staff):
    comment = make_comment(member, episode, "borderline")
    services.report_comment(comment=comment, user=other_member)
    admin = client_for(staff)
    changelist = reverse("admin:comments_comment_changelist")
    admin.post(changelist, {"action": "hide", "_selected_action": [comment.pk]})
    admin.post(changelist, {"action": "restore", "_selected_action": [comment.pk]})
    admin.post(changelist, {"action": "clear_reports", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert not CommentReport.objects.filter(comment=comment, resolved=False).exists()
    assert "borderline" not in admin.get(changelist, {"moderation": "reported"}).content.decode()
    assert "borderline" in admin.get(changelist, {"q": "borderline"}).content.decode()


def test_report_once(episode, member, other_member):
    comment = make_comment(member, episode)
    client = client_for(other_member)
    client.post(reverse("comments:report", args=[comment.pk]))
    response = client.post(reverse("comments:report", args=[comment.pk]), follow=True)
    assert "already reported" in response.content.decode()
    assert CommentReport.objects.filter(comment=comment).count() == 1
    assert "Reported" in discussion_html(client, episode.get_absolute_url())


def test_reports_on_deleted_comments_and_overlong_reasons(episode, member, other_member):
    comment = make_comment(member, episode, "to be reported")
    client = client_for(other_member)
    response = client.post(reverse("comments:report", args=[comment.pk]), {"reason": "x" * 301}, follow=True)
    assert "under 300 characters" in response.content.decode() and not CommentReport.objects.exists()
    client.post(reverse("comments:report", args=[comment.pk]), {"reason": "rude"})
    services.delete_comment(comment=comment, user=member)
    comment.refresh_from_db()
    assert (
        comment.body == "" and comment.deleted_body == "to be reported"
    )  # evidence kept for the open report
    other = make_comment(member, episode, "deleted first")
    services.delete_comment(comment=other, user=member)
    assert client.post(reverse("comments:report", args=[other.pk])).status_code == 403


def test_a_moderator_cannot_blank_a_comment_and_edits_are_marked(episode, member, moderator):
    comment = make_comment(member, episode, "needs a trim")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    admin = client_for(moderator)
    response = admin.post(
        url, {"status": "visible", "body": "   ", "reports-TOTAL_FORMS": 0, "reports-INITIAL_FORMS": 0}
    )
    assert response.status_code == 200 and "cannot be empty" in response.content.decode()
    response = admin.post(
        url, {"status": "visible", "body": "trimmed", "reports-TOTAL_FORMS": 0, "reports-INITIAL_FORMS": 0}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "trimmed" and comment.edited_at is not None


# --- integrity under deletes and hidden threads ----------------------------------------------------------


def test_deleting_an_account_keeps_its_comments_and_the_replies(episode, member, other_member):
    comment = make_comment(member, episode, "I will leave soon")
    reply = make_comment(other_member, episode, "Please stay", parent=comment)
    member.delete()
    comment.refresh_from_db()
    assert comment.author is None and Comment.objects.filter(pk=reply.pk).exists()
    assert "deleted account" in discussion_html(Client(), episode.get_absolute_url())


def test_a_comment_with_replies_cannot_be_hard_deleted_in_the_admin(episode, member, other_member, staff):
    comment = make_comment(member, episode, "root")
    make_comment(other_member, episode, "reply", parent=comment)
    response = client_for(staff).post(
        reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"}
    )
    assert response.status_code == 200 and "would require deleting" in response.content.decode()
    assert Comment.objects.count() == 2


def test_a_hidden_thread_hides_its_replies_from_counts_and_new_replies(client, episode, member, other_member):
    root = make_comment(member, episode, "root")
    reply = make_comment(other_member, episode, "reply", parent=root)
    services.moderate([root], status=Comment.Status.HIDDEN)
    html = client.get("/shows/queen-of-tears/episodes/").content.decode()
    assert 'aria-label="0 comments on episode 8">0</a>' in html
    response = client_for(member).post(post_url(episode), {"body": "sneaky", "parent": reply.pk})
    assert response.status_code == 400 and not Comment.objects.filter(body="sneaky").exists()
