"""What renews the page-cache tokens (portal/caching/pages.py)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pages as page_cache

CATALOGUE_APPS = ["shows", "people", "awards", "news"]


def renew_now_and_after_commit(*scopes):
    """Renew at once, and again after the commit: a page rendered in between (from the data as it was before
    the commit) may have been cached under the first new token, and the second one retires it."""
    page_cache.renew(*scopes)
    transaction.on_commit(lambda: page_cache.renew(*scopes))


def renew_catalogue(sender, **kwargs):
    renew_now_and_after_commit("catalogue")


def renew_discussion(sender, instance, **kwargs):
    """A comment changed: renew its page's discussion and its show's comment counts."""
    if instance.episode_id:
        episode = instance.episode
        scopes = [
            page_cache.episode_discussion(episode.show.slug, episode.kind, episode.number),
            page_cache.show_comments(episode.show.slug),  # the counts on the show page and episode list
        ]
    else:
        scopes = [page_cache.article_discussion(instance.article.slug)]
    renew_now_and_after_commit(*scopes)


def connect():
    from django.apps import apps

    for label in CATALOGUE_APPS:
        for model in apps.get_app_config(label).get_models():
            post_save.connect(
                renew_catalogue, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}"
            )
            post_delete.connect(
                renew_catalogue, sender=model, dispatch_uid=f"page-cache-del-{model._meta.label}"
            )
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    renew_catalogue, sender=field.remote_field.through, dispatch_uid=f"page-cache-m2m-{field}"
                )
    comment = apps.get_model("comments", "Comment")
    post_save.connect(renew_discussion, sender=comment, dispatch_uid="page-cache-comment")
    post_delete.connect(renew_discussion, sender=comment, dispatch_uid="page-cache-comment-del")
