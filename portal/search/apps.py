from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the index-keeping handlers)

        post_migrate.connect(fill_empty_index, sender=self)
        connection_created.connect(set_typo_tolerance)


# How alike a misspelt name must be (pg_trgm word similarity, 0-1). PostgreSQL's default of 0.6 misses one
# wrong letter in a nine-letter name ("hong hea in"); fuzzy matches always rank below the exact ones.
TYPO_SIMILARITY = 0.5


def set_typo_tolerance(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {TYPO_SIMILARITY}")


def fill_empty_index(using, **kwargs):
    """After migrate: build the index once when there is content but no index yet (an older database)."""
    from shows.models import Show

    from .indexing import rebuild
    from .models import SearchEntry

    if using != "default":
        return  # rebuild() writes through the default connection
    if Show.objects.exists() and not SearchEntry.objects.exists():
        rebuild()
