"""The words the generator draws from, read from `words.toml` beside this module.

Tables come back as lists of tuples (a name's other spellings as a tuple too), in the file's order: the same
seed picks the same positions, so the order is part of what a seed generates.
"""

import tomllib
from pathlib import Path

WORDS = tomllib.loads((Path(__file__).resolve().parent / "words.toml").read_text(encoding="utf-8"))


def rows(key):
    return [tuple(tuple(cell) if isinstance(cell, list) else cell for cell in row) for row in WORDS[key]]


SURNAMES = rows("surnames")  # (spelling, other spellings, Hangul, how common in per cent)
SYLLABLES = rows("syllables")  # (spelling, other spellings, Hangul)
HANDLE_WORDS = WORDS["handle_words"]
NOUNS = rows("nouns")  # (English, Hangul, romanized)
TITLE_SHAPES = rows("title_shapes")  # (English, Hangul, romanized)
SONG_SHAPES = WORDS["song_shapes"]
SONG_TITLES = WORDS["song_titles"]
AWARD_ADJECTIVES = WORDS["award_adjectives"]
AWARD_NOUNS = WORDS["award_nouns"]
CATEGORIES = rows("categories")  # (name, kind of nominee)
NETWORKS = WORDS["networks"]
PLATFORMS = WORDS["platforms"]
STUDIOS = WORDS["studios"]
GENRES = WORDS["genres"]
CHARTS = rows("charts")  # (name, column heading, is the album chart)
REGIONS = WORDS["regions"]
SLOTS = WORDS["slots"]
DAILY_SLOT = WORDS["daily_slot"]
JOBS = WORDS["jobs"]
PLACES = WORDS["places"]
CITIES = WORDS["cities"]
COMMENTS = WORDS["comments"]
SPOILER_COMMENTS = WORDS["spoiler_comments"]
REPLIES = WORDS["replies"]
ARTICLE_SHAPES = rows("article_shapes")  # (headline, standfirst)
PARAGRAPHS = WORDS["paragraphs"]
