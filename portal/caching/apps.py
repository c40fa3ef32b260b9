from django.apps import AppConfig


class CachingConfig(AppConfig):
    """Page caching (no models): listed in INSTALLED_APPS for its `personal_tags` template library."""

    name = "portal.caching"
    label = "caching"
    verbose_name = "Page cache"
