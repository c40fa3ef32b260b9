from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .usernames import skeleton


class RateLimitHit(models.Model):
    """One sign-up or password-reset request, counted against a client address or an email.

    Kept in the database so the limits hold when the cache server is down; rows older than the longest
    limit are pruned as new ones arrive (portal/accounts/ratelimit.py). The address or email is stored as
    a keyed hash, never as typed.
    """

    action = models.CharField("action", max_length=40)
    key = models.CharField("hashed address or email", max_length=64)
    created_at = models.DateTimeField("at", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "rate-limit hit"
        verbose_name_plural = "rate-limit hits"
        indexes = [models.Index(fields=["action", "key", "created_at"], name="ratelimithit_action_key_at")]

    def __str__(self):
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M:%S}"

    # No get_absolute_url: a hit has no page of its own.


class UsernameSkeleton(models.Model):
    """What an account's username looks like (usernames.skeleton), so a look-alike sign-up is found with
    one indexed lookup. Kept current whenever a user is saved (signals.py); not unique, because accounts
    made before the rule may share one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="username_skeleton",
        verbose_name="account",
    )
    skeleton = models.CharField("skeleton", max_length=255, db_index=True)

    class Meta:
        ordering = ["skeleton"]
        verbose_name = "username skeleton"
        verbose_name_plural = "username skeletons"

    def __str__(self):
        return self.skeleton

    def get_absolute_url(self):
        return reverse("admin:auth_user_change", args=[self.user_id])

    @staticmethod
    def stored(username):
        """The skeleton as stored: NFKC can lengthen a name, and a prefix this long tells names apart."""
        return skeleton(username)[:255]

    @classmethod
    def remember(cls, user):
        cls.objects.update_or_create(user=user, defaults={"skeleton": cls.stored(user.get_username())})
