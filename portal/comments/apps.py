from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "portal.comments"
    label = "comments"
    verbose_name = "Discussions"
