"""Account writes that reach across the apps: deleting an account."""

from django.db import transaction

from portal.caching.invalidation import discussions_changed
from portal.comments.models import Comment, CommentVote
from portal.fans.models import EpisodeRating, ShowRating


class NotAllowed(Exception):
    pass


@transaction.atomic
def delete_account(user):
    """Delete a member's account with their lists, watched marks, ratings, votes and notifications.

    Their comments stay, shown as from a deleted account, so that replies to them keep their place. Votes and
    ratings are deleted here rather than by the cascade, so that the counts and averages they were part of
    are renewed on every page that shows them.
    """
    if user.is_staff or user.is_superuser:
        raise NotAllowed("Staff accounts are closed by an administrator, in the admin.")
    voted = Comment.objects.filter(votes__member=user)
    discussions_changed(Comment.rows_for_invalidation(voted))
    CommentVote.objects.filter(member=user).delete()
    for model in (EpisodeRating, ShowRating):
        model.objects.filter(member=user).delete()
    user.delete()
