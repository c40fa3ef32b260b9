import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Development only: create an 'admin' superuser if none exists and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin is for development (DEBUG on); use createsuperuser in production."
            )
        users = get_user_model().objects
        if users.filter(is_superuser=True, is_active=True).exists():
            self.stdout.write(
                f"Admin: sign in at {url} with your admin account (./tasks.sh admin adds another)."
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(
            f"Admin: sign in at {url} as user 'admin' with password '{password}'.\n"
            "       It is shown only this once; change it in the admin (top right: Change password)."
        )
