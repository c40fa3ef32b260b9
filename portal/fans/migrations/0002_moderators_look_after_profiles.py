"""Moderators may also hide a profile's text and a member's ratings (fan profiles and ratings)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("fans", "view_fanprofile"),
    ("fans", "change_fanprofile"),
    ("fans", "view_episoderating"),
    ("fans", "change_episoderating"),
    ("fans", "view_showrating"),
    ("fans", "change_showrating"),
]


def grant(apps, schema_editor):
    config = apps.get_app_config("fans")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="moderators")
    group.permissions.add(
        *[Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in PERMISSIONS]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="moderators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="fans", codename__in=[c for _, c in PERMISSIONS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("fans", "0001_initial"),
        ("comments", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
