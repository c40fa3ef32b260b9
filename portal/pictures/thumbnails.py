"""Thumbnails: the crops and widths each kind of picture is shown in, written once when it is saved.

Each width is written as WebP plus a fallback in the original's format (JPEG or PNG; a WebP original gets a
JPEG fallback). Thumbnail names follow from the original's name and size, so a page builds its `srcset`
without touching the storage; a picture whose size is not recorded never passed the checks and is never
linked.
"""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from portal.pictures.checks import ACCEPTED_FORMATS

THUMBNAIL_DIR = "thumbs"


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
