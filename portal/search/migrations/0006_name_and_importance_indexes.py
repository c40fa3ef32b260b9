"""Indexes that let a search rank a bounded set of candidates (SearchEntryQuerySet.candidates()): each
entry's first name on its own, for exact lookups, and each kind's entries in importance order."""

from django.db import migrations, models


def fill_names(apps, schema_editor):
    """`name` is the first of the packed names: '|kimsoohyun|soohyunkim|' -> 'kimsoohyun'."""
    table = "search_searchentry"
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {table} SET name = left(split_part(names, '|', 2), 300)")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"UPDATE {table} SET name = substr(substr(names, 2), 1, instr(substr(names, 2), '|') - 1)"
        )
    else:
        SearchEntry = apps.get_model("search", "SearchEntry")
        for entry in SearchEntry.objects.only("pk", "names").iterator(chunk_size=2000):
            SearchEntry.objects.filter(pk=entry.pk).update(name=entry.names.split("|")[1][:300])


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sort_key")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="name",
            field=models.CharField(
                blank=True,
                help_text="The first of the names, compacted: found exactly through an index.",
                max_length=300,
                verbose_name="normalized name",
            ),
        ),
        migrations.RunPython(fill_names, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["name"], name="searchentry_name"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["kind", "-weight", "id"], name="searchentry_kind_importance"),
        ),
    ]
