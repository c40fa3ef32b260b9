"""Write the missing thumbnails of every stored picture (--replace rewrites them all, e.g. after the sizes in
portal/images.py change)."""

from django.core.management.base import BaseCommand

from people.models import Character, Person
from portal.images import PictureField, check_image, make_thumbnails
from portal.news.models import Article
from shows.models import Show


class Command(BaseCommand):
    help = "Write the thumbnails of every poster, photo, still and article image."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="rewrite thumbnails that already exist")

    def handle(self, *args, replace=False, **options):
        written = 0
        for model in (Show, Person, Character, Article):
            fields = [f for f in model._meta.get_fields() if isinstance(f, PictureField)]
            for field in fields:
                for obj in model.objects.exclude(**{field.name: ""}).order_by("pk"):
                    picture = getattr(obj, field.name)
                    with picture.open("rb") as handle:
                        checked = check_image(handle)
                    # Fill in sizes missing from pictures stored before they were recorded.
                    if field.size_fields and (checked.width, checked.height) != tuple(
                        getattr(obj, name) for name in field.size_fields
                    ):
                        field.set_size(obj, checked.width, checked.height)
                        model.objects.filter(pk=obj.pk).update(
                            **{name: getattr(obj, name) for name in field.size_fields}
                        )
                    written += len(make_thumbnails(picture, field.spec, replace=replace))
        self.stdout.write(f"{written} thumbnail files written.")
