"""Running in production: health check, security headers, error pages, logs, settings, gunicorn."""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "PORTAL_ENV": "production",
    "SECRET_KEY": "k" * 20 + "production-test-secret-key-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code], env={**PRODUCTION_ENV, **env}, capture_output=True, text=True, cwd=ROOT
    )


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "down"


def test_security_headers_on_public_and_admin_pages(client):
    page = client.get("/")
    policy = page["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy and "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    )
    assert page["X-Frame-Options"] == "DENY" and page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "strict-origin-when-cross-origin"
    admin = client.get("/admin/login/")
    assert "style-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]


@pytest.mark.urls("tests.urls_errors")
@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/test-errors/500/", 500, "Something went wrong"),
        ("/test-errors/403/", 403, "Not allowed"),
        ("/test-errors/400/", 400, "Bad request"),
        ("/no-such-page/", 404, "Page not found"),
    ],
)
def test_error_pages_are_ours_and_never_leak_internals(client, url, status, text):
    client.raise_request_exception = False
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status and text in html
    for leak in ("Traceback", "secret internals", "tampered", "DEBUG", "settings.py"):
        assert leak not in html


def test_a_bad_host_header_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "Bad request" in response.content.decode()


def test_errors_are_logged_as_json_lines():
    from portal.logging import JsonFormatter

    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/x/",),
            sys.exc_info(),
        )
    record.status_code = 500
    line = JsonFormatter().format(record)
    assert "\n" not in line.strip() or line.count("\n") == line.count("\\n")
    entry = json.loads(line)
    assert (
        entry["level"] == "ERROR" and entry["status_code"] == 500 and "ValueError: boom" in entry["exception"]
    )
    assert entry["message"] == "Internal Server Error: /x/"


def test_deploy_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=PRODUCTION_ENV,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "1"}, "refuses DEBUG on"),
        ({"SECRET_KEY": ""}, "development key is refused"),
        ({"SECRET_KEY": "short"}, "too weak for production"),
        ({"SECRET_KEY": "ab" * 40}, "too weak for production"),  # long, but 2 distinct characters
        ({"SECRET_KEY": "django-insecure-" + "x1y2z3w4v5" * 5}, "too weak for production"),
        ({"SECRET_KEY": "abcdefghij" * 4 + "klmnopqrs"}, "too weak for production"),  # 49 characters
    ],
)
def test_production_refuses_debug_and_the_development_key(env, message):
    result = run_python("import django; django.setup()", **env)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_a_key_of_50_characters_and_5_distinct_ones():
    result = run_python("import django; django.setup(); print('started')", SECRET_KEY="abcde" * 10)
    assert result.returncode == 0 and "started" in result.stdout, result.stderr


def test_cache_is_redis_when_redis_url_is_set_and_shared_files_otherwise():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    redis = run_python(code, REDIS_URL="redis://127.0.0.1:6379/0").stdout.strip()
    assert redis == "portal.caching.backends.ResilientRedisCache"
    assert run_python(code).stdout.strip().endswith("FileBasedCache")


def test_database_connections_are_reused():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    assert run_python(code).stdout.split() == ["60", "True"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_the_portal_with_production_settings(tmp_path):
    """collectstatic with whitenoise's manifest storage, then gunicorn with the repository's config file."""
    port = free_port()
    env = {
        **PRODUCTION_ENV,
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # As behind a TLS-terminating proxy: it forwards X-Forwarded-Proto, so the SSL redirect stays on.
        "BEHIND_PROXY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "portal.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert health.status == 200
        plain = urllib.request.Request(f"http://127.0.0.1:{port}/")
        with pytest.raises(urllib.error.HTTPError) as redirected:
            urllib.request.build_opener(NoRedirect).open(plain, timeout=5)
        assert redirected.value.code == 301 and redirected.value.headers["Location"].startswith("https://")
        home = urllib.request.urlopen(
            urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}),
            timeout=5,
        )
        html = home.read().decode()
        assert f"/static/{hashed_css}" in html  # hashed name from the manifest
        assert home.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        css = urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{port}/static/{hashed_css}", headers={"X-Forwarded-Proto": "https"}
            ),
            timeout=5,
        )
        assert css.status == 200 and "max-age=315360000" in css.headers["Cache-Control"]
        missing_page = urllib.request.Request(
            f"http://127.0.0.1:{port}/no-such-page/", headers={"X-Forwarded-Proto": "https"}
        )
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(missing_page, timeout=5)
        assert missing.value.code == 404 and "Page not found" in missing.value.read().decode()
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert '"path": "/healthz"' in output  # JSON access log on stdout


def test_the_configured_cache_round_trips():
    """In CI's Redis pass this talks to the real Redis; elsewhere to local memory."""
    from django.core.cache import caches

    cache = caches["default"]

    redis = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
    expected = "ResilientRedisCache" if redis else "ResilientFileBasedCache"
    assert type(cache).__name__ == expected
    cache.set("ops-test-key", {"value": 42}, 30)
    assert cache.get("ops-test-key") == {"value": 42}
    cache.delete("ops-test-key")
    assert cache.get("ops-test-key") is None
