from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "portal.comments"
    label = "comments"
    verbose_name = "Discussions"

    def ready(self):
        from . import authors, slots  # noqa: F401 (slots registers the discussion's personal parts)

        authors.connect()
