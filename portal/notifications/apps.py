from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .services import count_at_log_in

        user_logged_in.connect(count_at_log_in, dispatch_uid="notifications-count-at-log-in")
