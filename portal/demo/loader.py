"""Loads the demo content from the data files beside this module.

Every row is matched on its natural key (slugs, numbers, positions) and updated in place, so loading twice
leaves the same rows; anything a previous version of the files created and the current files no longer
describe for these shows is left alone rather than deleted.

Each data file has its loader function (catalogue.py, cast.py, soundtrack.py, accolades.py, press.py); it
takes the DemoLoader, which holds what was loaded so far (shows, people and songs by slug) and the report.
"""

from dataclasses import dataclass, field

from django.db import transaction

from portal.demo.accolades import load_accolades
from portal.demo.cast import load_cast
from portal.demo.catalogue import load_crew, load_episodes, load_people, load_shows
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


@dataclass
class LoadReport:
    counts: dict = field(default_factory=dict)

    def add(self, label, created):
        key = f"{label} {'created' if created else 'updated'}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def lines(self):
        return [f"{key}: {value}" for key, value in sorted(self.counts.items())]


class DemoLoader:
    def __init__(self):
        self.report = LoadReport()
        self.shows = {}
        self.people = {}
        self.songs = {}

    def upsert(self, model, label, defaults=None, **lookup):
        obj, created = model.objects.update_or_create(defaults=defaults or {}, **lookup)
        self.report.add(label, created)
        return obj

    def company(self, name):
        if not name:
            return None
        return self.upsert(Company, "company", {"name": name}, slug=slug_for(name))

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
