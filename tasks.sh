#!/usr/bin/env bash
# The project's one task runner: the README, .ci/run and developers all call it.
#   ./tasks.sh serve   install, migrate, load the demo content into an empty database, serve on http://127.0.0.1:8000
#   ./tasks.sh test    install what tests need and run the whole suite (extra args go to pytest)
#   ./tasks.sh lint    ruff check and format check; no model change without its migration
#   ./tasks.sh admin   create an admin account for /admin/
#   ./tasks.sh prod    production start: collectstatic, migrate, gunicorn (needs PORTAL_ENV=production etc.)
set -euo pipefail
cd "$(dirname "$0")"

VENV="${VENV:-.venv}"
PY="$VENV/bin/python"

ensure_env() {
  local extra="$1" stamp="$VENV/.installed-$1"
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV" || { echo "Could not create a virtualenv: install Python 3.11+ with venv (Debian: apt-get install python3-venv)." >&2; exit 1; }
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$PY" -m pip install --quiet --upgrade pip
    if [ "$extra" = "runtime" ]; then
      "$PY" -m pip install --quiet -e .
    else
      "$PY" -m pip install --quiet -e ".[$extra]"
    fi
    touch "$stamp"
  fi
}

cmd="${1:-help}"
shift || true
case "$cmd" in
  serve)
    ensure_env runtime
    "$PY" manage.py migrate --noinput
    # Only into an empty database: an editor's work is never touched (load_demo adds the demo on request).
    "$PY" manage.py load_demo --if-empty
    echo
    "$PY" manage.py ensure_dev_admin
    echo "The portal is starting on http://127.0.0.1:8000/"
    echo
    exec "$PY" manage.py runserver 127.0.0.1:8000 "$@"
    ;;
  test)
    ensure_env dev
    exec "$PY" -m pytest "$@"
    ;;
  lint)
    ensure_env dev
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    # Every model change has its migration.
    "$PY" manage.py makemigrations --check --dry-run
    ;;
  prod)
    ensure_env runtime
    "$PY" manage.py collectstatic --noinput
    "$PY" manage.py migrate --noinput
    exec "$VENV/bin/gunicorn" -c gunicorn.conf.py portal.wsgi "$@"
    ;;
  admin)
    ensure_env runtime
    "$PY" manage.py migrate --noinput
    exec "$PY" manage.py createsuperuser "$@"
    ;;
  *)
    sed -n '2,8p' "$0"
    ;;
esac
