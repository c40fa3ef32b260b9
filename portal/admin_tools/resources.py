"""What the admin's imports share (django-import-export): a base resource and widgets that read values the
way staff type them.

Related records are named by their natural keys (a show's slug or title, a person's slug or name, a
chart's name), looked up within the row's show or ceremony where names only mean something there. A value
that names nothing, or more than one record, is a validation error on its column, so the import page lists
it with the row's line number; with any such row the whole file is refused (transactions, rolled back on
validation errors: portal/admin_tools/imports.py).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from import_export import resources, widgets

from .fields import DecimalTextField


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record named by the first of `fields` (case-insensitive) that matches exactly one record.

    `scope(row)` returns a Q limiting the candidates by other columns of the row (a character of the row's
    show). Exports write the first field.
    """

    def __init__(self, model, fields=("slug",), *, scope=None, **kwargs):
        super().__init__(model, field=fields[0], **kwargs)
        self.fields = fields
        self.scope = scope

    def get_queryset(self, value, row, *args, **kwargs):
        queryset = self.model.objects.all()
        if self.scope is not None:
            queryset = queryset.filter(self.scope(row or {}))
        return queryset

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        return self.find(text, row)

    def find(self, text, row):
        queryset = self.get_queryset(text, row)
        name = self.model._meta.verbose_name
        for field in self.fields:
            found = list(queryset.filter(**{f"{field}__iexact": text})[:2])
            if len(found) == 1:
                return found[0]
            if found:
                raise ValueError(f"“{text}” names more than one {name}: give its slug instead.")
        raise ValueError(f"There is no {name} “{text}”{self.where(row)}.")

    def where(self, row):
        return ""


class ShowScopedLookupWidget(LookupWidget):
    """A record of the show named in the row's `show` column (a character, cast group, song or album)."""

    def __init__(self, model, fields=("slug",), *, show_path="show", **kwargs):
        super().__init__(model, fields, scope=lambda row: named_show(row.get("show"), show_path), **kwargs)

    def where(self, row):
        return f" in the show “{row.get('show') or ''}”"


def named_show(value, path="show"):
    """A Q for the records of the show a row names by slug or title."""
    text = str(value or "").strip()
    return Q(**{f"{path}__slug__iexact": text}) | Q(**{f"{path}__title__iexact": text})


class LookupManyWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, separated by semicolons, each found as LookupWidget finds one."""

    def __init__(self, lookup, separator=";"):
        super().__init__(lookup.model, separator=separator, field=lookup.field)
        self.lookup = lookup

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        return [self.lookup.find(name, row) for name in names]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(str(getattr(item, self.field)) for item in value.all())


class ChoiceWidget(widgets.Widget):
    """A choice given by its stored value or its label ('regular' or 'Episode'); blank gives `default`."""

    def __init__(self, choices, default=""):
        super().__init__()
        self.choices = choices
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return self.default
        for stored, label in self.choices.choices:
            if text.lower() in (str(stored).lower(), str(label).lower()):
                return stored
        allowed = ", ".join(str(stored) for stored in self.choices.values)
        raise ValueError(f"“{text}” is not one of: {allowed}.")


class WholeNumberWidget(widgets.Widget):
    """A whole number; '1.5' is refused rather than cut to 1. Blank gives `default`."""

    def __init__(self, default=None):
        super().__init__()
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return self.default
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValueError(f"“{text}” is not a whole number.")
        return int(number)


class DecimalNumberWidget(widgets.Widget):
    """A decimal number such as an audience share, read as the admin's forms read it (fields.py: '7,7' is
    7.7, never 77); a trailing '%' is allowed. Exports write the places it was entered with."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().removesuffix("%").strip()
        if not text:
            return None
        try:
            number = DecimalTextField(required=False).clean(text)
        except ValidationError as error:
            raise ValueError(f"“{value}” is not a number: {' '.join(error.messages)}") from error
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value:f}"


class YesNoWidget(widgets.Widget):
    """yes/no, true/false, 1/0; blank is no."""

    YES = {"yes", "y", "true", "1"}
    NO = {"no", "n", "false", "0", ""}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"“{value}” is not yes or no.")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class LinesWidget(widgets.Widget):
    """A field kept one item per line (alternative names), written in one cell separated by semicolons."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "")
        return "\n".join(item.strip() for item in text.replace("\n", ";").split(";") if item.strip())

    def render(self, value, obj=None, **kwargs):
        return "; ".join(line.strip() for line in (value or "").splitlines() if line.strip())


class PortalResource(resources.ModelResource):
    """A resource whose rows are checked as the admin checks a form (full_clean: the model's constraints),
    imported in one transaction, and whose slugs follow the name when the file leaves them blank."""

    #: {slug column: column it is made from} for rows that leave the slug blank (or the file lacks it).
    derived_slugs = {}
    #: Rows of the template file staff download from the import page (column: example value).
    example_rows = []
    #: One sentence on the import page about what a row is and how records are named.
    import_help = ""

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        for slug in self.derived_slugs:
            if slug not in (dataset.headers or []):
                dataset.append_col([""] * len(dataset), header=slug)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        for slug, source in self.derived_slugs.items():
            if not str(row.get(slug) or "").strip():
                row[slug] = slugify(str(row.get(source) or ""))
        super().before_import_row(row, **kwargs)

    def get_instance(self, instance_loader, row):
        # A row's key columns name related records: a name that matches nothing is the row's error on
        # that column, not an exception.
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            try:
                field.clean(row)
            except ValueError as error:
                errors[field.attribute or name] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)
        return super().get_instance(instance_loader, row)

    def import_instance(self, instance, row, **kwargs):
        # The base class checks many-to-many columns only when it saves them; check them with the rest.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    @classmethod
    def template_headers(cls):
        return [field.column_name for field in cls().get_user_visible_fields()]
