"""`.env.example` names every variable that the settings and gunicorn.conf.py read (issue 11: 13 were
missing while the README said it listed them all)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_READERS = {"env_str", "env_bool", "env_list", "env"}


def reads_environment(func):
    """env_str(…) and friends, os.environ.get(…) or os.getenv(…)."""
    if isinstance(func, ast.Name):
        return func.id in SETTINGS_READERS
    if isinstance(func, ast.Attribute):
        owner = ast.unparse(func.value)
        return (func.attr == "get" and owner.endswith("environ")) or (func.attr == "getenv" and owner == "os")
    return False


def variables_read(path):
    """Names passed as a string constant to a reader of the environment, or as os.environ[...]."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and reads_environment(node.func) and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                names.add(argument.value)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            if isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
    return names


def listed_in_env_example():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_lists_every_variable_the_settings_read():
    read = variables_read(ROOT / "portal" / "settings.py") | variables_read(ROOT / "gunicorn.conf.py")
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKERS", "PORT"} <= read  # the parser finds them
    missing = read - listed_in_env_example()
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_env_example_lists_nothing_the_settings_do_not_read():
    read = variables_read(ROOT / "portal" / "settings.py") | variables_read(ROOT / "gunicorn.conf.py")
    assert not listed_in_env_example() - read, "variables in .env.example that nothing reads"


def test_the_portal_and_gunicorn_start_with_env_example_as_the_environment():
    """Every value as copied from .env.example (empty ones included) is accepted."""
    import subprocess
    import sys

    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if re.match(r"[A-Z]", line)
    )
    code = (
        "import runpy, django; django.setup(); from django.conf import settings; "
        "g = runpy.run_path('gunicorn.conf.py'); print(settings.SITE_NAME, g['workers'] > 0, g['bind'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", **values},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Drama", "Portal", "True", "0.0.0.0:8000"]
