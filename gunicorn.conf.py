"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py portal.wsgi` (or ./tasks.sh prod).

Every value can be overridden from the environment (GUNICORN_*), see the README.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# The usual 2 x cores + 1 sync workers: pages are short database-bound requests.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so memory stays flat over days of traffic.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"

# Access and error logs on stdout/stderr for the process manager; access lines as JSON.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
if accesslog == "off":  # e.g. for benchmarks: no log line per request
    accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s, "agent": "%(a)s"}'
)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
