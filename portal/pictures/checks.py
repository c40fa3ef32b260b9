"""Checks on an uploaded picture, and the clean copy of it that is stored.

An upload is opened with Pillow's JPEG, PNG and WebP decoders only and refused (ValidationError, with a
message for the editor) when it is too big, has too many pixels, or is damaged. What passes is written again
upright without its metadata (EXIF with GPS, XMP, comments, text chunks) or any bytes after the image.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow format name → (file extension, MIME type). Only these decoders are ever tried on an upload.
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
UPLOAD_HELP = "JPEG, PNG or WebP; at most 10 MB and 40 megapixels."
EXIF_ORIENTATION = 0x0112
# How a checked original is written again; the ICC profile is kept so colours look the same.
REENCODE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {},
    "WEBP": {"quality": 90, "method": 4},
}


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
            # A multi-picture JPEG (many phone cameras) opens as "MPO"; its first picture is a plain JPEG,
            # which is what gets stored.
            image_format = "JPEG" if image.format == "MPO" else image.format
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
