from django.core.management.base import BaseCommand

from portal.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the Queen of Tears demo content. Safe to run more than once."

    def handle(self, *args, **options):
        report = load_demo()
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
