"""Pictures: uploads checked with Pillow, thumbnails made once when an image is saved, placeholders otherwise.

Every poster, photo, still and article image is a `PictureField`. Whatever saves one (the admin, a loader,
a script), the field checks the file, records its size and writes the thumbnails the pages use: WebP plus a
fallback in the original's format (JPEG or PNG; a WebP original gets a JPEG fallback). Thumbnail names
follow from the original's name and size, so a page builds its `srcset` without touching the storage.
"""

import colorsys
import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
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


class PictureField(models.ImageField):
    """An ImageField that checks uploads, records the oriented size in two integer fields of the model and
    writes the thumbnails of `spec` when a new file is saved.

    The size fields must be declared after this field: Django saves fields in declaration order, and this
    field fills them in while it is saved.
    """

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

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        is_new = bool(file) and not file._committed
        if is_new:
            checked = getattr(file.file, "checked_image", None) or check_image(file.file)
            if not PurePosixPath(file.name).suffix.lower().endswith(checked.extension):
                file.name = f"{PurePosixPath(file.name).stem}.{checked.extension}"
            self.set_size(model_instance, checked.width, checked.height)
        elif not file:
            self.set_size(model_instance, None, None)
        file = super().pre_save(model_instance, add)
        if is_new and self.spec:
            make_thumbnails(file, self.spec)
        return file

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


def picture_size(image):
    """The original's (width, height) from the model's size fields, or None when they are blank."""
    fields = image.field.size_fields
    if not fields:
        return None
    width, height = (getattr(image.instance, f) for f in fields)
    return (width, height) if width and height else None


def share_image_url(image):
    """The largest fallback-format thumbnail (link previews do not all read WebP), or the original."""
    if not image:
        return ""
    size = picture_size(image)
    if size is None:
        return image.url
    return thumbnail_set(image, size)[-1][3]


def admin_preview(image, largest=120):
    """(url, width, height) of a small preview for the admin: the smallest thumbnail, or the original
    `largest` pixels wide (height left to the browser) when its thumbnails are not known."""
    spec = image.field.spec
    size = picture_size(image)
    if size is None or spec is None:
        return image.url, largest, None
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
