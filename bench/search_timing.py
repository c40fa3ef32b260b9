"""Time the search page's SQL at the large size: the median over 5 runs of each query kind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_dev .venv/bin/python bench/search_timing.py

For each query it prints the SQL milliseconds and the number of statements of the results page (the view
called directly, past the page cache), the page's total milliseconds, and the SQL milliseconds of
SearchEntry.objects.matching(q) used the way the page uses it, which also covers queries the page's form
refuses ("a").

    --explain QUERY   prints the EXPLAIN ANALYZE of that query's groups instead.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from portal.search.models import SearchEntry  # noqa: E402
from portal.search.views import GROUP_SIZE, SearchView  # noqa: E402

QUERIES = ["kim", "a", "qu", "kim soo hyun", "vincenso", "queen of tears 8"]
RUNS = 5


class SqlTimer:
    """An execute wrapper adding up the time spent in the database."""

    def __init__(self):
        self.seconds, self.statements = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.statements += 1


def timed(work):
    """(SQL ms, statements, total ms) of one call of `work`."""
    timer = SqlTimer()
    start = time.perf_counter()
    with connection.execute_wrapper(timer):
        work()
    return timer.seconds * 1000, timer.statements, (time.perf_counter() - start) * 1000


def page(query, kind=""):
    request = RequestFactory().get("/search/", {"q": query, **({"kind": kind} if kind else {})})
    request.user = AnonymousUser()
    SearchView.as_view()(request).render()


def matching(query):
    list(SearchEntry.objects.matching(query).top_per_kind(GROUP_SIZE))


def median(work):
    work()  # warm the caches once
    runs = [timed(work) for _ in range(RUNS)]
    return [statistics.median(run[i] for run in runs) for i in range(3)]


def explain(query):
    sql, params = SearchEntry.objects.matching(query).top_per_kind(GROUP_SIZE).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))


def main():
    if sys.argv[1:2] == ["--explain"]:
        return explain(" ".join(sys.argv[2:]))
    print(f"{SearchEntry.objects.count():,} search entries on {connection.vendor}; median of {RUNS} runs\n")
    print(f"{'query':<20} {'page SQL ms':>11} {'stmts':>5} {'page ms':>8} {'matching() SQL ms':>17}")
    for query in QUERIES:
        sql_ms, statements, total_ms = median(lambda q=query: page(q))
        matching_ms = median(lambda q=query: matching(q))[0]
        print(f"{query:<20} {sql_ms:>11.1f} {statements:>5.0f} {total_ms:>8.1f} {matching_ms:>17.1f}")
    sql_ms, statements, total_ms = median(lambda: page("kim", "person"))
    print(f"{'kim (people only)':<20} {sql_ms:>11.1f} {statements:>5.0f} {total_ms:>8.1f}")


if __name__ == "__main__":
    main()
