"""What a discussion block shows: one page of threads, their replies and the form, in a fixed number of
queries (the `{% discussion for target %}` tag renders it on episode and article pages)."""

import uuid

from django.core.paginator import Paginator
from django.db.models import Count

from portal.listing.querystring import positive_int

from .forms import CommentForm
from .models import Comment

THREADS_PER_PAGE = 20
DRAFT_KEY = "comment_draft"


def discussion_for(request, target):
    """What the discussion block on an episode or article page needs; a fixed number of queries."""
    newest_first = request.GET.get("comments") != "oldest"
    viewer = request.user if request.user.is_authenticated else None
    roots = Comment.objects.threads_for_page(target, newest_first=newest_first, viewer=viewer)
    page = Paginator(roots, THREADS_PER_PAGE).get_page(positive_int(request.GET.get("cpage"), 1))
    replies = {}
    for reply in Comment.objects.replies_for(page.object_list, viewer=viewer):
        replies.setdefault(reply.root_id, []).append(reply)
    threads = [(root, replies.get(root.pk, [])) for root in page.object_list]
    can_post = request.user.is_authenticated and request.user.is_active
    initial = {"submission": uuid.uuid4()}
    draft = request.session.get(DRAFT_KEY) if can_post else None
    if draft and draft.get("target") == f"{Comment.target_field(target)}:{target.pk}":
        initial.update(body=draft["body"], is_spoiler=draft["is_spoiler"])
        del request.session[DRAFT_KEY]
    return {
        "discussion": {
            "target": target,
            "kind": Comment.target_field(target),
            "threads": threads,
            "page": page,
            "newest_first": newest_first,
            "form": CommentForm(initial=initial) if can_post else None,
            "new_submission": uuid.uuid4,
        }
    }


def with_comment_counts(targets):
    """The targets as a list, each with `.comment_count` set (one query for all)."""
    targets = list(targets)
    counts = comment_counts(targets)
    for target in targets:
        target.comment_count = counts.get(target.pk, 0)
    return targets


def comment_counts(targets):
    """{target pk: visible comments} for episodes or articles, in one query."""
    targets = list(targets)
    if not targets:
        return {}
    field = Comment.target_field(targets[0])
    rows = (
        Comment.objects.public()
        .filter(is_deleted=False, **{f"{field}__in": targets})
        .values_list(field)
        .annotate(n=Count("pk"))
        .values_list(field, "n")
    )
    return dict(rows)
