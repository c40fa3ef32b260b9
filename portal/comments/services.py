"""Every write to a discussion goes through here, so the pages, the admin and the tests agree."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.accounts import ratelimit
from portal.caching.invalidation import discussions_changed
from portal.notifications.services import notify_for

from .models import Comment, CommentReport, CommentVote


class RateLimited(Exception):
    """The author has posted as much as the limits allow for now."""

    def __init__(self, limit, seconds):
        self.limit, self.seconds = limit, seconds
        super().__init__(f"{limit} comments per {seconds} seconds")


class NotAllowed(Exception):
    """The user may not do this to this comment."""


def check_rate_limit(author, now=None):
    """Raise RateLimited when `author` has reached a posting limit (settings.COMMENT_RATE_LIMITS)."""
    now = now or timezone.now()
    for limit, seconds in settings.COMMENT_RATE_LIMITS:
        since = now - datetime.timedelta(seconds=seconds)
        if Comment.objects.filter(author=author, created_at__gte=since).count() >= limit:
            raise RateLimited(limit, seconds)


@transaction.atomic
def post_comment(*, author, target, body, is_spoiler=False, parent=None, submission=None):
    """Store a comment (or reply) and return (comment, created).

    A repeated submission token from the same author (double click, browser retry) returns the comment the
    first submit stored instead of storing another.
    """
    if not author.is_active:
        raise NotAllowed("This account cannot post.")
    # Lock the author's row so that parallel posts from one account are counted one after another.
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()
    if submission:
        existing = Comment.objects.filter(author=author, submission=submission).first()
        if existing:
            return existing, False
    check_rate_limit(author)
    comment = Comment(author=author, body=body, is_spoiler=is_spoiler, parent=parent)
    setattr(comment, Comment.target_field(target), target)
    if parent is not None:
        comment.root_id = parent.root_id or parent.pk
    if submission:
        comment.submission = submission
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # The same submission arrived twice at once; the other request stored it.
        existing = Comment.objects.filter(author=author, submission=submission).first()
        if existing is None:
            raise
        return existing, False
    notify_for(comment)
    return comment, True


@transaction.atomic
def edit_comment(*, comment, user, body, is_spoiler):
    if not comment.can_be_changed_by(user) or comment.is_deleted:
        raise NotAllowed("You can only edit your own comments.")
    comment.body, comment.is_spoiler, comment.edited_at = body, is_spoiler, timezone.now()
    comment.save(update_fields=["body", "is_spoiler", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(*, comment, user):
    """The author (or staff) deletes: the text goes, the row stays so replies keep their place."""
    if not comment.can_be_changed_by(user):
        raise NotAllowed("You can only delete your own comments.")
    # The text goes; moderators keep it only while someone's report about it is still open.
    if comment.reports.filter(resolved=False).exists():
        comment.deleted_body = comment.body
    comment.body, comment.is_deleted = "", True
    comment.save(update_fields=["body", "is_deleted", "deleted_body"])
    return comment


@transaction.atomic
def report_comment(*, comment, user, reason=""):
    """File one report per member and comment; returns (report, created)."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed("Log in to report a comment.")
    if comment.author_id == user.pk:
        raise NotAllowed("You cannot report your own comment.")
    if comment.is_deleted:
        raise NotAllowed("This comment has been deleted already.")
    try:
        with transaction.atomic():
            return CommentReport.objects.create(comment=comment, reporter=user, reason=reason[:300]), True
    except IntegrityError:
        return CommentReport.objects.get(comment=comment, reporter=user), False


@transaction.atomic
def vote_helpful(*, comment, user, helpful=True):
    """A member finds a comment helpful (or takes that back): one vote per member and comment, not on their
    own comments, counted against the same per-member limits as ratings. Returns whether the vote stands."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed("Log in to vote.")
    if comment.author_id == user.pk:
        raise NotAllowed("You cannot vote for your own comment.")
    if comment.is_deleted or comment.status != Comment.Status.VISIBLE:
        raise NotAllowed("This comment can no longer be voted on.")
    ratelimit.spend("fan_action", member=user.pk)
    if helpful:
        CommentVote.objects.bulk_create([CommentVote(comment=comment, member=user)], ignore_conflicts=True)
    else:
        CommentVote.objects.filter(comment=comment, member=user).delete()
    discussions_changed([comment])
    return helpful


@transaction.atomic
def moderate(comments, *, status=None, clear_reports=False):
    """Hide or restore comments and/or mark their reports as dealt with; returns how many comments."""
    ids = [c.pk for c in comments]
    if status:
        Comment.objects.filter(pk__in=ids).update(status=status)
    if clear_reports:
        CommentReport.objects.filter(comment__in=ids, resolved=False).update(resolved=True)
    return len(ids)
