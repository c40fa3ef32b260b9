"""Pictures: uploads checked with Pillow, thumbnails made once when an image is saved, placeholders otherwise.

Every poster, photo, still and article image is a `PictureField`. Whatever saves one (the admin form,
`model.save()` with a file assigned, `record.photo.save(name, file)` in a loader or a script), the file goes
through `PictureFieldFile.save()`: it is checked, re-encoded upright without its metadata (EXIF with GPS, XMP,
comments, text chunks) or any bytes after the image, and stored with its size recorded and the thumbnails the
pages use: WebP plus a fallback in the original's format (JPEG or PNG; a WebP original gets a JPEG
fallback). A refused file raises ValidationError and nothing is stored. Thumbnail names follow from the
original's name and size, so a page builds its `srcset` without touching the storage; a picture whose size
is not recorded never passed the checks and is never linked. A replaced or cleared picture's files are
deleted once the transaction commits, unless another record still uses them.
"""

import colorsys
import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, router, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_save
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow format name → (file extension, MIME type). Only these decoders are ever tried on an upload.
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
UPLOAD_HELP = "JPEG, PNG or WebP; at most 10 MB and 40 megapixels."
THUMBNAIL_DIR = "thumbs"
EXIF_ORIENTATION = 0x0112
# How a checked original is written again; the ICC profile is kept so colours look the same.
REENCODE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {},
    "WEBP": {"quality": 90, "method": 4},
}


@dataclass(frozen=True)
class ThumbnailSpec:
    """The crop (width:height) and the widths, in pixels, generated for one kind of picture."""

    name: str
    ratio: tuple[int, int]
    widths: tuple[int, ...]
    # Horizontal and vertical centre of the crop; faces and titles sit high in portraits and posters.
    centering: tuple[float, float] = (0.5, 0.5)

    def height_for(self, width):
        return round(width * self.ratio[1] / self.ratio[0])


POSTER = ThumbnailSpec("poster", (2, 3), (96, 192, 384, 768), centering=(0.5, 0.4))
PORTRAIT = ThumbnailSpec("portrait", (1, 1), (96, 192, 384), centering=(0.5, 0.35))
STILL = ThumbnailSpec("still", (1, 1), (96, 192, 384), centering=(0.5, 0.4))
ARTICLE = ThumbnailSpec("article", (16, 9), (400, 800, 1200))


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return ACCEPTED_FORMATS[self.format][0]

    @property
    def content_type(self):
        return ACCEPTED_FORMATS[self.format][1]


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def check_image(file):
    """Open an upload with Pillow and refuse anything the portal should not store; returns its format and
    its size as shown (after EXIF rotation). Raises ValidationError with a message for the editor."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; the largest accepted is %(limit)s. Save it smaller and upload it again.",
            code="file_too_large",
            params={"size": megabytes(size), "limit": megabytes(MAX_UPLOAD_BYTES)},
        )
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; make every bomb an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=list(ACCEPTED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise_too_many_pixels(width, height)
            image_format = image.format
            image.verify()
            # verify() misses truncated data; decoding (at reduced scale for JPEG) finds it.
            file.seek(0)
            image = Image.open(file, formats=list(ACCEPTED_FORMATS))
            # EXIF orientations 5-8 turn the picture a quarter: it shows with width and height swapped.
            if image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
            image.draft("RGB", (1600, 1600))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise_too_many_pixels(None, None)
    except UnidentifiedImageError:
        raise ValidationError(
            "Upload a JPEG, PNG or WebP image. This file is none of these, whatever its name says.",
            code="invalid_image_format",
        ) from None
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds of errors for broken files
        raise ValidationError(
            "This image is damaged or incomplete and cannot be read. Export it again and upload that file.",
            code="invalid_image",
        ) from error
    finally:
        file.seek(0)
    return CheckedImage(image_format, width, height)


def clean_copy(file, checked):
    """The checked picture written again by Pillow in its own format, turned upright by its EXIF orientation.
    Only the pixels, the ICC profile and PNG transparency are carried over: no EXIF (so no GPS position), XMP,
    comments or text chunks, and nothing that followed the image's end marker."""
    try:
        file.seek(0)
        with Image.open(file, formats=[checked.format]) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    finally:
        file.seek(0)
    kept = {key: upright.info[key] for key in ("icc_profile", "transparency") if key in upright.info}
    if checked.format != "PNG":
        kept.pop("transparency", None)
    # Some encoders also read the image's own info (a JPEG's comment, for one): leave them nothing there.
    upright.info = {}
    out = io.BytesIO()
    upright.save(out, checked.format, **REENCODE_OPTIONS[checked.format], **kept)
    return ContentFile(out.getvalue())


def raise_too_many_pixels(width, height):
    if width and height:
        message = (
            "This image is %(width)s × %(height)s pixels (%(mp).1f megapixels); the most accepted is %(max)s."
        )
        params = {"width": width, "height": height, "mp": width * height / 1e6}
    else:
        message = "This image has far too many pixels to be opened safely; the most accepted is %(max)s."
        params = {}
    params["max"] = f"{MAX_PIXELS // 1_000_000} megapixels"
    raise ValidationError(message, code="too_many_pixels", params=params)


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
        checked = check_image(content)  # raises ValidationError before anything is stored
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


# Thumbnails


def crop_size(spec, size):
    """The largest box of the spec's ratio inside an image of `size` (width, height)."""
    width, height = size
    crop_width = min(width, height * spec.ratio[0] / spec.ratio[1])
    return int(crop_width), int(crop_width * spec.ratio[1] / spec.ratio[0])


def thumbnail_widths(spec, size):
    """The spec's widths the original is big enough for (never upscaled); a tiny original gets one
    thumbnail at its own width."""
    crop_width = crop_size(spec, size)[0]
    return [w for w in spec.widths if w <= crop_width] or [max(crop_width, 1)]


def fallback_extension(name):
    """The fallback format's extension: the original's, or jpg for a WebP original (which browsers without
    WebP could not show; any transparency is flattened onto white)."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return {"jpeg": "jpg", "jpg": "jpg", "png": "png"}.get(extension, "jpg")


def thumbnail_name(name, width, extension):
    path = PurePosixPath(name)
    return str(PurePosixPath(THUMBNAIL_DIR) / path.parent / f"{path.stem}-{width}w.{extension}")


def thumbnail_set(fieldfile, size):
    """[(width, height, webp url, fallback url)] for a stored picture of the given original size."""
    spec = fieldfile.field.spec
    storage = fieldfile.storage
    fallback = fallback_extension(fieldfile.name)
    return [
        (
            width,
            spec.height_for(width),
            storage.url(thumbnail_name(fieldfile.name, width, "webp")),
            storage.url(thumbnail_name(fieldfile.name, width, fallback)),
        )
        for width in thumbnail_widths(spec, size)
    ]


def make_thumbnails(fieldfile, spec, *, replace=False):
    """Write the WebP and fallback thumbnails of a stored picture; existing ones are kept unless `replace`."""
    storage = fieldfile.storage
    with storage.open(fieldfile.name, "rb") as handle:
        image = Image.open(handle, formats=list(ACCEPTED_FORMATS))
        image.load()
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    fallback = fallback_extension(fieldfile.name)
    widths = thumbnail_widths(spec, image.size)
    largest = max(widths)
    cropped = ImageOps.fit(
        image, (largest, spec.height_for(largest)), Image.Resampling.LANCZOS, centering=spec.centering
    )
    written = []
    for width in widths:
        resized = (
            cropped if width == largest else cropped.resize((width, spec.height_for(width)), Image.LANCZOS)
        )
        for extension in ("webp", fallback):
            name = thumbnail_name(fieldfile.name, width, extension)
            if storage.exists(name):
                if not replace:
                    continue
                storage.delete(name)
            out = io.BytesIO()
            if extension == "webp":
                resized.save(out, "WEBP", quality=80, method=4)
            elif extension == "png":
                resized.save(out, "PNG", optimize=True)
            else:
                flat = resized if resized.mode == "RGB" else flatten(resized)
                flat.save(out, "JPEG", quality=82, optimize=True, progressive=True)
            written.append(storage.save(name, ContentFile(out.getvalue())))
    return written


def flatten(image, background=(255, 255, 255)):
    base = Image.new("RGB", image.size, background)
    base.paste(image, mask=image.getchannel("A"))
    return base


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


def stored_thumbnail_names(name, spec, size):
    """Every thumbnail name a picture may have: its size's widths and all the spec's widths."""
    if spec is None:
        return []
    widths = set(spec.widths) | set(thumbnail_widths(spec, size) if size else ())
    return [
        thumbnail_name(name, width, extension)
        for width in sorted(widths)
        for extension in ("webp", fallback_extension(name))
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


def picture_size(image):
    """The original's (width, height) from the model's size fields, or None when they are blank."""
    fields = image.field.size_fields
    if not fields:
        return None
    width, height = (getattr(image.instance, f) for f in fields)
    return (width, height) if width and height else None


def share_image_url(image):
    """The largest fallback-format thumbnail (link previews do not all read WebP), or '' for no picture or one
    that has not passed the checks (no size recorded)."""
    size = picture_size(image) if image else None
    if size is None:
        return ""
    return thumbnail_set(image, size)[-1][3]


def admin_preview(image, largest=120):
    """(url, width, height) of a small preview for the admin, from the smallest thumbnail; None when the
    picture has not passed the checks (no size recorded), so an unchecked file is never shown."""
    spec = image.field.spec
    size = picture_size(image)
    if size is None or spec is None:
        return None
    width, height, _webp, fallback = thumbnail_set(image, size)[0]
    scale = min(1, largest / max(width, height))
    return fallback, round(width * scale), round(height * scale)


# Placeholders


def initials(name):
    """'Queen of Tears' → 'QT', 'Kim Soo-hyun' → 'KS', '10cm' → '1', '눈물의 여왕' → '눈'."""
    skip = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "with"}
    words = str(name).split()
    significant = [w for w in words if w.lower() not in skip] or words
    if not significant:
        return "?"
    letters = significant[0][0] + (significant[-1][0] if len(significant) > 1 else "")
    return letters.upper()


def placeholder_colour(name):
    """A colour picked by the name (the same name always gets the same one), dark enough for white text."""
    digest = hashlib.sha256(str(name).encode()).digest()
    hue = digest[0] / 255
    red, green, blue = colorsys.hls_to_rgb(hue, 0.30, 0.45)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
