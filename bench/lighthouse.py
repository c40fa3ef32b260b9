"""Lighthouse scores of the home, show, episode and person pages, written to docs/quality.md.

    .venv/bin/python bench/lighthouse.py            # or: --port 8799 --runs 3 --keep-reports

What it does, all on this machine:
1. installs Lighthouse from the npm registry into bench/.lighthouse/ (once; the folder ignores itself in git);
2. prepares a throw-away SQLite database with the demo content and runs `collectstatic --noinput`;
3. serves the portal with gunicorn and production settings (PORTAL_ENV=production, DEBUG=0, a random
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1; TLS is the proxy's job in production, so the HTTPS redirect is off
   for this plain-HTTP measurement);
4. runs Lighthouse with Debian's chromium (/usr/bin/chromium, or $CHROME_PATH) on each page, mobile
   emulation with Lighthouse's default simulated throttling, and keeps the median of --runs runs per
   category;
5. writes the four category scores per page, and every audit that cost points, to docs/quality.md.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_HOME = ROOT / "bench" / ".lighthouse"
# Lighthouse 12 runs on the Node.js 20 Debian ships (13 wants Node 22).
LIGHTHOUSE_PACKAGE = "lighthouse@12"
PAGES = [
    ("Home", "/"),
    ("Show", "/shows/queen-of-tears/"),
    ("Episode", "/shows/queen-of-tears/episodes/8/"),
    ("Person", "/people/kim-soo-hyun/"),
]
CATEGORIES = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best practices"),
    ("seo", "SEO"),
]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
TARGET = 95


def install_lighthouse():
    cli = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
        (LIGHTHOUSE_HOME / ".gitignore").write_text("*\n")
        print(f"Installing {LIGHTHOUSE_PACKAGE} into {LIGHTHOUSE_HOME.relative_to(ROOT)}/ …", flush=True)
        npm_install = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_HOME)]
        subprocess.run([*npm_install, LIGHTHOUSE_PACKAGE], check=True)
    package = json.loads((LIGHTHOUSE_HOME / "node_modules" / "lighthouse" / "package.json").read_text())
    return cli, package["version"]


def server_environment(workdir):
    env = dict(os.environ)
    for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL"):
        env.pop(name, None)
    env.update(
        PORTAL_ENV="production",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(env):
    python = sys.executable
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def start_gunicorn(env, port, log):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "portal.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log.name}")
    stop(process)
    raise SystemExit(f"gunicorn did not answer on port {port} within 30 s; see {log.name}")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: gunicorn's master and workers only
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_lighthouse(cli, url, output, chrome_path, attempts=2):
    """One Lighthouse run; a run that fails (chromium now and then fails to start) is tried once more."""
    env = dict(os.environ, CHROME_PATH=chrome_path)
    command = [
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(key for key, _label in CATEGORIES),
    ]
    for attempt in range(1, attempts + 1):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
        if result.returncode == 0:
            return json.loads(Path(output).read_text())
        reason = result.stderr.strip()[-500:]
        print(f"   Lighthouse failed (attempt {attempt}/{attempts}): {reason}", flush=True)
    raise SystemExit(f"Lighthouse failed on {url}")


def lost_points(report):
    """Audits that cost points: (category, title, score) for each failing, weighted audit."""
    found = []
    for key, label in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                found.append((label, audit["title"], round(audit["score"] * 100)))
    return found


def chromium_version(chrome_path):
    result = subprocess.run([chrome_path, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def write_report(path, results, lighthouse_version, chrome_path, runs):
    plural = "s" if runs != 1 else ""
    lines = [
        "# Quality: Lighthouse scores",
        "",
        f"Measured {datetime.date.today().isoformat()} with `bench/lighthouse.py`:",
        f"Lighthouse {lighthouse_version}, {chromium_version(chrome_path)}, headless, mobile emulation with",
        "Lighthouse's default simulated throttling. The pages were served by gunicorn with production",
        "settings (`PORTAL_ENV=production`, `DEBUG=0`, static files collected and served by whitenoise) from",
        "the demo content, over plain HTTP on 127.0.0.1 (TLS is the proxy's job). Each score is the median",
        f"of {runs} run{plural}; the target is at least {TARGET} in every category on every page.",
        "",
        "| page | URL | " + " | ".join(label for _key, label in CATEGORIES) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |",
    ]
    for name, url, scores, _lost in results:
        cells = [
            str(scores[key]) + ("" if scores[key] >= TARGET else " (below target)") for key, _ in CATEGORIES
        ]
        lines.append(f"| {name} | `{url}` | " + " | ".join(cells) + " |")
    lines += ["", "## Audits that cost points", ""]
    for name, _url, _scores, lost in results:
        if lost:
            details = "; ".join(f"{category}: {title} ({score})" for category, title, score in lost)
            lines.append(f"- **{name}**: {details}")
    if not any(lost for *_rest, lost in results):
        lines.append("None: every weighted audit passed on every page.")
    lines += [
        "",
        "Not measured here: performance on a real phone and network (Lighthouse simulates both from a local",
        "run), pages behind a login, and uploaded pictures: the demo ships none, so these pages show the",
        "generated placeholders (inline SVG). With pictures, the posters and photos come as WebP thumbnails",
        "with width, height and srcset, lazily loaded below the fold; with `DEBUG` off Django does not serve",
        "`/media/`, so the proxy in front of gunicorn must.",
        "",
        "Run it again with `.venv/bin/python bench/lighthouse.py` (`--runs 3` for steadier numbers).",
        "",
    ]
    path.write_text("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is kept")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "quality.md")
    parser.add_argument("--keep-reports", action="store_true", help="keep the JSON reports (path printed)")
    args = parser.parse_args()

    chrome_path = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome_path).exists():
        raise SystemExit(f"No chromium at {chrome_path} (apt-get install chromium, or set CHROME_PATH).")
    cli, version = install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    try:
        results = measure(cli, chrome_path, workdir, args.port, args.runs)
    finally:
        if args.keep_reports:
            print(f"JSON reports and the gunicorn log kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_report(args.output, results, version, chrome_path, args.runs)
    print(f"Wrote {args.output}")
    return 0 if all(s >= TARGET for _n, _u, scores, _l in results for s in scores.values()) else 1


def measure(cli, chrome_path, workdir, port, runs_per_page):
    env = server_environment(workdir)
    print(f"Preparing the demo database and static files in {workdir} …", flush=True)
    prepare(env)
    results = []
    with open(workdir / "gunicorn.log", "w") as log:
        server = start_gunicorn(env, port, log)
        try:
            for name, path in PAGES:
                url = f"http://127.0.0.1:{port}{path}"
                runs = []
                for i in range(runs_per_page):
                    print(f"Lighthouse: {name} {url} (run {i + 1}/{runs_per_page})", flush=True)
                    report = workdir / f"{name.lower()}-{i + 1}.json"
                    runs.append(run_lighthouse(cli, url, report, chrome_path))
                scores = {
                    key: round(statistics.median(r["categories"][key]["score"] * 100 for r in runs))
                    for key, _label in CATEGORIES
                }
                results.append((name, path, scores, lost_points(runs[-1])))
                print("   " + ", ".join(f"{label} {scores[key]}" for key, label in CATEGORIES), flush=True)
        finally:
            stop(server)
    return results


if __name__ == "__main__":
    sys.exit(main())
