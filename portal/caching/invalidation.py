"""What renews the page-cache tokens (portal/caching/pages.py), called by every write.

Writes invalidate where they happen, not in signal handlers out of sight:

- a model that pages show inherits `InvalidatesPages`: its save() and delete() renew what it shows, so the
  admin, the loaders, the services and a save from `manage.py shell` all do;
- its queryset inherits `InvalidatingQuerySet`: update(), delete() and bulk_create() renew too (the
  admin's bulk actions, moderation and `make_thumbnails` write that way);
- writes that bypass the ORM's row methods (the synthetic generator's COPY, the search index rebuild)
  call `catalogue_changed()` themselves.

Many-to-many rows are written by models Django creates itself, with no save() of ours; `m2m_changed` is
the one hook there (connected by `connect_many_to_many`), so write them through the relation (`add`, `set`,
`remove`, `clear`), not through `through.objects`. Accounts are Django's too: portal/comments/authors.py
renews the discussions that print a renamed or deleted member's name. `loaddata` saves rows raw: clear
the cache after it.
"""

from django.db import models, transaction
from django.db.models.signals import m2m_changed

from . import pages

CATALOGUE = pages.CATALOGUE


def renew_now_and_after_commit(*scopes):
    """Renew at once, and again after the commit: a page rendered in between (from the data as it was before
    the commit) may have been cached under the first new token, and the second one retires it."""
    if not scopes:
        return
    pages.renew(*scopes)
    transaction.on_commit(lambda: pages.renew(*scopes))


def catalogue_changed():
    """A show, person, episode, song, award or article changed: every cached page may show it."""
    renew_now_and_after_commit(CATALOGUE)


def discussion_scopes(comments):
    """The scopes that show these comments: their episode's or article's discussion, and the show's
    comment counts (on the show page and the episode list)."""
    scopes = set()
    for comment in comments:
        if comment.episode_id:
            episode = comment.episode
            scopes.add(pages.episode_discussion(episode.show.slug, episode.kind, episode.number))
            scopes.add(pages.show_comments(episode.show.slug))
        elif comment.article_id:
            scopes.add(pages.article_discussion(comment.article.slug))
    return sorted(scopes)


def discussions_changed(comments):
    renew_now_and_after_commit(*discussion_scopes(comments))


class InvalidatingQuerySet(models.QuerySet):
    """A queryset whose bulk writes renew the pages that show the rows, as a row's save() does."""

    def update(self, **kwargs):
        self.model.pages_changed(self._rows_for_invalidation())
        return super().update(**kwargs)

    def delete(self):
        self.model.pages_changed(self._rows_for_invalidation())
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self.model.pages_changed(created)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        self.model.pages_changed(objs)
        return super().bulk_update(objs, *args, **kwargs)

    def _rows_for_invalidation(self):
        """The rows, as far as the model needs them to name its pages (nothing for catalogue models)."""
        rows_for = getattr(self.model, "rows_for_invalidation", None)
        return rows_for(self) if rows_for else []


class InvalidatesPages(models.Model):
    """For models whose rows pages show: saving or deleting a row renews the pages that show it."""

    # A model with a queryset of its own declares `objects` with a subclass of InvalidatingQuerySet.
    objects = InvalidatingQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.pages_changed([self])

    def delete(self, *args, **kwargs):
        self.pages_changed([self])
        return super().delete(*args, **kwargs)

    @classmethod
    def pages_changed(cls, rows):
        """Renew what these rows appear on; the catalogue by default (comments override it)."""
        catalogue_changed()


def changed_many_to_many(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        catalogue_changed()


def connect_many_to_many():
    """Catalogue models' many-to-many fields (a show's genres, an article's shows) renew the catalogue."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, InvalidatesPages):
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    changed_many_to_many,
                    sender=field.remote_field.through,
                    dispatch_uid=f"page-cache-m2m-{model._meta.label}-{field.name}",
                )
