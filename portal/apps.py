from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from .caching import invalidation as page_cache_signals

        page_cache_signals.connect()
