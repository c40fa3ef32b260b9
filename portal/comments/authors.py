"""Accounts are Django's own model, with no save() of ours: the discussions that print an author's name
are renewed from here when the name changes or the account goes (its comments then read "deleted account").
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete

from portal.caching.invalidation import discussions_changed

from .models import Comment


def authors_changed(users):
    """Renew the discussions that show these members' comments."""
    discussions_changed(Comment.rows_for_invalidation(Comment.objects.filter(author__in=users)))


def account_saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and (update_fields is None or "username" in update_fields):
        authors_changed([instance])


def account_deleted(sender, instance, **kwargs):
    authors_changed([instance])


def connect():
    user = get_user_model()
    post_save.connect(account_saved, sender=user, dispatch_uid="comments-author-saved")
    pre_delete.connect(account_deleted, sender=user, dispatch_uid="comments-author-deleted")
