"""The steps in order, each with its own random stream, timed and reported; `generate()` wraps them in one
transaction and rebuilds the search index after them."""

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction

from people.models import Person
from portal.search import indexing as search_index
from portal.search.models import SearchEntry
from shows.models import Episode

from .awards import add_awards
from .bulk import Ids, Inserter, reset_sequences
from .cleanup import delete_generated, generated_catalogue
from .discussions import add_comments, add_members
from .names import taken_name_keys
from .news import add_news
from .people import add_cast, add_crew, add_people
from .reference import add_reference
from .shows import add_episodes, add_shows
from .sizes import SIZES, check_sizes
from .soundtracks import add_soundtracks
from .state import State

# (step, what it adds): each step reads what the earlier ones left in the State. A step's name also names
# its random stream, so a change inside one step leaves the rows of the others as they were.
STEPS = [
    ("reference", add_reference),
    ("people", add_people),
    ("shows", add_shows),
    ("episodes", add_episodes),
    ("cast", add_cast),
    ("crew", add_crew),
    ("soundtracks", add_soundtracks),
    ("awards", add_awards),
    ("news", add_news),
    ("members", add_members),
    ("comments", add_comments),
]


@dataclass
class Report:
    """What a run did: rows created per model (or, when nothing was created, what was already there)."""

    created: bool
    counts: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)  # (step, rows, seconds)
    seconds: float = 0.0
    notes: list = field(default_factory=list)


class Generator:
    def __init__(self, sizes, seed, progress):
        self.seed, self.progress = seed, progress
        self.inserter = Inserter(on_progress=self.tick)
        self.started = self.step_started = time.monotonic()
        self.steps = []
        self.notes = []
        self.state = State(sizes=sizes, inserter=self.inserter, ids=Ids(), taken=taken_name_keys())

    def rng(self, step):
        return random.Random(f"{self.seed}:{step}")

    def elapsed(self):
        return time.monotonic() - self.started

    def tick(self, model, written):
        rate = written / max(time.monotonic() - self.step_started, 1e-6)
        self.progress(
            f"    … {written:,} {model._meta.verbose_name_plural} ({rate:,.0f} rows/s, "
            f"elapsed {self.elapsed():.0f} s)"
        )

    def step(self, name, build):
        before = Counter(self.inserter.counts)
        self.step_started = time.monotonic()
        build(self.state, self.rng(name))
        seconds = time.monotonic() - self.step_started
        written = self.inserter.counts - before
        rows = sum(written.values())
        detail = ", ".join(f"{n:,} {model._meta.verbose_name_plural}" for model, n in written.items())
        self.progress(
            f"  {name:<12} {rows:>10,} rows in {seconds:6.1f} s ({rows / max(seconds, 1e-6):>9,.0f} rows/s) "
            f"· elapsed {self.elapsed():6.1f} s  [{detail}]"
        )
        self.steps.append((name, rows, seconds))

    def run(self):
        for name, build in STEPS:
            self.step(name, build)
        reset_sequences(list(self.state.ids.next))
        self.note_landmarks()
        return self.inserter.counts

    def note_landmarks(self):
        """Where the pages that are heaviest at this size are, for benchmarks and query-count checks."""
        state = self.state
        if state.star_roles:
            star = Person.objects.get(pk=state.star)
            self.notes.append(f"{state.star_roles} roles: {star.name}, {star.get_absolute_url()}")
        if state.hot_episode:
            episode_id, count = state.hot_episode
            episode = Episode.objects.select_related("show").get(pk=episode_id)
            self.notes.append(f"{count:,} comments: {episode}, {episode.get_absolute_url()}")


def generate(*, seed=1, fresh=False, progress=print, **sizes):
    """Generate the catalogue (sizes as in SIZES, missing ones at their default) and rebuild the search index.

    Returns a Report; `created` is False when a generated catalogue was already there and `fresh` was not
    asked for (nothing is changed then).
    """
    sizes = {**SIZES, **sizes}
    check_sizes(sizes)
    started = time.monotonic()
    existing = generated_catalogue()
    if existing and not fresh:
        found = ", ".join(f"{n:,} {name}" for name, n in existing.items())
        progress(
            f"A generated catalogue is already loaded ({found}); nothing to do. Use --fresh to replace it."
        )
        return Report(created=False, counts=existing)
    progress(
        "Generating: " + ", ".join(f"{n:,} {name}" for name, n in sizes.items()) + f" (seed {seed}) on "
        f"{connection.vendor}."
    )
    with transaction.atomic(), search_index.paused():
        if existing:
            delete_generated(progress)
        generator = Generator(sizes, seed, progress)
        counts = generator.run()
        commit_started = time.monotonic()
    # PostgreSQL checks the deferred foreign keys of every inserted row now.
    commit_seconds = time.monotonic() - commit_started
    progress(f"  {'commit':<12} foreign keys checked, transaction committed in {commit_seconds:.1f} s")
    report = Report(
        created=True,
        counts={model._meta.label: n for model, n in counts.items()},
        steps=[*generator.steps, ("commit", 0, commit_seconds)],
        notes=generator.notes,
    )
    # After a replacement, VACUUM also reclaims the deleted rows (it cannot run inside a transaction).
    statistics = "VACUUM ANALYZE" if existing and not connection.in_atomic_block else "ANALYZE"
    if connection.vendor == "postgresql":
        step_started = time.monotonic()
        with connection.cursor() as cursor:
            for table in sorted({model._meta.db_table for model in counts}):
                cursor.execute(f"{statistics} {connection.ops.quote_name(table)}")
        report.steps.append(("analyze", 0, time.monotonic() - step_started))
        progress(
            f"  {'analyze':<12} {statistics} of the tables filled, in {time.monotonic() - step_started:.1f} s"
        )
    step_started = time.monotonic()
    entries = search_index.rebuild()
    seconds = time.monotonic() - step_started
    report.steps.append(("search index", entries, seconds))
    progress(
        f"  {'search index':<12} {entries:>10,} entries in {seconds:6.1f} s "
        f"({entries / max(seconds, 1e-6):>9,.0f} rows/s)"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"{statistics} {connection.ops.quote_name(SearchEntry._meta.db_table)}")
    report.seconds = time.monotonic() - started
    return report
