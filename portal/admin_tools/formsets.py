"""Admin building blocks the apps share."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from portal.constraints import constraint_error_field


def image_preview(field_name, label="Preview"):
    """An admin column/readonly field showing a picture's smallest thumbnail (120 pixels at most), or —."""

    @admin.display(description=label)
    def preview(self, obj):
        from portal.pictures.thumbnails import admin_preview

        image = getattr(obj, field_name, None)
        if not image:
            return "—"
        thumbnail = admin_preview(image)
        if thumbnail is None:
            return "Not checked yet: run make_thumbnails"
        return format_html('<img src="{}" alt="" width="{}" height="{}">', *thumbnail)

    return preview


class ConstraintCheckingFormSet(BaseInlineFormSet):
    """Checks every row against the model's constraints, and the rows against each other, before saving.

    Django's inline formsets skip constraints on fields a row does not show (a song's show, set from its
    album) and conditional unique constraints between new rows; without this such a clash reaches the
    database and the editor gets a server error instead of a message.
    """

    def prepare_instance(self, instance):
        """Fill fields derived from the parent before validation (override per inline)."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors or self._should_delete_form(form):
                continue
            if not form.has_changed() and not form.instance.pk:
                continue  # an empty extra row
            instance = form.instance
            self.prepare_instance(instance)
            try:
                instance.validate_constraints()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
                continue
            for constraint in instance._meta.constraints:
                if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
                    continue
                if constraint.condition is not None:
                    values = instance._get_field_expression_map(meta=instance._meta)
                    if not constraint.condition.check(values):
                        continue
                key = (
                    constraint.name,
                    *(getattr(instance, instance._meta.get_field(f).attname) for f in constraint.fields),
                )
                if key in seen:
                    field = constraint_error_field(type(instance), constraint)
                    form.add_error(
                        field if field in form.fields else None,
                        f"Two rows here clash: {constraint.get_violation_error_message()}",
                    )
                seen[key] = form


class CheckedInline(admin.TabularInline):
    """A tabular inline without empty extra rows whose rows ConstraintCheckingFormSet checks before saving."""

    formset = ConstraintCheckingFormSet
    extra = 0


class ParentScopedChoicesMixin:
    """For inlines: limit some foreign-key choices to rows that belong to the parent object.

    `scoped_choices` maps a field name to a function(parent) returning the allowed queryset.
    """

    scoped_choices = {}

    def get_formset(self, request, obj=None, **kwargs):
        request._admin_parent = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.scoped_choices:
            parent = getattr(request, "_admin_parent", None)
            kwargs["queryset"] = self.scoped_choices[db_field.name](parent)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
