"""PostgreSQL only: the romanization keys are matched with LIKE '%|…|%', served by a trigram GIN index."""

from django.db import migrations


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_keys_text_visible_from")]

    operations = [
        migrations.RunPython(
            run("CREATE INDEX IF NOT EXISTS search_keys_trgm ON search_searchentry USING gin (keys gin_trgm_ops)"),
            run("DROP INDEX IF EXISTS search_keys_trgm"),
        )
    ]
