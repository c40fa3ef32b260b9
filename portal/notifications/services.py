"""Notifications are written here: when a comment is posted (from portal/comments/services.py) and read.

A member's unread count shows in every page's header. It is kept in the cache (one read, no query, on a
cached page) and forgotten whenever it changes; with the cache unreachable it is counted in the database.
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)

# "@name" not preceded by a letter, digit or @ (an email address is no mention); Django's username characters.
MENTION = re.compile(r"(?<![\w@.])@([\w.@+-]{1,150})")
MAX_MENTIONS = 10


def mentioned_names(body):
    """The usernames a text names with @, in order, without repeats and without trailing punctuation."""
    names = []
    for match in MENTION.finditer(body):
        name = match.group(1).rstrip(".-+@")
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names[:MAX_MENTIONS]


def notify_for(comment):
    """Notify the author of the comment this one answers, and every active member it @mentions (not the
    author themself). Returns the notifications made."""
    reasons = {}
    parent_author = comment.parent.author if comment.parent_id else None
    if parent_author and parent_author.is_active and parent_author.pk != comment.author_id:
        reasons[parent_author.pk] = Notification.Reason.REPLY
    names = [name.casefold() for name in mentioned_names(comment.body)]
    if names:
        members = (
            get_user_model()
            .objects.annotate(folded=Lower("username"))
            .filter(folded__in=names, is_active=True)
            .exclude(pk=comment.author_id)
            .values_list("pk", flat=True)
        )
        for pk in members:
            reasons.setdefault(pk, Notification.Reason.MENTION)
    made = Notification.objects.bulk_create(
        [Notification(recipient_id=pk, comment=comment, reason=reason) for pk, reason in reasons.items()],
        ignore_conflicts=True,
    )
    recipients = list(reasons)
    transaction.on_commit(lambda: forget_unread(recipients))
    if settings.NOTIFICATION_EMAILS and recipients:
        transaction.on_commit(lambda: email(comment, reasons))
    return made


def unread_key(member_pk):
    return f"notifications-unread:{member_pk}"


def unread_count(member):
    """How many notifications the member has not read: from the cache, counted on a miss."""
    key = unread_key(member.pk)
    try:
        count = cache.get(key)
    except Exception:  # noqa: BLE001 (a dead cache server costs a query, not the page)
        count = None
    if count is None:
        count = Notification.objects.filter(recipient=member).unread().count()
        try:
            # Not for long: a notification stored while the cache was unreachable could not forget it.
            cache.set(key, count, 300)
        except Exception:  # noqa: BLE001
            pass
    return count


def count_at_log_in(sender, user, **kwargs):
    """Count a member's unread notifications as they log in, so that their first page needs no query."""
    forget_unread([user.pk])
    unread_count(user)


def forget_unread(member_pks):
    try:
        cache.delete_many([unread_key(pk) for pk in member_pks])
    except Exception:  # noqa: BLE001 (the count then stays cached until it times out)
        logger.warning("Could not forget unread counts for %s", member_pks)


@transaction.atomic
def mark_read(member, notifications=None):
    """Mark these (or all) of the member's unread notifications read; returns how many."""
    queryset = Notification.objects.filter(recipient=member).unread()
    if notifications is not None:
        queryset = queryset.filter(pk__in=[n.pk for n in notifications])
    count = queryset.update(read_at=timezone.now())
    if count:
        transaction.on_commit(lambda: forget_unread([member.pk]))
    return count


def email(comment, reasons):
    """Tell recipients who asked for email (their fan profile) by email; a mail failure is logged only."""
    members = (
        get_user_model()
        .objects.filter(pk__in=list(reasons), fan_profile__email_notifications=True, is_active=True)
        .exclude(email="")
    )
    address = settings.SITE_URL.rstrip("/") + comment.get_absolute_url()
    # An email has no spoiler shield: a spoiler's text stays on the site.
    text = "(Marked as a spoiler: read it on the site.)" if comment.is_spoiler else comment.body[:500]
    for member in members:
        reason = Notification.Reason(reasons[member.pk]).label
        try:
            send_mail(
                f"{comment.author_name} {reason} on {settings.SITE_NAME}",
                f"{comment.author_name} {reason}:\n\n{text}\n\n"
                f"Read and answer it here: {address}\n\n"
                "You get these emails because you asked for them in your profile settings.",
                None,
                [member.email],
            )
        except Exception:  # noqa: BLE001
            logger.exception("Could not email a notification to member %s", member.pk)
