"""The dump format, version 1.

A dump is a directory: `<kind>.jsonl` per kind (kind = app_label.model_name, e.g. `shows.show.jsonl`), one
JSON object per line, ordered by id, and `manifest.json`:

    {"schema_version": 1, "exported_at": "<ISO 8601>", "license": …, "notes": […],
     "kinds": {"shows.show": {"file": "shows.show.jsonl", "count": 14, "fields": ["id", "title", …]}}}

Each object has every field by its model name: foreign keys as the related row's id, many-to-many fields as
sorted lists of ids, dates, times and datetimes in ISO 8601, decimals as strings ("16.143"), pictures as
the file's name in the media storage (the files themselves are not in a dump), unknown values as null.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
NOTES = [
    "Pictures are not included: poster, photo and image fields hold the file's name in the portal's media "
    "storage.",
    "Only news articles already published at exported_at are included.",
    "Members' accounts, discussions, lists and ratings, the edit history and the search index are not "
    "included.",
]


class DumpError(Exception):
    """A dump that cannot be written or read; the message says why."""


def file_of(kind):
    return f"{kind}.jsonl"


def fields_of(model):
    """A kind's fields in a dump: every column, then the many-to-many fields."""
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def dumped(value):
    """A field's value as JSON holds it."""
    if isinstance(value, FieldFile):
        return value.name
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def loaded(field, value):
    """A dumped value back as the field holds it (a foreign key: the related row's id); raises DumpError."""
    if value is None:
        return None
    try:
        return (field.target_field if field.is_relation else field).to_python(value)
    except ValidationError as error:
        raise DumpError(f"{field.name}: {' '.join(error.messages)}") from error
