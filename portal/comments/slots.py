"""The personal parts of a discussion (portal/caching/personal.py): the comment form, and under each comment
the reply form, the author's edit and delete links and the report button.

A cached discussion holds a visitor's version of each (a log-in prompt, nothing under comments); a member's
request fills in theirs. Under-comment controls are formatted directly, not rendered through a template: an
episode page has dozens of them and a member's page view renders them all.
"""

import functools
import uuid

from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape

from portal.caching.personal import slot

from .forms import CommentForm
from .models import CommentReport
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


def _addresses():
    return _addresses_under(get_script_prefix())


@functools.lru_cache(maxsize=16)
def _addresses_under(prefix):
    """URL patterns of the controls, with a stand-in number to replace (one reverse() each per prefix)."""
    stand_in = 987654321
    names = ("post", "edit", "delete", "report")
    return {
        name: reverse(f"comments:{name}", args=(["KIND", stand_in] if name == "post" else [stand_in]))
        .replace(str(stand_in), "{pk}")
        .replace("KIND", "{kind}")
        for name in names
    }


REPLY = """
    <details class="reply"><summary>Reply</summary>
      <form method="post" action="{post}">
        <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
        <input type="hidden" name="parent" value="{pk}">
        <input type="hidden" name="submission" value="{submission}">
        <p><label for="reply-body-{pk}">Your reply</label><textarea name="body" id="reply-body-{pk}"
          rows="3" maxlength="5000" required></textarea></p>
        <p><label><input type="checkbox" name="is_spoiler"> Contains spoilers</label></p>
        <p><button type="submit">Post reply</button></p>
      </form>
    </details>"""
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
    """Reply, edit, delete and report under a comment, for an active member; nothing for anyone else."""
    user = viewer.user
    if not can_post(user):
        return ""
    controls = viewer.once(f"comment-controls:{kind}:{target_pk}", lambda: Controls(viewer, kind, target_pk))
    parts = ['<footer class="comment-actions">', controls.reply.replace(PK, str(comment_pk))]
    parts[1] = parts[1].replace(SUBMISSION, str(uuid.uuid4()))
    if user.pk == author_id or user.is_staff:
        parts.append(controls.own.replace(PK, str(comment_pk)))
    if user.pk != author_id:
        parts.append(
            REPORTED if comment_pk in controls.reported else controls.report.replace(PK, str(comment_pk))
        )
    parts.append("\n  </footer>")
    return "".join(parts)


PK = "pk-stand-in-7f3a"


class Controls:
    """A member's controls under the comments of one discussion, formatted once per request with a stand-in
    for each comment's number."""

    def __init__(self, viewer, kind, target_pk):
        addresses = _addresses()
        csrf = escape(viewer.csrf_token)
        post = addresses["post"].format(kind=kind, pk=target_pk)
        self.reply = REPLY.format(post=post, csrf=csrf, pk=PK, submission=SUBMISSION)
        self.own = OWN.format(edit=addresses["edit"].format(pk=PK), delete=addresses["delete"].format(pk=PK))
        self.report = REPORT.format(report=addresses["report"].format(pk=PK), csrf=csrf)
        self.reported = reported_in(viewer.user, kind, target_pk)


def reported_in(user, kind, target_pk):
    """The comments of this discussion the member has reported (one query per page view)."""
    return set(
        CommentReport.objects.filter(reporter=user, **{f"comment__{kind}_id": target_pk}).values_list(
            "comment_id", flat=True
        )
    )
