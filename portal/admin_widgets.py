"""Bits every app's admin shares."""

from django.contrib import admin
from django.utils.html import format_html


def image_preview(field_name, label="Preview"):
    """An admin column/readonly field showing a small thumbnail of an ImageField, or a dash."""

    @admin.display(description=label)
    def preview(self, obj):
        image = getattr(obj, field_name, None)
        if not image:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height: 120px; max-width: 120px;">', image.url)

    return preview
