"""The personal parts of a discussion (portal/caching/personal.py): the comment form, and under each comment
the reply form, the author's edit and delete links and the report button.

A cached discussion holds a visitor's version of each (a log-in prompt, nothing under comments); a member's
request fills in theirs. Under-comment controls are formatted directly, not rendered through a template: an
episode page has dozens of them and a member's page view renders them all.
"""

import functools
import uuid

from django.template.loader import get_template
from django.utils.html import escape

from portal.addresses import reverse_path
from portal.caching.personal import slot

from .forms import CommentForm
from .models import CommentReport, CommentVote
from .selectors import DRAFT_KEY


def can_post(user):
    return user.is_authenticated and user.is_active


@slot("comment-form")
def comment_form(request, viewer, kind, target_pk):
    """The form for a member who may post (with the draft kept when their session ran out), a notice for a
    member who may not, a log-in prompt for a visitor."""
    context = {"user": viewer.user, "kind": kind, "target_pk": target_pk, "path": request.path}
    if can_post(viewer.user):
        draft = request.session.get(DRAFT_KEY)
        if not (draft and draft.get("target") == f"{kind}:{target_pk}"):
            return (
                blank_form(kind, target_pk)
                .replace(CSRF, viewer.csrf_token)
                .replace(SUBMISSION, str(uuid.uuid4()))
            )
        initial = {"submission": uuid.uuid4(), "body": draft["body"], "is_spoiler": draft["is_spoiler"]}
        del request.session[DRAFT_KEY]
        context.update(form=CommentForm(initial=initial), csrf_token=viewer.csrf_token)
    return get_template("comments/_comment_form.html").render(context)


# Stand-ins for what differs between members' empty forms of one discussion.
CSRF, SUBMISSION = "csrf-stand-in-7f3a", "submission-stand-in-7f3a"


@functools.lru_cache(maxsize=4096)
def blank_form(kind, target_pk):
    """An empty comment form of a discussion, rendered once per process, with stand-ins to replace."""
    form = CommentForm(initial={"submission": SUBMISSION})
    context = {"kind": kind, "target_pk": target_pk, "form": form, "csrf_token": CSRF}
    return get_template("comments/_comment_form.html").render(context)


REPLY = """
    <details class="reply"><summary>Reply</summary>
      <form method="post" action="{post}" class="comment-form reply-form">
        <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
        <input type="hidden" name="parent" value="{pk}">
        <input type="hidden" name="submission" value="{submission}">
        <p class="field"><label for="reply-body-{pk}">Your reply</label><textarea name="body"
          id="reply-body-{pk}" rows="3" maxlength="5000" required></textarea></p>
        <p class="field field-check"><input type="checkbox" name="is_spoiler" id="reply-spoiler-{pk}">
          <label for="reply-spoiler-{pk}">Contains spoilers</label></p>
        <p class="form-actions"><button type="submit" class="primary">Post reply</button></p>
      </form>
    </details>"""
VOTE = """
    <form method="post" action="{vote}" class="inline-form vote-form"><input type="hidden"
      name="csrfmiddlewaretoken" value="{csrf}"><input type="hidden" name="helpful" value="{value}"><button
      type="submit" class="vote" aria-pressed="{pressed}">{label}</button></form>"""
OWN = """
    <a href="{edit}">Edit</a>
    <a href="{delete}">Delete</a>"""
REPORT = """
    <form method="post" action="{report}"
      class="inline-form"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}"><button type="submit"
      class="link-button">Report</button></form>"""
REPORTED = """
    <span class="meta">Reported</span>"""


@slot("comment-actions")
def comment_actions(request, viewer, comment_pk, author_id, kind, target_pk):
    """Reply, vote, edit, delete and report under a comment, for an active member; nothing for anyone
    else."""
    user = viewer.user
    if not can_post(user):
        return ""
    controls = viewer.once(f"comment-controls:{kind}:{target_pk}", lambda: Controls(viewer, kind, target_pk))
    reply = controls.reply.replace(PK, str(comment_pk)).replace(SUBMISSION, str(uuid.uuid4()))
    parts = ['<footer class="comment-actions">', reply]
    if user.pk == author_id or user.is_staff:
        edit, delete = (reverse_path(f"comments:{name}", comment_pk) for name in ("edit", "delete"))
        parts.append(OWN.format(edit=edit, delete=delete))
    if user.pk != author_id:
        voted = comment_pk in controls.voted
        parts.append(
            VOTE.format(
                vote=reverse_path("comments:helpful", comment_pk),
                csrf=controls.csrf,
                value="" if voted else "1",
                pressed="true" if voted else "false",
                label="Helpful ✓ (take back)" if voted else "Helpful",
            )
        )
        if comment_pk in controls.reported:
            parts.append(REPORTED)
        else:
            report = reverse_path("comments:report", comment_pk)
            parts.append(REPORT.format(report=report, csrf=controls.csrf))
    parts.append("\n  </footer>")
    return "".join(parts)


PK = "pk-stand-in-7f3a"


class Controls:
    """What a member's controls under the comments of one discussion share, computed once per request: the
    reply form with a stand-in for each comment's number, the CSRF token, the comments they reported and
    those they found helpful."""

    def __init__(self, viewer, kind, target_pk):
        self.csrf = escape(viewer.csrf_token)
        post = reverse_path("comments:post", kind, target_pk)
        self.reply = REPLY.format(post=post, csrf=self.csrf, pk=PK, submission=SUBMISSION)
        self.reported = reported_in(viewer.user, kind, target_pk)
        self.voted = voted_in(viewer.user, kind, target_pk)


def reported_in(user, kind, target_pk):
    """The comments of this discussion the member has reported (one query per page view)."""
    return set(
        CommentReport.objects.filter(reporter=user, **{f"comment__{kind}_id": target_pk}).values_list(
            "comment_id", flat=True
        )
    )


def voted_in(user, kind, target_pk):
    """The comments of this discussion the member found helpful (one query per page view)."""
    return set(
        CommentVote.objects.filter(member=user, **{f"comment__{kind}_id": target_pk}).values_list(
            "comment_id", flat=True
        )
    )
