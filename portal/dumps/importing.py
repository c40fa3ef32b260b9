"""Loading a dump (format.py) into a database whose catalogue is empty.

Everything is checked before anything is written (the manifest's version, every file and its row count, the
fields), then every kind is written in one transaction, in dependency order, with the ids it had, the
many-to-many links after all rows. Rows are written in bulk (COPY on PostgreSQL) as they are in the dump:
no model save() runs, so no edit history is recorded for them. Then the database's id counters move past
the ids loaded, the search index is rebuilt and every cached page retired.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from portal.caching.invalidation import catalogue_changed
from portal.search import indexing as search_index
from portal.synthetic.bulk import Inserter, reset_sequences

from .format import MANIFEST, SCHEMA_VERSION, DumpError, fields_of, loaded
from .kinds import exported_models, kind_of, link_models, load_order


def import_dump(directory):
    """Load the dump in `directory`; returns {kind: rows loaded} and the number of search entries."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    plans = {model: plan_for(model, manifest, directory) for model in exported_models()}
    refuse_unless_empty()
    try:
        with transaction.atomic(), search_index.paused():
            inserter = Inserter()
            loaded_counts = {}
            for model in load_order():
                loaded_counts[kind_of(model)] = inserter.insert(model, rows_from(plans[model]))
            for model in load_order():
                for field in model._meta.many_to_many:
                    inserter.insert(field.remote_field.through, links_from(plans[model], field))
            reset_sequences([table for model in exported_models() for table in [model, *link_models(model)]])
            entries = search_index.rebuild()
            # Written behind the models' save(): any cached page may show what is gone.
            catalogue_changed()
    except DatabaseError as error:
        raise DumpError(f"The database refused the dump, and nothing was loaded: {error}") from error
    return loaded_counts, entries


def read_manifest(directory):
    path = directory / MANIFEST
    if not path.is_file():
        raise DumpError(f"{path} is missing: is {directory} a dump written by export_data?")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise DumpError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("kinds"), dict):
        raise DumpError(f"{path} has no list of kinds.")
    version = manifest.get("schema_version")
    if version != SCHEMA_VERSION:
        raise DumpError(
            f"The dump's schema version is {version!r}; this portal reads version {SCHEMA_VERSION} only."
        )
    unknown = set(manifest["kinds"]) - {kind_of(model) for model in exported_models()}
    if unknown:
        raise DumpError(f"The dump holds kinds this portal does not load: {', '.join(sorted(unknown))}.")
    return manifest


class Plan:
    """One kind's file, checked: its path, row count and the fields it gives."""

    def __init__(self, model, path, fields):
        self.model, self.path, self.fields = model, path, fields

    def rows(self):
        """(line number, row) of every object in the file."""
        with open(self.path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as error:
                    raise DumpError(f"{self.path.name}, line {number}: not valid JSON ({error}).") from error
                if not isinstance(row, dict):
                    raise DumpError(f"{self.path.name}, line {number}: not a JSON object.")
                yield number, row

    def value(self, number, row, field):
        if field.name not in row:
            raise DumpError(f"{self.path.name}, line {number}: no {field.name!r}.")
        try:
            return loaded(field, row[field.name])
        except DumpError as error:
            raise DumpError(f"{self.path.name}, line {number}: {error}") from error


def plan_for(model, manifest, directory):
    kind = kind_of(model)
    entry = manifest["kinds"].get(kind)
    if not isinstance(entry, dict):
        raise DumpError(f"The manifest lists no {kind}: the dump is incomplete.")
    path = directory / str(entry.get("file", ""))
    if not entry.get("file") or not path.is_file() or path.parent != directory:
        raise DumpError(f"The file of {kind} ({entry.get('file')!r}) is missing from {directory}.")
    by_name = {field.name: field for field in fields_of(model)}
    given = entry.get("fields") or []
    unknown = [name for name in given if name not in by_name]
    if unknown:
        raise DumpError(f"{kind} has fields this portal does not know: {', '.join(map(str, unknown))}.")
    if model._meta.pk.name not in given:
        raise DumpError(f"{kind} gives no {model._meta.pk.name!r}.")
    # Fields the dump does not give (added to the portal since) take their default.
    plan = Plan(model, path, [by_name[name] for name in given])
    count = sum(1 for _row in plan.rows())
    if count != entry.get("count"):
        raise DumpError(
            f"{path.name} holds {count} rows but the manifest counts {entry.get('count')}: "
            "the file is truncated or was changed."
        )
    return plan


def refuse_unless_empty():
    """The dump keeps its ids, so every table it writes must be empty."""
    filled = []
    for model in exported_models():
        for table in [model, *link_models(model)]:
            count = table._base_manager.count()
            if count:
                filled.append(f"{table._meta.label_lower} ({count} rows)")
    if filled:
        raise DumpError(
            "The catalogue is not empty, and a dump loads only into an empty one. Not empty: "
            + ", ".join(filled)
        )


def rows_from(plan):
    columns = [field for field in plan.fields if not field.many_to_many]
    for number, row in plan.rows():
        yield {field.attname: plan.value(number, row, field) for field in columns}


def links_from(plan, field):
    """The rows of a many-to-many field's table, from the kind's file."""
    if field not in plan.fields:
        return
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name())
    target = through._meta.get_field(field.m2m_reverse_field_name())
    pk = plan.model._meta.pk
    for number, row in plan.rows():
        linked = row.get(field.name)
        if not isinstance(linked, list):
            raise DumpError(f"{plan.path.name}, line {number}: {field.name} is not a list of ids.")
        row_id = plan.value(number, row, pk)
        for value in linked:
            try:
                linked_id = target.target_field.to_python(value)
            except ValidationError as error:
                raise DumpError(f"{plan.path.name}, line {number}: {field.name} holds {value!r}.") from error
            yield {source.attname: row_id, target.attname: linked_id}
