"""Real processes for tests that need them: gunicorn with several workers, a redis-server of the test's own,
and a portal database prepared by manage.py in a subprocess."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "WARNING",
    # Without REDIS_URL the cache is files: each test run has its own folder.
    "CACHE_DIR": tempfile.mkdtemp(prefix="portal-test-cache-"),
}
# A CSRF secret sent as cookie and form field alike, as a browser does.
CSRF_SECRET = "c" * 32
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, stdin=None):
    """Run manage.py with `env` on top of BASE_ENV; returns its stdout."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**BASE_ENV, **env},
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def run_in_portal(env, code):
    """Run Python code inside the portal (manage.py shell) and return what it printed as JSON."""
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def wait_for(url, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


@contextlib.contextmanager
def gunicorn(env, workers=3):
    """gunicorn with the repository's config and `workers` sync workers; yields its base URL."""
    port = free_port()
    server_env = {
        **BASE_ENV,
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESSLOG": "off",
        "GUNICORN_PRELOAD": "0",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "portal.wsgi"],
        env=server_env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz", seconds=30)
        server.log = ""
        yield base
    finally:
        server.terminate()
        try:
            server.log = server.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            server.log = server.communicate()[0]


class RedisServer:
    """A redis-server of the test's own on a free port: start it, shut it down, freeze it, thaw it."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
            + ["--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return self
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def freeze(self):
        """The process stays, answers nothing: connections hang until their timeout."""
        self.process.send_signal(19)  # SIGSTOP

    def thaw(self):
        self.process.send_signal(18)  # SIGCONT


def post_form(url, fields, cookies, timeout=30):
    """POST an urlencoded form with cookies; returns (status, body) without following redirects."""
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    request.add_header("Referer", url)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get(url, cookies=None, timeout=30):
    request = urllib.request.Request(url)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
# Debian's varnish-modules, under the multiarch folder (x86_64-linux-gnu, aarch64-linux-gnu).
XKEY_VMOD = next(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so"), None)
VCL = ROOT / "deploy" / "varnish" / "default.vcl"


@contextlib.contextmanager
def varnish(backend, port, workdir):
    """varnishd in the foreground on `port` with deploy/varnish/default.vcl, its backend pointed at the
    `backend` base URL (e.g. gunicorn()'s); yields its base URL and stops it on exit. `-j none`: no switch
    to the varnish user, who could not write a test's temporary folder."""
    backend_port = urllib.parse.urlsplit(backend).port
    vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    assert f'.port = "{backend_port}";' in vcl, "the VCL's backend port was not found"
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "default.vcl").write_text(vcl)
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(workdir / "run"), "-a", f"127.0.0.1:{port}"]
        + ["-f", str(workdir / "default.vcl"), "-s", "malloc,32m"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("varnishd did not start: " + (workdir / "varnishd.log").read_text())
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
