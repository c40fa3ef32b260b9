from django.core.management.base import BaseCommand

from portal.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Rewrite the search index from the content. Saving records keeps it current; this is for bulk loads."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Search index rebuilt: {rebuild()} entries.")
