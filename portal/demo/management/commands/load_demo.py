from django.core.management.base import BaseCommand

from portal.demo.loader import load_demo
from shows.models import Show


class Command(BaseCommand):
    help = (
        "Add the Queen of Tears demo content that is missing. Rows it created before are left as they are, "
        "however staff have edited them, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Load only into a database that has no shows yet."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Show.objects.exists():
            self.stdout.write(
                "The database has content already: the demo is not loaded (run load_demo to add it)."
            )
            return
        report = load_demo()
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
