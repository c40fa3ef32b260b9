"""Writing many rows fast: COPY on PostgreSQL, bulk_create elsewhere, with primary keys handed out here so
rows can point at each other without a round trip to the database."""

import contextlib
import itertools
from collections import Counter

from django.core.management.color import no_style
from django.db import connection, reset_queries
from django.db.models import Max
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

BATCH_SIZE = 5_000


def batched(items, size):
    """Lists of up to `size` items (itertools.batched from Python 3.12)."""
    items = iter(items)
    while batch := list(itertools.islice(items, size)):
        yield batch


def default_maker(model_field):
    """A callable giving the value Django would store for a field the row leaves out."""
    if model_field.has_default():
        default = model_field.default
        return default if callable(default) else lambda: default
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return timezone.now
    value = model_field.get_default()
    return lambda: value


@contextlib.contextmanager
def keeping_given_timestamps(model, given):
    """bulk_create lets auto_now(_add) overwrite the times a row gives; generated history keeps its own."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.attname in given and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Inserter:
    """Writes rows, given as dicts of attname -> value, with COPY on PostgreSQL and bulk_create elsewhere;
    fields a row leaves out get their model default."""

    def __init__(self, batch_size=BATCH_SIZE, on_progress=None):
        self.batch_size = batch_size
        self.counts = Counter()
        self.use_copy = connection.vendor == "postgresql"
        self.on_progress = on_progress

    def insert(self, model, rows):
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return 0
        rows = itertools.chain([first], rows)
        write = self.copy if self.use_copy else self.bulk_create
        written = write(model, first, rows)
        self.counts[model] += written
        return written

    def copy(self, model, first, rows):
        given = [f for f in model._meta.concrete_fields if f.attname in first]
        filled = [
            (f, default_maker(f))
            for f in model._meta.concrete_fields
            if f.attname not in first and not f.primary_key and f.db_default is NOT_PROVIDED
        ]
        names = [f.attname for f in given]
        makers = [maker for _f, maker in filled]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in [*given, *(f for f, _m in filled)])
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names] + [make() for make in makers])
                written += 1
                if written % 100_000 == 0 and self.on_progress:
                    self.on_progress(model, written)
        return written

    def bulk_create(self, model, first, rows):
        manager = model._default_manager
        written = 0
        with keeping_given_timestamps(model, first):
            for batch in batched(rows, self.batch_size):
                manager.bulk_create([model(**row) for row in batch], batch_size=self.batch_size)
                written += len(batch)
                reset_queries()  # with DEBUG on, Django would keep every batch's SQL in memory
                if self.on_progress and written % 100_000 < len(batch):
                    self.on_progress(model, written)
        return written


class Batch:
    """Rows of several models gathered a few thousand at a time, then written model by model."""

    def __init__(self, inserter, limit=50_000):
        self.inserter, self.limit = inserter, limit
        self.rows, self.size = {}, 0

    def add(self, model, row):
        self.rows.setdefault(model, []).append(row)
        self.size += 1
        if self.size >= self.limit:
            self.flush()

    def flush(self):
        for model, rows in self.rows.items():
            self.inserter.insert(model, rows)
        self.rows, self.size = {}, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


class Ids:
    """Primary keys handed out in blocks after the highest one in use."""

    def __init__(self):
        self.next = {}

    def block(self, model, count):
        if model not in self.next:
            self.next[model] = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        start = self.next[model]
        self.next[model] = start + count
        return range(start, start + count)

    def take(self, model):
        return self.block(model, 1)[0]


def reset_sequences(models):
    """After inserting explicit primary keys, the database's own counters must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
