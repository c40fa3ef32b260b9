"""Pictures the image tests upload, and what they find in the storage."""

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(image_format="JPEG", size=(800, 1200), mode="RGB", colour=(180, 40, 90)):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format)
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_header_only(width, height):
    """A PNG that claims a huge size in its header (all a decompression bomb needs to be caught)."""

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def stored_files(media):
    root = Path(media)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


HTML_NAMED_JPG = b"<!doctype html><html><script>alert(document.cookie)</script></html>\n"
