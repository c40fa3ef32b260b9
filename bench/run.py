"""Benchmark the portal at the size of a real catalogue, against a minimal Django view on the same setup.

    .venv/bin/python bench/run.py [--database-url URL] [--scale 1.0] [--duration 15] [--connections 16]

1. Creates the PostgreSQL database if needed, migrates it, loads the demo content and, unless it is already
   there, the synthetic catalogue (`generate_catalogue --scale`).
2. Runs collectstatic and starts gunicorn with production settings (gunicorn.conf.py) twice: once with
   caching off (CACHE_URL=dummy://) and once with Redis as the cache.
3. Drives each URL of a fixed mix with wrk (bench/report.lua) and prints requests per second, p50/p95/p99
   latency and the ratio to the minimal view, then the memory of each gunicorn worker after the run.
Results are also written to bench/results/latest.json. Needs wrk (apt-get install wrk) and Redis for the
cached run.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            log(f"created database {name}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def pick_urls(env):
    """The page mix: the largest show, the episode with the most comments, the person with the most
    credits, the ceremony with the most nominations, a filter, a search, the news."""
    code = r"""
import json, django
django.setup()
from django.db.models import Count
from awards.models import Ceremony
from people.models import Person
from portal.comments.models import Comment
from shows.models import Episode, Show
show = Show.objects.annotate(n=Count("episodes")).order_by("-n", "pk").first()
top = Comment.objects.exclude(episode=None).values("episode").annotate(n=Count("pk")).order_by("-n").first()
episode = Episode.objects.select_related("show").get(pk=top["episode"]) if top else Episode.objects.first()
credits = Count("castings", distinct=True) + Count("crew_credits", distinct=True)
person = Person.objects.annotate(n=credits).order_by("-n").first()
ceremony = Ceremony.objects.annotate(n=Count("nominations")).order_by("-n").first()
print(json.dumps({
    "minimal": "/bench/minimal/",
    "home": "/",
    "show": show.get_absolute_url(),
    "episode": episode.get_absolute_url(),
    "person": person.get_absolute_url(),
    "ceremony": ceremony.get_absolute_url(),
    "nominations filter": f"/awards/nominations/?ceremony={ceremony.slug}&result=won",
    "search": "/search/?q=kim+soo+hyun",
    "news": "/news/",
}))
"""
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_gunicorn(env, port):
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "-c", "gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start:\n" + server.stderr.read())


def worker_memory_mb(master_pid):
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def drive(base, path, args):
    request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
    for _ in range(args.warmup):
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        base + path,
    ]
    env = {**os.environ, "BENCH_FORWARDED_PROTO": "https"}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def run_mode(mode, env, urls, args):
    port = args.port
    server = start_gunicorn(env, port)
    try:
        results = {}
        for name, path in urls.items():
            results[name] = drive(f"http://127.0.0.1:{port}", path, args)
            r = results[name]
            log(
                f"{mode:8} {name:20} {r['rps']:8.1f} req/s  p50 {r['p50_us'] / 1000:6.1f} ms  "
                f"p95 {r['p95_us'] / 1000:6.1f} ms  p99 {r['p99_us'] / 1000:6.1f} ms  "
                f"errors {r['errors'] + r['non_2xx']}"
            )
        memory = worker_memory_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return {"pages": results, "worker_rss_mb": memory}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--scale", type=float, default=1.0, help="catalogue size (1.0 = the issue's default)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config file)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--modes", default="uncached,cached")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PORTAL_ENV": "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "BEHIND_PROXY": "1",
        "STATIC_ROOT": static_root,
        "BENCHMARK_VIEWS": "1",
        "GUNICORN_ACCESSLOG": "off",
        "LOG_LEVEL": "ERROR",
    }
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    ensure_database(args.database_url)
    log("migrate and load content")
    manage(env, "migrate", "--noinput", "-v0")
    loaded = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from shows.models import Show; "
            "print(Show.objects.filter(slug='queen-of-tears').exists())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if loaded != "True":  # load_demo ends with a full search rebuild: minutes at the large size
        manage(env, "load_demo")
    manage(env, "generate_catalogue", "--scale", str(args.scale))
    manage(env, "collectstatic", "--noinput", "-v0")
    urls = pick_urls(env)
    log("URL mix: " + json.dumps(urls))

    report = {"settings": vars(args), "urls": urls, "modes": {}}
    for mode in args.modes.split(","):
        cache = {
            "uncached": {"CACHE_URL": "dummy://"},
            "cached": {"REDIS_URL": args.redis_url, "CACHE_URL": ""},
        }[mode]
        if mode == "cached":
            import redis

            redis.Redis.from_url(args.redis_url).flushdb()
        report["modes"][mode] = run_mode(mode, {**env, **cache}, urls, args)

    print()
    print(f"{'page':20} {'mode':9} {'req/s':>9} {'vs minimal':>11} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for mode, data in report["modes"].items():
        minimal = data["pages"]["minimal"]["rps"]
        for name, r in data["pages"].items():
            print(
                f"{name:20} {mode:9} {r['rps']:9.1f} {r['rps'] / minimal:10.0%} {r['p50_us'] / 1000:8.1f} "
                f"{r['p95_us'] / 1000:8.1f} {r['p99_us'] / 1000:8.1f}"
            )
        print(f"{'worker RSS (MB)':20} {mode:9} " + ", ".join(f"{m:.0f}" for m in data["worker_rss_mb"]))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2))
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
