"""Writing a dump (format.py) of the public catalogue (kinds.py)."""

import json
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal.synthetic.bulk import batched

from .format import MANIFEST, NOTES, SCHEMA_VERSION, DumpError, dumped, fields_of, file_of
from .kinds import exported_models, kind_of, public_rows

CHUNK_SIZE = 2_000


def export_dump(directory, *, force=False):
    """Write every public record under `directory`; returns the manifest. A directory that holds anything
    is refused unless `force` (then its dump files are replaced)."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise DumpError(f"{directory} is not a directory.")
    if directory.exists() and any(directory.iterdir()) and not force:
        raise DumpError(f"{directory} is not empty: choose an empty directory, or pass --force to overwrite.")
    directory.mkdir(parents=True, exist_ok=True)
    kinds = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Its first statement: every kind is read as of one moment, whatever commits meanwhile.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        exported_at = timezone.now()
        for model in exported_models():
            kind = kind_of(model)
            count = 0
            with open(directory / file_of(kind), "w", encoding="utf-8", newline="\n") as out:
                for row in rows_of(model):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    count += 1
            fields = [field.name for field in fields_of(model)]
            kinds[kind] = {"file": file_of(kind), "count": count, "fields": fields}
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(),
        "license": settings.DATA_LICENSE,
        "notes": NOTES,
        "kinds": kinds,
    }
    # Last: a dump cut short has no manifest, and import_data refuses it.
    with open(directory / MANIFEST, "w", encoding="utf-8", newline="\n") as out:
        json.dump(manifest, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return manifest


def rows_of(model):
    """The kind's rows as dicts, by id, read a chunk at a time with the chunk's many-to-many links."""
    columns, many = model._meta.concrete_fields, model._meta.many_to_many
    rows = public_rows(model).order_by("pk").iterator(chunk_size=CHUNK_SIZE)
    for chunk in batched(rows, CHUNK_SIZE):
        pks = [obj.pk for obj in chunk]
        links = {field.name: links_of(field, pks) for field in many}
        for obj in chunk:
            row = {field.name: dumped(field.value_from_object(obj)) for field in columns}
            for field in many:
                row[field.name] = links[field.name].get(obj.pk, [])
            yield row


def links_of(field, pks):
    """{row id: sorted ids it links to} through a many-to-many field, for these rows (one query)."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    found = {}
    pairs = through._base_manager.filter(**{f"{source}__in": pks}).order_by(source, target)
    for row_id, linked_id in pairs.values_list(source, target):
        found.setdefault(row_id, []).append(linked_id)
    return found
