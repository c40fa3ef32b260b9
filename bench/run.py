"""Benchmark the portal at the size of a real catalogue, against a minimal Django view on the same setup.

    .venv/bin/python bench/run.py [--database-url URL] [--scale 1.0] [--duration 15] [--connections 16]
                                  [--modes visitor,member,cold,edits] [--pages show,search] [--varnish]

1. Creates the PostgreSQL database if needed, migrates it, loads the demo content and, unless it is already
   there, the synthetic catalogue (`generate_catalogue --scale`); makes sure the benchmark member exists.
2. Runs collectstatic and starts gunicorn with production settings (gunicorn.conf.py) once per server
   configuration, and in each measures the minimal view (/bench/minimal/) and then the modes it serves:
   - "uncached" (CACHE_URL=dummy://): `cold`, every page rendered, plus each page's median time one request
     at a time (--sequential requests after the warm-up);
   - "redis" (Redis db --redis-url, flushed at the start): `visitor`, anonymous; `member`, the same URLs with
     a logged-in member's session cookie; `edits`, anonymous while a `manage.py shell` loop saves one random
     show a second (each save renews the tags of that show, its parents and `list:show`);
   - "varnish" (with --varnish): the anonymous mix through varnishd and deploy/varnish/default.vcl, in front
     of gunicorn with Redis.
3. Drives each URL with wrk (bench/report.lua): requests per second, p50/p95/p99 latency, the share of
   X-Cache: HIT among responses that carry the header, and the ratio to the minimal view of the same
   configuration; then the memory of each gunicorn worker.
Prints a detailed table and markdown tables for docs/performance.md, and writes everything to
bench/results/latest.json. Needs wrk (apt-get install wrk) and Redis; varnishd for --varnish.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VCL = ROOT / "deploy" / "varnish" / "default.vcl"

# A member account in the benchmark database; its password is known so anyone can log in by hand.
MEMBER_USERNAME = "bench-member"
MEMBER_PASSWORD = "bench-member-password-1"

# Which server configuration serves each mode; every mode's ratio is to that configuration's minimal view.
MODE_CONFIGURATION = {
    "cold": "uncached",
    "visitor": "redis",
    "member": "redis",
    "edits": "redis",
    "varnish": "varnish",
}
MODE_TITLES = {
    "cold": "cold (no cache)",
    "visitor": "visitor (Redis)",
    "member": "member",
    "edits": "visitor, 1 show save/s",
    "varnish": "visitor via Varnish",
}


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


def shell_output(env, code):
    """The last line `manage.py shell -c code` prints."""
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


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


def member_session(env):
    """Create the benchmark member if missing and a logged-in session for it: (cookie name, session key)."""
    code = f"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
User = get_user_model()
user = User.objects.filter(username={MEMBER_USERNAME!r}).first()
if user is None:
    user = User.objects.create_user({MEMBER_USERNAME!r}, "bench-member@example.com", {MEMBER_PASSWORD!r})
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = user._meta.pk.value_to_string(user)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps([settings.SESSION_COOKIE_NAME, session.session_key]))
"""
    return json.loads(shell_output(env, code))


SAVER = r"""
import random, sys, time
from shows.models import Show
pks = list(Show.objects.values_list("pk", flat=True))
rng = random.Random(1)
while True:
    started = time.monotonic()
    show = Show.objects.get(pk=rng.choice(pks))
    show.save()  # nothing changed: the save alone renews the pages' token, as a real edit would
    print("saved", show.pk, flush=True)
    time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
"""


def start_saver(env):
    return subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-v0", "-c", SAVER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def stop_saver(saver):
    """Stop the save loop; the number of saves it made."""
    alive = saver.poll() is None
    if alive:
        os.killpg(saver.pid, signal.SIGTERM)
    out, err = saver.communicate(timeout=30)
    if not alive and saver.returncode:
        raise SystemExit("the save loop failed:\n" + err)
    return sum(1 for line in out.splitlines() if line.startswith("saved "))


def wait_for(url, process, what):
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.errors.seek(0)
    errors = process.errors.read()
    stop(process)
    raise SystemExit(f"{what} did not start:\n" + errors)


def start_server(command, **kwargs):
    """A server in its own process group; its stderr goes to a file (a pipe nobody reads could fill up)."""
    errors = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=errors, text=True, start_new_session=True, **kwargs
    )
    process.errors = errors
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    process.errors.close()


def start_gunicorn(env, port):
    server = start_server(
        [str(Path(PYTHON).with_name("gunicorn")), "-c", "gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
    )
    wait_for(f"http://127.0.0.1:{port}/healthz", server, "gunicorn")
    return server


def start_varnish(backend_port, port, workdir):
    """varnishd in the foreground with deploy/varnish/default.vcl, its backend port 8000 pointed at ours."""
    vcl = VCL.read_text()
    pointed, count = re.subn(r'(\.port\s*=\s*")8000(")', rf"\g<1>{backend_port}\g<2>", vcl)
    if not count:
        raise SystemExit(f"{VCL} has no backend on port 8000 to point at gunicorn")
    vcl_path = Path(workdir) / "bench.vcl"
    vcl_path.write_text(pointed)
    command = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl_path), "-n", str(workdir)]
    command += ["-s", "malloc,256m"]
    if os.geteuid() == 0:
        command += ["-j", "none"]  # no privilege separation: the work directory is ours
    proxy = start_server(command)
    wait_for(f"http://127.0.0.1:{port}/healthz", proxy, "varnishd")
    return proxy


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


def get(url, headers):
    """One GET: (seconds, response headers)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **headers})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return time.perf_counter() - started, response.headers


def warm_up(url, args, headers):
    for _ in range(args.warmup):
        get(url, headers)


def sequential_ms(url, args, headers):
    """Median and fastest time of --sequential requests one at a time (after the warm-up), in ms."""
    times = [get(url, headers)[0] * 1000 for _ in range(args.sequential)]
    return {"median": statistics.median(times), "min": min(times), "n": len(times)}


def wrk(url, args, headers, cache_header="X-Cache"):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(ROOT / "bench" / "report.lua"), url]
    env = {**os.environ, "BENCH_FORWARDED_PROTO": "https", "BENCH_CACHE_HEADER": cache_header}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    counted = result["cache_hits"] + result["cache_misses"]
    result["hit_rate"] = result["cache_hits"] / counted if counted else None
    return result


def log_result(mode, name, r):
    hit_rate = "" if r["hit_rate"] is None else f"  HIT {r['hit_rate']:4.0%}"
    log(
        f"{mode:8} {name:20} {r['rps']:8.1f} req/s  p50 {r['p50_us'] / 1000:6.1f} ms  "
        f"p95 {r['p95_us'] / 1000:6.1f} ms  p99 {r['p99_us'] / 1000:6.1f} ms  "
        f"errors {r['errors'] + r['non_2xx']}{hit_rate}"
    )


def run_configuration(configuration, env, modes, urls, args):
    """Start gunicorn (and Varnish) for one configuration; measure its minimal view, then its modes."""
    server = start_gunicorn(env, args.port)
    proxy = workdir = None
    # Other work on the machine skews every figure: note how busy it was when this configuration started.
    results = {"minimal": None, "modes": {}, "sequential_ms": {}, "load_average": os.getloadavg()[0]}
    try:
        base = f"http://127.0.0.1:{args.port}"
        if configuration == "varnish":
            workdir = tempfile.mkdtemp(prefix="bench-varnish-")
            proxy = start_varnish(args.port, args.varnish_port, workdir)
            base = f"http://127.0.0.1:{args.varnish_port}"
        pages = {name: path for name, path in urls.items() if name != "minimal"}
        # Behind Varnish, the hit rate that matters is Varnish's own.
        cache_header = "X-Varnish-Cache" if configuration == "varnish" else "X-Cache"

        warm_up(base + urls["minimal"], args, {})
        results["minimal"] = wrk(base + urls["minimal"], args, {})
        log_result(configuration, "minimal", results["minimal"])

        for mode in modes:
            headers = {"Cookie": member_cookie_header(env, base)} if mode == "member" else {}
            saver = start_saver(env) if mode == "edits" else None
            started = time.monotonic()
            try:
                measured = {}
                for name, path in pages.items():
                    warm_up(base + path, args, headers)
                    if mode == "cold":
                        results["sequential_ms"][name] = sequential_ms(base + path, args, headers)
                    measured[name] = wrk(base + path, args, headers, cache_header)
                    log_result(mode, name, measured[name])
            finally:
                if saver:
                    saves = stop_saver(saver)
            results["modes"][mode] = measured
            if saver:
                seconds = time.monotonic() - started
                results["saves"] = {"count": saves, "seconds": seconds}
                log(f"edits: {saves} show saves in {seconds:.0f} s")
        results["worker_rss_mb"] = worker_memory_mb(server.pid)
    finally:
        if proxy:
            stop(proxy)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        stop(server)
    return results


def member_cookie_header(env, base):
    """`Cookie:` for a logged-in member: the session, plus the CSRF cookie a browser would have kept."""
    cookie_name, session_key = member_session(env)
    cookies = {cookie_name: session_key}
    request = urllib.request.Request(
        base + "/", headers={"X-Forwarded-Proto": "https", "Cookie": f"{cookie_name}={session_key}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            cookies.setdefault(name.strip(), value.strip())
    if "Log out" not in body:
        raise SystemExit(f"the member session {session_key} is not logged in on {base}/")
    log(f"member {MEMBER_USERNAME} (password {MEMBER_PASSWORD}) logged in, cookies: {', '.join(cookies)}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def ratio(r, minimal):
    return r["rps"] / minimal["rps"] if minimal and minimal["rps"] else None


def collect(report):
    """Per mode, per page: the measurement with its ratio to the minimal view of its configuration."""
    table = {}
    for configuration, data in report["configurations"].items():
        table.setdefault("minimal", {})[configuration] = data["minimal"]
        for mode, pages in data["modes"].items():
            for r in pages.values():
                r["vs_minimal"] = ratio(r, data["minimal"])
            table[mode] = pages
        data["minimal"]["vs_minimal"] = 1.0
    return table


def ms(us):
    return f"{us / 1000:,.1f} ms"


def rps(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def percent(value):
    if value is None:
        return "–"
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def print_details(report):
    print()
    print(
        f"{'page':20} {'mode':9} {'req/s':>9} {'vs minimal':>11} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'HIT':>5} {'errors':>7}"
    )
    for configuration, data in report["configurations"].items():
        rows = [("minimal", configuration, data["minimal"])]
        rows += [(name, mode, r) for mode, pages in data["modes"].items() for name, r in pages.items()]
        for name, mode, r in rows:
            print(
                f"{name:20} {mode:9} {r['rps']:9.1f} {r['vs_minimal']:10.1%} {r['p50_us'] / 1000:8.1f} "
                f"{r['p95_us'] / 1000:8.1f} {r['p99_us'] / 1000:8.1f} {percent(r['hit_rate']):>5} "
                f"{r['errors'] + r['non_2xx']:7}"
            )
        for name, s in data["sequential_ms"].items():
            print(f"{name:20} {'1-by-1':9} median {s['median']:.1f} ms, fastest {s['min']:.1f} ms")
        rss = ", ".join(f"{m:.0f}" for m in data["worker_rss_mb"])
        print(f"{'worker RSS (MB)':20} {configuration:9} {rss}")
        print(f"{'load average before':20} {configuration:9} {data['load_average']:.2f}")


def print_markdown(report):
    """Tables for docs/performance.md: throughput with its ratio per mode, then latency."""
    modes = [mode for mode in MODE_CONFIGURATION if mode in report["table"]]
    minimal = report["table"]["minimal"]
    urls = report["urls"]
    sequential = report["configurations"].get("uncached", {}).get("sequential_ms", {})

    columns = ["page", "URL"]
    for mode in modes:
        columns += [f"{MODE_TITLES[mode]} req/s", "% of minimal"]
        if mode == "member":
            columns.append("member p99")
        if mode == "edits":
            columns.append("HIT rate")
        if mode == "cold":
            columns.append("cold, 1 at a time")
    print()
    print("| " + " | ".join(columns) + " |")
    print("| --- | --- |" + " ---: |" * (len(columns) - 2))
    for name, path in urls.items():
        cells = ["minimal view" if name == "minimal" else name, path]
        for mode in modes:
            r = minimal[MODE_CONFIGURATION[mode]] if name == "minimal" else report["table"][mode][name]
            cells += [rps(r["rps"]), percent(r["vs_minimal"])]
            if mode == "member":
                cells.append("–" if name == "minimal" else ms(r["p99_us"]))
            if mode == "edits":
                cells.append("–" if name == "minimal" else percent(r["hit_rate"]))
            if mode == "cold":
                cells.append(f"{sequential[name]['median']:,.1f} ms" if name in sequential else "–")
        print("| " + " | ".join(cells) + " |")

    print()
    print("| page | mode | p50 | p95 | p99 |")
    print("| --- | --- | ---: | ---: | ---: |")
    rows = [("minimal view", configuration, r) for configuration, r in minimal.items()]
    pages = [name for name in urls if name != "minimal"]
    rows += [(name, mode, report["table"][mode][name]) for name in pages for mode in modes]
    for name, mode, r in rows:
        print(f"| {name} | {mode} | {ms(r['p50_us'])} | {ms(r['p95_us'])} | {ms(r['p99_us'])} |")

    print()
    for configuration, data in report["configurations"].items():
        sizes = data["worker_rss_mb"]
        print(f"- worker RSS after the {configuration} run: {min(sizes):.0f}–{max(sizes):.0f} MB")
    if "saves" in report["configurations"].get("redis", {}):
        saves = report["configurations"]["redis"]["saves"]
        print(f"- edits: {saves['count']} show saves in {saves['seconds']:.0f} s")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14", help="flushed at the start")
    parser.add_argument("--scale", type=float, default=1.0, help="catalogue size (1.0 = the issue's default)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per URL and mode")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config file)")
    parser.add_argument("--warmup", type=int, default=20, help="requests before measuring each URL")
    parser.add_argument("--sequential", type=int, default=20, help="one-at-a-time cold requests per page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--varnish-port", type=int, default=8766)
    parser.add_argument(
        "--modes", default="visitor,member,cold,edits", help="any of: " + ", ".join(MODE_CONFIGURATION)
    )
    parser.add_argument("--pages", default="", help="only these pages of the mix, e.g. show,search")
    parser.add_argument("--varnish", action="store_true", help="also the visitor mix through Varnish")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    modes = [mode for mode in args.modes.split(",") if mode]
    unknown = set(modes) - set(MODE_CONFIGURATION)
    if unknown:
        raise SystemExit(f"unknown modes: {', '.join(sorted(unknown))}")
    if args.varnish and "varnish" not in modes:
        modes.append("varnish")
    if "varnish" in modes and not (shutil.which("varnishd") and VCL.exists()):
        log(f"no varnishd or no {VCL.relative_to(ROOT)}: skipping the varnish mode")
        modes.remove("varnish")

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
    cache_env = {
        "uncached": {"CACHE_URL": "dummy://"},
        "redis": {"REDIS_URL": args.redis_url, "CACHE_URL": ""},
        "varnish": {
            "REDIS_URL": args.redis_url,
            "CACHE_URL": "",
            "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{args.varnish_port}",
        },
    }
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
    if args.pages:
        wanted = {"minimal", *args.pages.split(",")}
        if wanted - set(urls):
            raise SystemExit(f"unknown pages: {', '.join(sorted(wanted - set(urls)))}")
        urls = {name: path for name, path in urls.items() if name in wanted}
    log("URL mix: " + json.dumps(urls))

    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    report = {"settings": vars(args), "urls": urls, "configurations": {}}
    for configuration in ("uncached", "redis", "varnish"):
        served = [mode for mode in MODE_CONFIGURATION if mode in modes]
        served = [mode for mode in served if MODE_CONFIGURATION[mode] == configuration]
        if served:
            log(f"configuration {configuration}: minimal, {', '.join(served)}")
            report["configurations"][configuration] = run_configuration(
                configuration, {**env, **cache_env[configuration]}, served, urls, args
            )
    report["table"] = collect(report)

    print_details(report)
    print_markdown(report)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2))
    log(f"results in {(out / 'latest.json').relative_to(ROOT)}")
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
