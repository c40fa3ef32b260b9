"""Reading the demo's data files, which sit beside this module."""

import csv
import tomllib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def read_toml(name):
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


def read_csv(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def prose(text):
    """Trim a TOML multi-line string; paragraphs stay separated by blank lines."""
    return (text or "").strip()
