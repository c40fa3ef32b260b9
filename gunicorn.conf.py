"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py portal.wsgi` (or ./tasks.sh prod).

Every value can be overridden from the environment (GUNICORN_*), see the README.
"""

import multiprocessing
import os


def env(name, default):
    """The variable's value, or the default when it is unset or empty (as copied from .env.example)."""
    return os.environ.get(name) or default


bind = env("GUNICORN_BIND", f"0.0.0.0:{env('PORT', '8000')}")
# The usual 2 x cores + 1 sync workers: pages are short database-bound requests.
workers = int(env("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(env("GUNICORN_THREADS", "1"))
timeout = int(env("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(env("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(env("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so memory stays flat over days of traffic.
max_requests = int(env("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(env("GUNICORN_MAX_REQUESTS_JITTER", "500"))
preload_app = env("GUNICORN_PRELOAD", "1") == "1"

# Access and error logs on stdout/stderr for the process manager; access lines as JSON.
accesslog = env("GUNICORN_ACCESSLOG", "-")
if accesslog == "off":  # e.g. for benchmarks: no log line per request
    accesslog = None
errorlog = "-"
loglevel = env("GUNICORN_LOGLEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s, "agent": "%(a)s"}'
)
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", "127.0.0.1")
