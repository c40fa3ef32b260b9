from django.core.management.base import BaseCommand, CommandError

from portal.dumps.format import DumpError
from portal.dumps.importing import import_dump


class Command(BaseCommand):
    help = (
        "Load a dump written by export_data into a database whose catalogue is empty, keeping its ids, in "
        "one transaction; then rebuild the search index and retire every cached page. No edit history is "
        "recorded for the loaded rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The dump's directory (with its manifest.json).")

    def handle(self, *args, directory, **options):
        try:
            counts, entries = import_dump(directory)
        except DumpError as error:
            raise CommandError(str(error)) from error
        for kind, count in counts.items():
            self.stdout.write(f"  {kind:<24} {count:>10,}")
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Imported {total:,} records; {entries:,} search entries."))
