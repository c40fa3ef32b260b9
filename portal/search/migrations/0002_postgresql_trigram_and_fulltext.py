"""PostgreSQL only: pg_trgm and the GIN indexes behind typo-tolerant and full-text search.

The expressions match what SearchEntry.objects.matching() sends, so the planner can use them:
`names`/`words` LIKE '%…%' and `names %> query` use the trigram indexes, and
to_tsvector('simple', COALESCE(words, '')) @@ query uses the full-text one. SQLite skips all of it.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_names_trgm ON search_searchentry USING gin (names gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_words_trgm ON search_searchentry USING gin (words gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_words_fts ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(words, '')))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_words_fts",
    "DROP INDEX IF EXISTS search_words_trgm",
    "DROP INDEX IF EXISTS search_names_trgm",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
