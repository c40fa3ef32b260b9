from django.conf import settings
from django.db import migrations

from portal.accounts.usernames import skeleton


def remember_existing(apps, schema_editor):
    """Accounts made before the look-alike rule get their skeleton, so new sign-ups are compared with them."""
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    UsernameSkeleton = apps.get_model("accounts", "UsernameSkeleton")
    UsernameSkeleton.objects.bulk_create(
        [
            UsernameSkeleton(user_id=pk, skeleton=skeleton(name)[:255])
            for pk, name in User.objects.values_list("pk", "username")
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_rate_limits_and_username_skeletons"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(remember_existing, migrations.RunPython.noop)]
