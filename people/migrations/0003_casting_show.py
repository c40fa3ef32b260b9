import django.db.models.deletion
from django.db import migrations, models


def copy_show_from_character(apps, schema_editor):
    Casting = apps.get_model("people", "Casting")
    for casting in Casting.objects.select_related("character").only("id", "character__show_id").iterator():
        Casting.objects.filter(pk=casting.pk).update(show_id=casting.character.show_id)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_initial"),
        ("shows", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="casting",
            name="show",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="castings",
                to="shows.show",
                verbose_name="show",
            ),
        ),
        migrations.RunPython(copy_show_from_character, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casting",
            name="show",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="castings",
                to="shows.show",
                verbose_name="show",
            ),
        ),
    ]
