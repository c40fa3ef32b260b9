"""The one normalization used for indexing and for queries alike.

Fans type "Kim Soo Hyun", "kim soo-hyun", "KimSoohyun" or "Aşk ve Gozyasi"; all of these must meet the
stored names. So text is folded to lower case without accents or diacritics, hyphens and apostrophes
inside names are dropped ("Soo-hyun" -> "soohyun"), every other non-letter/digit becomes a space, and
Hangul (or any other script) is kept as it is.
"""

import re
import unicodedata

# Letters NFKD does not take apart into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"}
)
# Joiners inside a name: hyphens, apostrophes, middle dots and full stops ("Soo-hyun", "Fallin'", "Mr.").
_JOINERS = re.compile(r"[-\u2010\u2011'\u2019\u02bc`\u00b4.\u00b7]")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+([0-9])")
MAX_QUERY_LENGTH = 200

# Spellings that Korean romanizations mix freely: Soo/Su, Hyeon/Hyun, Seong/Sung, Joong/Jung, Hee/Hi.
_ROMANIZATION = [("eo", "u"), ("oo", "u"), ("ou", "u"), ("ee", "i")]


def normalize(text):
    """'Kim Soo-hyun' -> 'kim soohyun'; 'Aşk ve Gözyaşı' -> 'ask ve gozyasi'; '%_' -> ''."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _JOINERS.sub("", text.casefold().translate(_LETTERS))
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    # "Episode 08" and "episode 8" are the same episode.
    text = _LEADING_ZEROS.sub(r"\1", text)
    # NFKD split Hangul syllables into jamo; compose them again so stored and typed Hangul agree.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def is_ideographic(ch):
    """Hangul syllables and CJK ideographs: one of them is already a meaningful search (e.g. a surname)."""
    return "\uac00" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff"


def is_specific(text):
    """Whether few names can start with `text` (compacted): five letters or digits, or two Hangul syllables or
    ideographs ("vince", "김수"). Shorter ones ("kim", "qu", "김") start thousands of names at full size."""
    return sum(3 if is_ideographic(ch) else 1 for ch in text) >= 5


def words(text):
    return normalize(text).split()


def compact(text):
    """Normalized text without spaces: "Kim Soo Hyun", "KimSoohyun", "kim soo-hyun" all give "kimsoohyun"."""
    return normalize(text).replace(" ", "")


def romanization_key(text):
    """compact() with vowel spellings folded, so "kim su hyun" meets "Kim Soo-hyun" and "park seong hun"
    meets "Park Sung-hoon". Used as an extra key beside the names, never instead of them."""
    key = compact(text)
    for spelling, folded in _ROMANIZATION:
        key = key.replace(spelling, folded)
    return key


def name_parts(text):
    """The words of a name with hyphenated syllables also apart: 'Hong Hae-in' -> hong, haein, hae, in."""
    joined = words(text)
    apart = words(re.sub(r"[-\u2010\u2011]", " ", str(text or "")))
    return joined + [part for part in apart if part not in joined]


def highlight_span(text, query):
    """(start, end) of the part of `text` that matches `query` once both are compacted, or None.

    Lets 'kim soo hyun' highlight the whole of 'Kim Soo-hyun' in the original spelling.
    """
    target = compact(query)
    if not target:
        return None
    folded, origin = [], []
    for index, ch in enumerate(text):
        for piece in compact(ch):
            folded.append(piece)
            origin.append(index)
    found = "".join(folded).find(target)
    if found < 0:
        return None
    return origin[found], origin[found + len(target) - 1] + 1
