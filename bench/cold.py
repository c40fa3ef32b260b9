"""Time cold (uncached) page renders in-process, one request at a time, without a server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_dev .venv/bin/python bench/cold.py [-n 30]
    ... bench/cold.py --profile show        # cProfile top 25 by cumulative time for one page

Uses the pages of bench/run.py's pick_urls() (less the minimal view, the home page and search), production
settings with caching off (CACHE_URL=dummy://), and django.test.Client. Prints each page's median and
fastest time, its median CPU time in this process, and its HTML size, after a warm-up.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from run import pick_urls  # noqa: E402

PAGES = ["show", "episode", "person", "ceremony", "nominations filter", "news"]


def configure():
    """The environment bench/run.py gives gunicorn in its uncached mode."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "PORTAL_ENV": "production",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": os.environ.get(
                "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/catalogue_dev"
            ),
            "BEHIND_PROXY": "1",
            "STATIC_ROOT": os.environ.get("STATIC_ROOT") or tempfile.mkdtemp(prefix="bench-static-"),
            "CACHE_URL": "dummy://",
            "LOG_LEVEL": "ERROR",
        }
    )


def fetch(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--repeat", type=int, default=30, help="timed renders per page")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--profile", metavar="PAGE", choices=PAGES, help="profile this page instead")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile")
    args = parser.parse_args()

    configure()
    urls = {name: path for name, path in pick_urls(dict(os.environ)).items() if name in PAGES}

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    # The manifest storage of production needs collected files to name them.
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(headers={"X-Forwarded-Proto": "https"})

    if args.profile:
        path = urls[args.profile]
        for _ in range(args.warmup):
            fetch(client, path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            fetch(client, path)
        profile.disable()
        print(f"{args.profile}: {path}, {args.repeat} renders")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
        return

    # Wall time includes the database's; CPU time is this process's alone, steadier on a busy machine.
    print(f"{'page':20} {'median ms':>10} {'min ms':>8} {'CPU ms':>8} {'KB':>7}  path")
    for name in PAGES:
        path = urls[name]
        for _ in range(args.warmup):
            fetch(client, path)
        times, cpu_times = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = fetch(client, path)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - start_cpu) * 1000)
        size = len(response.content) / 1024
        print(
            f"{name:20} {statistics.median(times):10.1f} {min(times):8.1f} "
            f"{statistics.median(cpu_times):8.1f} {size:7.0f}  {path}"
        )


if __name__ == "__main__":
    main()
