"""What every write renews: the tags (portal/caching/tags.py) of exactly what it touched.

Writes invalidate where they happen, not in signal handlers out of sight:

- a model that pages show inherits `InvalidatesPages`: its save() and delete() renew what the row touches,
  so the admin, the loaders, the services and a save from `manage.py shell` all do;
- its queryset inherits `InvalidatingQuerySet`: update(), delete(), bulk_create() and bulk_update() renew
  what their rows touch (the admin's bulk actions, moderation and `make_thumbnails` write that way);
- writes that bypass the ORM's row methods (the synthetic generator's COPY) call `catalogue_changed()`,
  which retires every cached page; the search index renews `list:search` (search_changed()).

What a row touches:

- its own tag (`episode:40`) when the model tags pages (`tags_pages`): every page that loaded the row
  carries that tag;
- the tags of the records it belongs to (`tag_parents`, foreign keys; `tag_parents_many`, many-to-many):
  pages that list a show's episodes carry `show:N`, so a new episode, or one moved to or from the show,
  reaches them although they never loaded it. A row that moves renews its old parents too;
- its model's list tag (`list:episode`), carried by list, filter and search pages, whose rows a write
  may add, remove or reorder.

Many-to-many rows are written by models Django creates itself, with no save() of ours; `m2m_changed` is the
one hook there (connected by `connect_signals`), so write them through the relation (`add`, `set`, `remove`,
`clear`), not through `through.objects`. Accounts are Django's too: portal/comments/authors.py renews the
discussions that print a renamed or deleted member's name. A cascade delete renews the deleted row's tags
only: pages that showed its children loaded the row too. `loaddata` saves rows raw: clear the cache after it.
"""

from types import SimpleNamespace

from django.db import models, transaction
from django.db.models.signals import m2m_changed

from . import pages, tags


def renew_after_commit(names):
    """Retire the pages that carry these tags now and again once the transaction commits: a page rendered
    before the commit, from the data as it was, started before the second renewal and is retired by it."""
    names = sorted(set(names))
    if names:
        pages.renew(names, purge_proxies=False)
        transaction.on_commit(lambda: pages.renew(names))


def catalogue_changed():
    """Anything may have changed (rows written behind the ORM): every cached page is retired."""
    renew_after_commit([tags.EVERYTHING])


def search_changed():
    """Search index entries changed: the search pages are retired."""
    renew_after_commit(["list:search"])


def discussion_tags(comments):
    """The discussions that show these comments (rows with `episode_id`, `article_id` or `show_id`)."""
    found = set()
    for comment in comments:
        for kind in ("episode", "article", "show"):
            if getattr(comment, f"{kind}_id", None):
                found.add(tags.discussion(kind, getattr(comment, f"{kind}_id")))
                break
    return found


def discussions_changed(comments):
    renew_after_commit(discussion_tags(comments))


class InvalidatingQuerySet(models.QuerySet):
    """A queryset whose bulk writes renew the tags their rows touch, as a row's save() does."""

    def update(self, **kwargs):
        rows = self.model.rows_for_invalidation(self)
        moved = {name: value for name, value in kwargs.items() if name in self.model.tag_parents}
        renewed = self.model.tags_for(rows)
        if moved:
            renewed |= self.model.tags_for([SimpleNamespace(pk=None, **_attnames(self.model, moved))])
        count = super().update(**kwargs)
        renew_after_commit(renewed)
        return count

    def delete(self):
        renewed = self.model.tags_for(self.model.rows_for_invalidation(self))
        result = super().delete()
        renew_after_commit(renewed)
        return result

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        renew_after_commit(self.model.tags_for(created))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        renewed = self.model.tags_for(objs)
        if set(fields) & set(self.model.tag_parents):
            before = self.model.rows_for_invalidation(self.filter(pk__in=[obj.pk for obj in objs]))
            renewed |= self.model.tags_for(before)
        result = super().bulk_update(objs, fields, *args, **kwargs)
        renew_after_commit(renewed)
        return result


def _attnames(model, values):
    """{"show": show} → {"show_id": show.pk}: parent values as the rows hold them."""
    found = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        found[field.attname] = value.pk if isinstance(value, models.Model) else value
    return found


class InvalidatesPages(models.Model):
    """For models whose rows pages show: saving or deleting a row renews the tags it touches."""

    # A model with a queryset of its own declares `objects` with a subclass of InvalidatingQuerySet.
    objects = InvalidatingQuerySet.as_manager()

    # Loaded rows put their tag on the page (False for rows always shown with a parent that does).
    tags_pages = True
    # Foreign keys and many-to-many fields naming the records whose pages list this row.
    tag_parents = ()
    tag_parents_many = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = set()
        if self.tag_parents and not self._state.adding and self.pk is not None:
            before = self.tags_for(self.rows_for_invalidation(type(self)._base_manager.filter(pk=self.pk)))
        super().save(*args, **kwargs)
        renew_after_commit(before | self.tags_for([self]))

    def delete(self, *args, **kwargs):
        renewed = self.tags_for([self])
        result = super().delete(*args, **kwargs)
        renew_after_commit(renewed)
        return result

    @classmethod
    def rows_for_invalidation(cls, queryset):
        """The rows a bulk write reaches, as far as tags_for() needs them: pk and parents, one query."""
        attnames = [cls._meta.get_field(name).attname for name in cls.tag_parents]
        return [
            SimpleNamespace(pk=row[0], **dict(zip(attnames, row[1:], strict=True)))
            for row in queryset.order_by().values_list("pk", *attnames)
        ]

    @classmethod
    def tags_for(cls, rows):
        """The tags these rows touch (instances or rows_for_invalidation() rows)."""
        rows = list(rows)
        found = {tags.list_of(cls)}
        for name in cls.tag_parents:
            field = cls._meta.get_field(name)
            parent = field.related_model
            for row in rows:
                value = getattr(row, field.attname, None)
                if value is not None:
                    found.add(tags.of(parent, value))
        pks = [row.pk for row in rows if row.pk is not None]
        if cls.tags_pages:
            found.update(tags.of(cls, pk) for pk in pks)
        if pks:
            for name in cls.tag_parents_many:
                found.update(_related_tags(cls._meta.get_field(name), pks))
        return found


def _related_tags(field, pks):
    """The tags of the records a many-to-many field links these rows to (one query)."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    related = through.objects.filter(**{f"{source}_id__in": pks}).values_list(f"{target}_id", flat=True)
    return {tags.of(field.related_model, pk) for pk in related}


def changed_many_to_many(sender, instance, action, model, pk_set, **kwargs):
    """A link added or removed touches both ends: the row's own tags and those of the linked records."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    renewed = type(instance).tags_for([instance]) if isinstance(instance, InvalidatesPages) else set()
    if issubclass(model, InvalidatesPages):
        renewed.add(tags.list_of(model))
        if model.tags_pages:
            renewed.update(tags.of(model, pk) for pk in pk_set or ())
    renew_after_commit(renewed)


def connect_signals():
    """Many-to-many writes renew tags; loaded rows of tagging models tag the page that renders them."""
    from django.apps import apps

    tagging = []
    for model in apps.get_models():
        if not issubclass(model, InvalidatesPages):
            continue
        if model.tags_pages:
            tagging.append(model)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                changed_many_to_many,
                sender=field.remote_field.through,
                dispatch_uid=f"page-cache-m2m-{model._meta.label}-{field.name}",
            )
    tags.connect_loading(tagging)
