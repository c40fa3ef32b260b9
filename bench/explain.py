"""Show that search and filter queries use indexes at the large size: EXPLAIN each one on PostgreSQL and
report any sequential scan of a big table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/explain.py

Exits non-zero when a query scans a large table sequentially.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

LARGE_TABLES = {
    "search_searchentry",
    "people_person",
    "people_casting",
    "people_character",
    "people_crewcredit",
    "awards_nomination",
    "shows_episode",
    "shows_song",
    "comments_comment",
    "auth_user",
}


def queries():
    from awards.filters import NominationFilter
    from awards.models import Ceremony, Nomination
    from people.models import Person
    from portal.comments.models import Comment
    from portal.search.models import SearchEntry
    from shows.models import Episode

    ceremony = Ceremony.objects.annotate(n=Count("nominations")).order_by("-n").first()
    person = Person.objects.annotate(n=Count("castings")).order_by("-n").first()
    top = (
        Comment.objects.exclude(episode=None).values("episode").annotate(n=Count("pk")).order_by("-n").first()
    )
    episode = Episode.objects.get(pk=top["episode"])
    yield "search 'kim soo hyun'", SearchEntry.objects.matching("kim soo hyun")[:5]
    yield "search typo 'vincenso'", SearchEntry.objects.matching("vincenso")[:5]
    yield "search 'queen of tears 8'", SearchEntry.objects.matching("queen of tears 8")[:5]
    nominations = NominationFilter(
        {"ceremony": ceremony.slug, "result": "won"}, queryset=Nomination.objects.all()
    )
    yield "nominations by ceremony and result", nominations.qs[:50]
    yield "nominations of a person", Nomination.objects.for_person_page(person)
    yield "a person's castings", person.castings.select_related("character__show").all()
    yield "episode threads, newest first", Comment.objects.threads_for_page(episode, order="newest")[:20]
    yield (
        "episodes aired in April 2024",
        Episode.objects.filter(air_date__range=("2024-04-01", "2024-04-30"))[:50],
    )
    yield "people who directed", Person.objects.filter(crew_credits__role="director").distinct()[:60]


def main():
    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN plans are checked on PostgreSQL: set DATABASE_URL.")
    bad = []
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for name, queryset in queries():
            sql, params = queryset.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scans = set(re.findall(r"Seq Scan on (\w+)", plan)) & LARGE_TABLES
            status = "SEQUENTIAL SCAN of " + ", ".join(sorted(scans)) if scans else "indexes only"
            print(f"\n=== {name}: {status}\n{plan}")
            if scans:
                bad.append(name)
    print("\nSequential scans of large tables in: " + (", ".join(bad) if bad else "none"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
