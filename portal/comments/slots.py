"""The personal parts of a discussion (portal/caching/personal.py): the comment form, and under each comment
the reply form, the author's edit and delete links and the report button.

A cached discussion holds a visitor's version of each (a log-in prompt, nothing under comments); a member's
request fills in theirs. Under-comment controls are formatted directly, not rendered through a template: an
episode page has dozens of them and a member's page view renders them all.
"""

import uuid

from django.template.loader import get_template
from django.urls import reverse
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
        initial = {"submission": uuid.uuid4()}
        draft = request.session.get(DRAFT_KEY)
        if draft and draft.get("target") == f"{kind}:{target_pk}":
            initial.update(body=draft["body"], is_spoiler=draft["is_spoiler"])
            del request.session[DRAFT_KEY]
        context.update(form=CommentForm(initial=initial), csrf_token=viewer.csrf_token)
    return get_template("comments/_comment_form.html").render(context)


def _addresses():
    """URL patterns of the controls, with a stand-in number to replace (one reverse() each per request)."""
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
    addresses = viewer.once("comment-addresses", _addresses)
    csrf = escape(viewer.csrf_token)
    parts = ['<footer class="comment-actions">']
    post = addresses["post"].format(kind=kind, pk=target_pk)
    parts.append(REPLY.format(post=post, csrf=csrf, pk=comment_pk, submission=uuid.uuid4()))
    if user.pk == author_id or user.is_staff:
        edit, delete = (addresses[name].format(pk=comment_pk) for name in ("edit", "delete"))
        parts.append(OWN.format(edit=edit, delete=delete))
    if user.pk != author_id:
        reported = viewer.once(f"reported:{kind}:{target_pk}", lambda: reported_in(user, kind, target_pk))
        if comment_pk in reported:
            parts.append(REPORTED)
        else:
            parts.append(REPORT.format(report=addresses["report"].format(pk=comment_pk), csrf=csrf))
    parts.append("\n  </footer>")
    return "".join(parts)


def reported_in(user, kind, target_pk):
    """The comments of this discussion the member has reported (one query per page view)."""
    return set(
        CommentReport.objects.filter(reporter=user, **{f"comment__{kind}_id": target_pk}).values_list(
            "comment_id", flat=True
        )
    )
