"""Write the missing thumbnails of every stored picture (--replace rewrites them all, e.g. after the sizes in
portal/pictures/thumbnails.py change).

Each stored file is checked as an upload would be. One that fails (not JPEG, PNG or WebP, too big, damaged,
missing) is reported on stderr, one line per record, and its recorded size is cleared so the pages show the
placeholder instead; the others are thumbnailed all the same, and the command exits with status 1.

--clean-originals also rewrites each good original the way uploads are stored now (upright, without
EXIF/GPS, XMP, comments or trailing bytes), for pictures stored before uploads were re-encoded.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.pictures.checks import check_image, clean_copy
from portal.pictures.fields import picture_fields
from portal.pictures.thumbnails import make_thumbnails


class Command(BaseCommand):
    help = "Write the thumbnails of every poster, photo, still and article image."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="rewrite thumbnails that already exist")
        parser.add_argument(
            "--clean-originals",
            action="store_true",
            help="rewrite each stored original without its metadata (pictures stored before re-encoding)",
        )

    def handle(self, *args, replace=False, clean_originals=False, **options):
        written = failed = 0
        for model, field in picture_fields():
            for obj in model._default_manager.exclude(**{field.name: ""}).order_by("pk"):
                picture = getattr(obj, field.attname)
                try:
                    with picture.open("rb") as handle:
                        checked = check_image(handle)
                        cleaned = clean_copy(handle, checked) if clean_originals else None
                    if cleaned is not None:
                        with picture.storage.open(picture.name, "wb") as stored:
                            stored.write(cleaned.read())
                    written += len(make_thumbnails(picture, field.spec, replace=replace or clean_originals))
                except FileNotFoundError:
                    problem = "the file is missing from the storage"
                except (ValidationError, OSError) as error:
                    problem = " ".join(getattr(error, "messages", [str(error)]))
                else:
                    self.record_size(model, field, obj, (checked.width, checked.height))
                    continue
                failed += 1
                self.record_size(model, field, obj, (None, None))
                self.stderr.write(
                    f"{model._meta.verbose_name} {obj.pk} “{obj}”, {field.name} {picture.name}: {problem}"
                )
        self.stdout.write(f"{written} thumbnail files written.")
        if failed:
            raise CommandError(f"{failed} stored picture(s) could not be used; see the lines above.")

    def record_size(self, model, field, obj, size):
        """Fill in sizes missing from pictures stored before they were recorded, and clear them for a file
        that fails the checks (the pages then show the placeholder)."""
        if field.size_fields and size != tuple(getattr(obj, name) for name in field.size_fields):
            model._default_manager.filter(pk=obj.pk).update(**dict(zip(field.size_fields, size, strict=True)))
