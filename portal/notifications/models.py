from django.conf import settings
from django.db import models


class NotificationQuerySet(models.QuerySet):
    def for_page(self, member):
        """A member's notifications, newest first, with the comment, its author and its page (one query)."""
        return (
            self.filter(recipient=member)
            .select_related("comment__author", "comment__episode__show", "comment__article", "comment__show")
            .order_by("-created_at", "-pk")
        )

    def unread(self):
        return self.filter(read_at=None)


class Notification(models.Model):
    """Someone answered a member's comment, or named them with @username."""

    class Reason(models.TextChoices):
        REPLY = "reply", "replied to your comment"
        MENTION = "mention", "mentioned you"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name="recipient"
    )
    comment = models.ForeignKey(
        "comments.Comment", models.CASCADE, related_name="notifications", verbose_name="comment"
    )
    reason = models.CharField("reason", max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField("sent", auto_now_add=True)
    read_at = models.DateTimeField("read", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "comment"], name="notification_once_per_comment")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.comment.author_name} {self.get_reason_display()} ({self.recipient})"

    def get_absolute_url(self):
        return self.comment.get_absolute_url()

    @property
    def is_unread(self):
        return self.read_at is None
