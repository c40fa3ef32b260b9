"""Keep each account's username skeleton current, whoever makes or renames it (sign-up, admin, manage.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import UsernameSkeleton


@receiver(post_save, sender=get_user_model())
def username_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # A log-in saves last_login only; nothing to do then.
    if raw or (update_fields is not None and "username" not in update_fields):
        return
    UsernameSkeleton.remember(instance)
