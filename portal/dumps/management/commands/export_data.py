from django.core.management.base import BaseCommand, CommandError

from portal.dumps.exporting import export_dump
from portal.dumps.format import DumpError


class Command(BaseCommand):
    help = (
        "Write every public record of the catalogue to DIRECTORY as JSON Lines, one file per kind, with a "
        "manifest of counts and the schema version (see portal/dumps/format.py). Pictures' files are not "
        "included, only their names."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the dump; must be empty or not exist yet.")
        parser.add_argument("--force", action="store_true", help="Write into a directory that is not empty.")

    def handle(self, *args, directory, force, **options):
        try:
            manifest = export_dump(directory, force=force)
        except DumpError as error:
            raise CommandError(str(error)) from error
        for kind, entry in manifest["kinds"].items():
            self.stdout.write(f"  {kind:<24} {entry['count']:>10,}")
        total = sum(entry["count"] for entry in manifest["kinds"].values())
        self.stdout.write(self.style.SUCCESS(f"Exported {total:,} records to {directory}."))
