"""Named database constraints that speak to the person whose input broke them.

Every constraint carries a `violation_error_message` in plain words. Django shows a broken constraint's
message at the top of the form, apart from a one-field unique constraint; ConstraintErrorsOnFields puts it
beside the field it concerns instead: the field named in the model's `constraint_fields`, else a unique
constraint's last field (the one that tells rows of the same parent apart, such as a slug or a number).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router
from django.db.models import UniqueConstraint


def constraint_error_field(model, constraint):
    """The field a broken `constraint` of `model` is reported on, or NON_FIELD_ERRORS."""
    names = {"class": model._meta.model_name.lower(), "app_label": model._meta.app_label.lower()}
    # Keys may be written as in an abstract model's Meta: "%(class)s_position_positive".
    fields = {name % names: field for name, field in getattr(model, "constraint_fields", {}).items()}
    field = fields.get(constraint.name)
    if field is None and isinstance(constraint, UniqueConstraint) and constraint.fields:
        field = constraint.fields[-1]
    return field or NON_FIELD_ERRORS


class ConstraintErrorsOnFields:
    """Model mixin: constraint errors are reported on the field they concern (see the module)."""

    # Constraint name -> field, for the check constraints (a unique constraint's last field is the default).
    constraint_fields = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    errors.setdefault(constraint_error_field(type(self), constraint), []).append(error)
        if errors:
            raise ValidationError(errors)
