"""Loads the demo content from the data files beside this module.

It only creates what is missing. Each row it creates is recorded (DemoRecord) under its natural key (slugs,
numbers, positions); a later load finds the record and leaves the row as it is, however staff have edited
it since, so loading again never overwrites their work nor duplicates a row whose key they changed. A row
that was there before the records existed is adopted as it is. A recorded row that was deleted is created
again. Many-to-many links and second-pass fields are set only on rows this load created.

Each data file has its loader function (catalogue.py, cast.py, soundtrack.py, accolades.py, press.py); it
takes the DemoLoader, which holds what was loaded so far (shows, people and songs by slug) and the report.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction

from portal.demo.accolades import load_accolades
from portal.demo.cast import load_cast
from portal.demo.catalogue import load_crew, load_episodes, load_people, load_shows
from portal.demo.models import DemoRecord
from portal.demo.press import load_news, load_reception
from portal.demo.soundtrack import load_soundtrack
from portal.search import indexing as search_index
from portal.text import slug_for
from shows.models import Company

# In this order: each step links rows the steps before it loaded.
STEPS = (
    load_people,
    load_shows,
    load_crew,
    load_episodes,
    load_cast,
    load_soundtrack,
    load_accolades,
    load_reception,
    load_news,
)


def record_key(model, lookup):
    """(sha256 key, readable description) of a model's natural key; related rows by their primary key."""
    parts = [f"{name}={getattr(value, 'pk', value)}" for name, value in sorted(lookup.items())]
    description = f"{model._meta.label}: {', '.join(parts)}"
    return hashlib.sha256(description.encode()).hexdigest(), description


@dataclass
class LoadReport:
    counts: dict = field(default_factory=dict)

    def add(self, label, created):
        key = f"{label} {'created' if created else 'kept'}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def lines(self):
        return [f"{key}: {value}" for key, value in sorted(self.counts.items())]


class DemoLoader:
    def __init__(self):
        self.report = LoadReport()
        self.created = set()
        self.shows = {}
        self.people = {}
        self.songs = {}

    def ensure(self, model, label, defaults=None, **lookup):
        """The demo row with this natural key: as it is if an earlier load created it (or it was there
        before), created from `defaults` otherwise."""
        key, description = record_key(model, lookup)
        record = DemoRecord.objects.filter(key=key).first()
        manager = model._default_manager
        obj = manager.filter(pk=record.object_id).first() if record else manager.filter(**lookup).first()
        if obj is None:
            obj = manager.create(**lookup, **(defaults or {}))
            self.created.add((model, obj.pk))
        if record is None or record.object_id != str(obj.pk):
            DemoRecord.objects.update_or_create(
                key=key, defaults={"description": description, "object_id": str(obj.pk)}
            )
        self.report.add(label, self.is_new(obj))
        return obj

    def is_new(self, obj):
        """Whether this load created `obj` (so it may still fill in the row's links)."""
        return (type(obj), obj.pk) in self.created

    def link(self, obj, relation, items):
        """Set a many-to-many relation of a row this load created; staff's links on older rows stay."""
        if self.is_new(obj):
            getattr(obj, relation).set(items)

    def company(self, name):
        if not name:
            return None
        return self.ensure(Company, "company", {"name": name}, slug=slug_for(name))

    def person(self, slug):
        return self.people[slug] if slug else None

    def run(self):
        for step in STEPS:
            step(self)
        return self.report


@transaction.atomic
def load_demo():
    """Load or refresh the demo content in one transaction, then rebuild the search index once (instead of
    after every row); returns a LoadReport."""
    with search_index.paused():
        report = DemoLoader().run()
    report.counts["search entries"] = search_index.rebuild()
    return report
