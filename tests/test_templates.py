"""Template source stays readable: no line as long as a paragraph."""

from pathlib import Path

from django.conf import settings

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
MAX_LENGTH = 160


def test_no_template_line_is_160_characters_or_longer():
    too_long = [
        f"{path.relative_to(TEMPLATES_DIR)}:{number} ({len(line)} characters)"
        for path in sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) >= MAX_LENGTH
    ]
    assert not too_long, f"Template lines of {MAX_LENGTH} characters or more:\n" + "\n".join(too_long)
