"""Small text helpers shared by the apps."""

from django.utils.text import slugify


def split_lines(value):
    """The non-empty lines of a one-item-per-line text field."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def slug_for(*parts):
    """An ASCII slug for a name; falls back to 'item' when nothing slugifiable is left (e.g. Hangul)."""
    return slugify(" ".join(str(p) for p in parts if p)) or "item"
