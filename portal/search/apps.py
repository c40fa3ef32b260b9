from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the index-keeping handlers)

        post_migrate.connect(fill_empty_index, sender=self)


def fill_empty_index(using, **kwargs):
    """After migrate: build the index once when there is content but no index yet (an older database)."""
    from shows.models import Show

    from .indexing import rebuild
    from .models import SearchEntry

    if Show.objects.using(using).exists() and not SearchEntry.objects.using(using).exists():
        rebuild()
