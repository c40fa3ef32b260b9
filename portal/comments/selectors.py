"""What a discussion block shows: one page of threads, their replies and the form, in a fixed number of
queries (the `{% discussion for target %}` tag renders it on episode and article pages)."""

from django.core.paginator import Paginator
from django.db.models import Count

from portal.caching import tags
from portal.listing.querystring import positive_int

from .models import Comment

THREADS_PER_PAGE = 20
DRAFT_KEY = "comment_draft"
# ?comments=… orders a discussion's threads; newest first unless asked.
SORTS = {"newest": "newest first", "oldest": "oldest first", "top": "most helpful"}


def discussion_for(request, target):
    """What the discussion block on an episode, article or show page shows everyone, in a fixed number of
    queries.

    The form and the controls under each comment depend on who asks: the template leaves them to personal
    slots (portal/comments/slots.py), so the block is the same for every reader and cached as such.
    """
    kind = Comment.target_field(target)
    tags.add(tags.discussion(kind, target.pk))
    order = request.GET.get("comments")
    order = order if order in SORTS else "newest"
    roots = Comment.objects.threads_for_page(target, order=order)
    page = Paginator(roots, THREADS_PER_PAGE).get_page(positive_int(request.GET.get("cpage"), 1))
    replies = {}
    for reply in Comment.objects.replies_for(page.object_list):
        replies.setdefault(reply.root_id, []).append(reply)
    threads = [(root, replies.get(root.pk, [])) for root in page.object_list]
    return {
        "discussion": {
            "target": target,
            "kind": kind,
            # The show whose watched marks unfold spoilers (none for an article).
            "show_pk": target.pk if kind == "show" else getattr(target, "show_id", ""),
            "threads": threads,
            "page": page,
            "order": order,
            "sorts": [(name, label, name == order) for name, label in SORTS.items()],
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
    """{target pk: visible comments} for episodes, articles or shows, in one query."""
    targets = list(targets)
    if not targets:
        return {}
    field = Comment.target_field(targets[0])
    tags.add(*(tags.discussion(field, target.pk) for target in targets))
    rows = (
        Comment.objects.public()
        .filter(is_deleted=False, **{f"{field}__in": targets})
        .values_list(field)
        .annotate(n=Count("pk"))
        .values_list(field, "n")
    )
    return dict(rows)
