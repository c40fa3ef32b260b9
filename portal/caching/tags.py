"""Cache tags: what a cached page shows, recorded while it renders.

A tag names one record (`show:12`, `person:7`, `episode:40`, `discussion:episode:40`) or a list (`list:show`,
`list:search`). While a cacheable page renders, `recording()` collects:

- the tag of every instance of a tagging model (portal/caching/invalidation.py: `InvalidatesPages` with
  `tags_pages = True`) that is loaded, through `post_init`: whatever a page reads from the database, however
  its selector fetched it, is on its list;
- what the code adds with `add()`: a discussion block its discussion, a list page its list tags.

Writes renew tags (invalidation.py), and a cached page stands only while none of its tags was renewed after
it started rendering (pages.py).
"""

import contextvars

from django.db.models.signals import post_init

# Every cached page shows this tag: renewing it (`catalogue_changed()`) retires every cached page.
EVERYTHING = "catalogue"

_recording = contextvars.ContextVar("page_tags", default=None)


def of(model, pk):
    """The tag of one record: `show:12`."""
    return f"{model._meta.model_name}:{pk}"


def list_of(model):
    """The tag of every list of a model's records (renewed by any write of one): `list:show`."""
    return f"list:{model._meta.model_name}"


def discussion(target_kind, target_pk):
    """The tag of an episode's or article's discussion: `discussion:episode:40`."""
    return f"discussion:{target_kind}:{target_pk}"


class recording:
    """`with recording() as tags:` collects the tags of what renders inside, in the set `tags`."""

    def __enter__(self):
        self.tags = {EVERYTHING}
        self._token = _recording.set(self.tags)
        return self.tags

    def __exit__(self, *exc):
        _recording.reset(self._token)


def add(*tags):
    """Record tags on the page being rendered, if one is."""
    found = _recording.get()
    if found is not None:
        found.update(tags)


def is_recording():
    return _recording.get() is not None


def _loaded(sender, instance, **kwargs):
    found = _recording.get()
    if found is not None and instance.pk is not None:
        found.add(f"{sender._meta.model_name}:{instance.pk}")


def connect_loading(models):
    """Record the tag of every loaded instance of these models (called once, from the app's ready())."""
    for model in models:
        post_init.connect(_loaded, sender=model, dispatch_uid=f"page-tags-{model._meta.label}")
