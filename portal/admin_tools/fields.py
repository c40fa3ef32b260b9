"""Decimal numbers as people type them: "7,7" and "7.7" are both 7.7 (never 77), and stay 7.7.

A browser's number input reads what was typed after the browser's language: Chromium in English takes the
comma of "7,7" for a thousands separator and sends "77", which the server cannot tell from a typed 77.
So decimals are typed into a text input (inputmode "decimal" keeps the digit keyboard on phones) and read
here: a comma is a decimal mark like the point; a number with both, or with several, is refused.

A database column pads every value to its decimal places (7.7 comes back as 7.700). A DecimalField with a
`places_field` stores how many decimal places the value was entered with in that field, and gives the value
back with them: 7.7 stays 7.7 and Nielsen's 24.850 stays 24.850. (Rows written around the model, by
QuerySet.update() or a bulk COPY, keep blank places and come back as the column pads them.)
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import signals

AMBIGUOUS = "Write the number with one decimal mark and no thousands separator, for example 7.7 or 1234.5."


class DecimalTextField(forms.DecimalField):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value.count(",") + value.count(".") > 1:
                raise ValidationError(AMBIGUOUS, code="invalid")
            value = value.replace(",", ".")
        return super().to_python(value)


def decimal_places(value):
    """How many decimal places a Decimal was written with: 2 for 7.70, 0 for 7 (and for 1E+1)."""
    return max(0, -value.as_tuple().exponent)


def without_trailing_zeros(value):
    """7.700 -> 7.7 and 10.000 -> 10 (not 1E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class DecimalField(models.DecimalField):
    """A model DecimalField whose forms (the admin's included) use DecimalTextField; with `places_field`,
    values keep the decimal places they were entered with (see the module)."""

    def __init__(self, *args, places_field=None, **kwargs):
        self.places_field = places_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.places_field:
            kwargs["places_field"] = self.places_field
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DecimalTextField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if self.places_field and not cls._meta.abstract:
            signals.post_init.connect(self.restore_places, sender=cls)

    def restore_places(self, instance, **kwargs):
        # Runs for new instances too, whose places are still blank: only a stored row's value is changed.
        value = instance.__dict__.get(self.attname)  # absent when deferred
        places = instance.__dict__.get(self.places_field)
        if isinstance(value, Decimal) and value.is_finite() and places is not None:
            instance.__dict__[self.attname] = value.quantize(Decimal(1).scaleb(-places))

    def pre_save(self, model_instance, add):
        value = self.to_python(super().pre_save(model_instance, add))
        if self.places_field:
            # The places field must come after this one in the model, so that it is saved with this value.
            places = None if value is None else min(decimal_places(value), self.decimal_places)
            setattr(model_instance, self.places_field, places)
        return value
