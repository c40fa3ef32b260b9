from django.apps import AppConfig


class FansConfig(AppConfig):
    """What members keep: watchlists, watched episodes, ratings, profiles and their spoiler shield."""

    name = "portal.fans"
    label = "fans"
    verbose_name = "Fans"

    def ready(self):
        from . import slots  # noqa: F401 (registers the fans' personal parts of cached pages)
