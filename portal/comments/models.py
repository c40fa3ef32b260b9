import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from portal.addresses import reverse_path
from portal.caching.invalidation import InvalidatesPages, InvalidatingQuerySet, discussion_tags

MAX_BODY_LENGTH = 5000


class CommentQuerySet(InvalidatingQuerySet):
    def public(self):
        """What visitors may see: not hidden by a moderator, nor in a thread whose first comment is hidden
        (deleted comments stay as placeholders)."""
        return self.filter(status=Comment.Status.VISIBLE).exclude(root__status=Comment.Status.HIDDEN)

    def for_target(self, target):
        return self.filter(**{Comment.target_field(target): target})

    def with_helpful_count(self):
        """Each comment's "helpful" votes as `helpful_count` (a subquery: no join to multiply counts)."""
        votes = (
            CommentVote.objects.filter(comment=OuterRef("pk"))
            .order_by()
            .values("comment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(helpful_count=Coalesce(Subquery(votes), 0))

    def threads_for_page(self, target, *, order="newest"):
        """Top-level comments of an episode, article or show with their reply and vote counts, in one of
        SORTS: newest first, oldest first, or the most helpful first (ties newest first).

        Replies are fetched separately for the page's threads only (replies_for); together they take a fixed
        number of queries however long the discussion is.
        """
        ordering = {
            "newest": ("-created_at", "pk"),
            "oldest": ("created_at", "pk"),
            "top": ("-helpful_count", "-created_at", "pk"),
        }[order]
        return (
            self.public()
            .for_target(target)
            .filter(parent=None)
            .select_related("author")
            .annotate(reply_count=Count("thread", filter=Q(thread__status=Comment.Status.VISIBLE)))
            .with_helpful_count()
            .order_by(*ordering)
        )

    def replies_for(self, roots):
        """Every visible reply in these threads, oldest first, authors included, in one query."""
        return (
            self.public()
            .filter(root__in=[root.pk for root in roots])
            .select_related("author")
            .with_helpful_count()
            .order_by("created_at", "pk")
        )

    def recent_by(self, member, limit=10):
        """A member's latest public, undeleted comments with their pages, for their profile (one query)."""
        return (
            self.public()
            .filter(author=member, is_deleted=False)
            .select_related("episode__show", "article", "show")
            .order_by("-created_at", "pk")[:limit]
        )

    def for_moderation(self):
        return self.select_related("author", "episode__show", "article", "show").annotate(
            open_reports=Count("reports", filter=Q(reports__resolved=False))
        )


class Comment(InvalidatesPages):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"

    episode = models.ForeignKey(
        "shows.Episode",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="episode",
    )
    article = models.ForeignKey(
        "news.Article", models.CASCADE, null=True, blank=True, related_name="comments", verbose_name="article"
    )
    # A show's own discussion (/shows/<slug>/discussion/), about the show as a whole.
    show = models.ForeignKey(
        "shows.Show", models.CASCADE, null=True, blank=True, related_name="comments", verbose_name="show"
    )
    # Deleting an account keeps its comments (shown as from a deleted account); deleting a comment that has
    # replies is refused (RESTRICT), unless its whole page goes with it, so no one else's reply is lost.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="comments", verbose_name="author"
    )
    parent = models.ForeignKey(
        "self", models.RESTRICT, null=True, blank=True, related_name="replies", verbose_name="in reply to"
    )
    root = models.ForeignKey(
        "self",
        models.RESTRICT,
        null=True,
        blank=True,
        related_name="thread",
        verbose_name="thread",
        help_text="The top-level comment of the thread; blank for a top-level comment.",
    )
    body = models.TextField("comment", max_length=MAX_BODY_LENGTH, blank=True)
    is_spoiler = models.BooleanField("contains spoilers", default=False)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.VISIBLE)
    is_deleted = models.BooleanField("deleted by its author", default=False)
    deleted_body = models.TextField(
        "text before deletion", blank=True, help_text="Kept only when the comment had open reports."
    )
    created_at = models.DateTimeField("posted", auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField("edited", null=True, blank=True)
    submission = models.UUIDField(
        "submission token",
        default=uuid.uuid4,
        editable=False,
        help_text="Makes a repeated submit store nothing.",
    )

    objects = CommentQuerySet.as_manager()

    # Comments tag no page one by one: a discussion block and comment counts carry their discussion's tag.
    tags_pages = False
    tag_parents = ("episode", "article", "show")

    @classmethod
    def tags_for(cls, rows):
        """A comment shows in its episode's or article's discussion and in the counts of its comments."""
        return discussion_tags(rows)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = "comment"
        verbose_name_plural = "comments"
        permissions = [("deactivate_commenter", "Can deactivate the account of an abusive commenter")]
        constraints = [
            models.CheckConstraint(
                condition=Q(episode__isnull=False, article__isnull=True, show__isnull=True)
                | Q(episode__isnull=True, article__isnull=False, show__isnull=True)
                | Q(episode__isnull=True, article__isnull=True, show__isnull=False),
                name="comment_on_exactly_one_page",
            ),
            models.CheckConstraint(
                condition=Q(is_deleted=True) | ~Q(body=""), name="comment_body_not_empty_unless_deleted"
            ),
            models.UniqueConstraint(fields=["author", "submission"], name="comment_unique_submission"),
        ]
        indexes = [
            models.Index(
                fields=["episode", "parent", "status", "created_at"], name="comment_episode_threads"
            ),
            models.Index(
                fields=["article", "parent", "status", "created_at"], name="comment_article_threads"
            ),
            models.Index(fields=["show", "parent", "status", "created_at"], name="comment_show_threads"),
            models.Index(fields=["author", "created_at"], name="comment_author_recent"),
        ]

    def __str__(self):
        return f"{self.author} on {self.target}: {self.excerpt}"

    def get_absolute_url(self):
        return f"{discussion_address(self.target)}#comment-{self.pk}"

    @property
    def author_name(self):
        return self.author.get_username() if self.author_id else "deleted account"

    TARGET_FIELDS = ("episode", "article", "show")

    @staticmethod
    def target_field(target):
        """The field that holds a discussion's page: "episode", "article" or "show"."""
        name = target._meta.model_name
        if name not in Comment.TARGET_FIELDS:
            raise ValueError(f"{name} pages have no discussion")
        return name

    @property
    def target(self):
        if self.episode_id:
            return self.episode
        return self.article if self.article_id else self.show

    @property
    def excerpt(self):
        if self.is_deleted:
            return "(deleted)"
        return self.body[:60] + ("…" if len(self.body) > 60 else "")

    @property
    def was_edited(self):
        return self.edited_at is not None

    def can_be_changed_by(self, user):
        """Authors change their own comments; staff (moderators included) change any."""
        return user.is_authenticated and user.is_active and (user.pk == self.author_id or user.is_staff)


def discussion_address(target):
    """The page that shows a target's discussion: an episode's or article's own page, a show's discussion
    page (its own page is about the show, not the talk)."""
    if target._meta.model_name == "show":
        return reverse_path("shows:discussion", target.slug)
    return target.get_absolute_url()


class CommentVote(models.Model):
    """A member found a comment helpful: one vote per member and comment, taken back by voting again."""

    comment = models.ForeignKey(Comment, models.CASCADE, related_name="votes", verbose_name="comment")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="comment_votes", verbose_name="member"
    )
    created_at = models.DateTimeField("voted", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "helpful vote"
        verbose_name_plural = "helpful votes"
        constraints = [
            models.UniqueConstraint(fields=["comment", "member"], name="commentvote_once_per_member")
        ]
        indexes = [models.Index(fields=["member", "comment"], name="commentvote_member")]

    def __str__(self):
        return f"{self.member} found comment {self.comment_id} helpful"

    def get_absolute_url(self):
        return self.comment.get_absolute_url()


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, models.CASCADE, related_name="reports", verbose_name="comment")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="comment_reports", verbose_name="reported by"
    )
    reason = models.CharField("reason", max_length=300, blank=True)
    created_at = models.DateTimeField("reported", auto_now_add=True)
    resolved = models.BooleanField("dealt with", default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "comment report"
        verbose_name_plural = "comment reports"
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="commentreport_once_per_member")
        ]

    def __str__(self):
        return f"Report by {self.reporter} on comment {self.comment_id}"

    def get_absolute_url(self):
        return reverse("admin:comments_comment_change", args=[self.comment_id])
