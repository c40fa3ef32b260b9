"""PictureField: the model field of every poster, photo, still and article image.

Whatever saves one (the admin form, `model.save()` with a file assigned, `record.photo.save(name, file)` in
a loader or a script), the file goes through `PictureFieldFile.save()`: it is checked and re-encoded (see
checks.py) and stored with its size recorded and the thumbnails the pages use (see thumbnails.py). A refused
file raises ValidationError and nothing is stored. A replaced or cleared picture's files are deleted once
the transaction commits, unless another record still uses them.
"""

import logging
from functools import partial
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_save

from portal.pictures.checks import ACCEPTED_FORMATS, UPLOAD_HELP, check_image, clean_copy
from portal.pictures.thumbnails import make_thumbnails, stored_thumbnail_names

logger = logging.getLogger(__name__)


class PictureFormField(forms.ImageField):
    """The admin's upload field: checks the file with check_image() instead of Django's any-format check, and
    names the stored file after its real format (a PNG called .jpg is stored as .png)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        checked = check_image(upload)
        upload.content_type = checked.content_type
        upload.name = f"{PurePosixPath(upload.name).stem}.{checked.extension}"
        upload.checked_image = checked
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(mime for _ext, mime in ACCEPTED_FORMATS.values())
        return attrs


# Kept on a model instance between the steps of its save(), keyed by the field's attname.
CHECKED_NAMES = "_pictures_checked"  # names stored by PictureFieldFile.save()
REPLACED_PICTURES = "_pictures_replaced"  # (name, size) of the file a save replaces or clears


class PictureFieldFile(ImageFieldFile):
    """A stored picture. Its save() is the one way a new file reaches the storage: from the admin form,
    `model.save()` with a file assigned (FileField.pre_save calls it) or `picture.save(name, file)`."""

    def save(self, name, content, save=True):
        # The admin's form field has checked this very upload already; anything else is checked here,
        # raising ValidationError before anything is stored.
        checked = getattr(content, "checked_image", None) or check_image(content)
        clean = clean_copy(content, checked)
        path = PurePosixPath(name)
        if not path.suffix.lower().endswith(checked.extension):
            name = str(path.with_name(f"{path.stem}.{checked.extension}"))
        super().save(name, clean, save=False)
        self.field.set_size(self.instance, checked.width, checked.height)
        self.instance.__dict__.setdefault(CHECKED_NAMES, {})[self.field.attname] = self.name
        if self.field.spec:
            # A new file never shows thumbnails left behind under its name.
            make_thumbnails(self, self.field.spec, replace=True)
        if save:
            self.instance.save()

    save.alters_data = True


class PictureField(models.ImageField):
    """An ImageField whose files are checked and re-encoded on every save (see PictureFieldFile), with the
    oriented size recorded in two integer fields of the model and the thumbnails of `spec` written.

    The size fields must be declared after this field: Django saves fields in declaration order, and this
    field fills them in while it is saved.
    """

    attr_class = PictureFieldFile

    def __init__(self, *args, spec=None, size_fields=None, **kwargs):
        self.spec = spec
        self.size_fields = size_fields
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Migrations see a plain ImageField: thumbnails and checks are behaviour, not schema.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, "help_text": UPLOAD_HELP, **kwargs})

    def generate_filename(self, instance, filename):
        return unshared_stem(self.storage, super().generate_filename(instance, filename))

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(self.delete_replaced_on_commit, sender=cls)

    def pre_save(self, model_instance, add):
        stored = None if add else self.stored_picture(model_instance)
        stored_name = stored[0] if stored else None
        file = super().pre_save(model_instance, add)  # stores a new file through PictureFieldFile.save()
        checked_name = model_instance.__dict__.get(CHECKED_NAMES, {}).get(self.attname)
        if not file:
            self.set_size(model_instance, None, None)
        elif file.name not in (checked_name, stored_name):
            # A name assigned straight to the field: that file reached the storage without the checks.
            self.check_stored_file(model_instance, file)
        replaced = stored if stored_name and stored_name != file.name else None
        model_instance.__dict__.setdefault(REPLACED_PICTURES, {})[self.attname] = replaced
        return file

    def stored_picture(self, instance):
        """(name, size or None) of the picture the database holds for `instance`, or None for none."""
        if instance.pk is None:
            return None
        columns = [self.attname, *(self.size_fields or ())]
        row = (
            type(instance)
            ._base_manager.using(router.db_for_write(type(instance), instance=instance))
            .filter(pk=instance.pk)
            .values_list(*columns)
            .first()
        )
        if not row or not row[0]:
            return None
        return row[0], (tuple(row[1:]) if len(row) == 3 and all(row[1:]) else None)

    def check_stored_file(self, instance, file):
        try:
            with file.open("rb") as handle:
                checked = check_image(handle)
        except FileNotFoundError:
            raise ValidationError(
                "There is no stored file named %(name)s.", code="missing_file", params={"name": file.name}
            ) from None
        self.set_size(instance, checked.width, checked.height)
        if self.spec:
            make_thumbnails(file, self.spec)

    def delete_replaced_on_commit(self, sender, instance, raw=False, using=None, **kwargs):
        replaced = instance.__dict__.get(REPLACED_PICTURES, {}).pop(self.attname, None)
        if replaced and not raw:
            name, size = replaced
            transaction.on_commit(
                partial(delete_unused_picture, self.storage, name, self.spec, size, using), using=using
            )

    def set_size(self, instance, width, height):
        if self.size_fields:
            setattr(instance, self.size_fields[0], width)
            setattr(instance, self.size_fields[1], height)


def unshared_stem(storage, name):
    """`name`, or an alternative when a stored file has the same stem: thumbnail names leave out the
    original's extension, so qot.jpg and qot.png would otherwise share (and overwrite, and delete) them."""
    path = PurePosixPath(name)
    suffixes = {".jpg", ".jpeg", ".png", ".webp", path.suffix.lower()}
    suffixes |= {suffix.upper() for suffix in suffixes}
    while any(storage.exists(str(path.with_suffix(suffix))) for suffix in suffixes):
        path = path.with_name(storage.get_alternative_name(path.stem, path.suffix))
    return str(path)


def picture_fields():
    """(model, field) for every PictureField in the project."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, PictureField)
    ]


def delete_unused_picture(storage, name, spec, size, using=None):
    """Delete a replaced or cleared original and its thumbnails, unless a record still refers to it (two
    records may share one file, e.g. when one was copied from the other). Thumbnails are kept when another
    original has the same stem (stored before names were kept apart, see unshared_stem)."""
    same_stem = f"{PurePosixPath(name).with_suffix('')}."
    shares_thumbnails = False
    for model, field in picture_fields():
        records = model._base_manager.db_manager(using)
        if records.filter(**{field.attname: name}).exists():
            return
        shares_thumbnails = (
            shares_thumbnails or records.filter(**{f"{field.attname}__startswith": same_stem}).exists()
        )
    thumbnails = [] if shares_thumbnails else stored_thumbnail_names(name, spec, size)
    for stored in [*thumbnails, name]:
        try:
            storage.delete(stored)
        except OSError:
            logger.warning("Could not delete the unused picture file %s", stored, exc_info=True)
