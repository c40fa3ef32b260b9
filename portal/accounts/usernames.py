"""Usernames that could pass for another member's are refused at sign-up.

"аdmin" with a Cyrillic а, "ADMIN" or a fullwidth "ａｄｍｉｎ" look like "admin" on a page. Each username is
reduced to a skeleton (after Unicode TR39: compatibility forms folded, accents dropped, Cyrillic and Greek
look-alikes mapped to the Latin letters they resemble, case folded); a new username whose skeleton is an
existing member's is refused, and so is one that mixes Latin, Cyrillic and Greek letters. Existing
usernames are never changed: they log in as before.
"""

import unicodedata

# Cyrillic and Greek letters that look like a Latin letter (each case by its own shape: Greek Η looks like
# H, η like n), and digits that pass for letters. Accented forms (ё, ї) lose their accent first.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic capitals and small letters
        "А": "A", "В": "B", "Е": "E", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
        "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T", "У": "Y", "Х": "X", "Һ": "H", "Ү": "Y", "Ӏ": "l",
        "Ԛ": "Q", "Ԝ": "W", "Ь": "b",
        "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "ѕ": "s", "т": "t", "у": "y", "х": "x", "һ": "h", "ү": "y", "ӏ": "l",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "ь": "b",
        # Greek capitals and small letters
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
        "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u",
        # Armenian small letters
        "օ": "o", "ս": "u", "զ": "q", "ց": "g", "հ": "h", "ո": "n", "ռ": "n", "ք": "p", "ւ": "l",
        # Cherokee capitals (its small letters casefold to them)
        "Ꭺ": "A", "Ᏼ": "B", "Ꮯ": "C", "Ꭼ": "E", "Ꮋ": "H", "Ꭻ": "J", "Ꮶ": "K", "Ꮮ": "L", "Ꮇ": "M",
        "Ꮲ": "P", "Ꮪ": "S", "Ꭲ": "T", "Ꮃ": "W", "Ꮓ": "Z", "Ꮤ": "W", "Ꮐ": "G", "Ꭰ": "D", "Ꮢ": "R",
        # Latin small capitals, which NFKC leaves alone
        "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k",
        "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v",
        "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
        # Latin letters and digits that pass for others
        "ı": "i", "ɑ": "a", "ɡ": "g", "0": "o", "1": "l", "|": "l",
    }
)  # fmt: skip

# Scripts whose letters are mistaken for one another; a username may use one of them.
LOOK_ALIKE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"}


def skeleton(username):
    """What `username` looks like: equal skeletons mean two names a reader could take for one another."""
    text = unicodedata.normalize("NFKC", username)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    # Map, fold case, and map again: a small letter whose capital is the look-alike (Cherokee) folds to it.
    text = text.translate(LOOK_ALIKES).casefold().translate(LOOK_ALIKES).casefold()
    return unicodedata.normalize("NFC", text)


def scripts(username):
    """The look-alike scripts (Latin, Cyrillic, Greek) whose letters `username` uses."""
    found = set()
    for ch in unicodedata.normalize("NFKC", username):
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            if script in LOOK_ALIKE_SCRIPTS:
                found.add(script)
    return found


def look_alike_problem(username, account=None):
    """A message saying why `username` may not be taken (by `account`, when renaming one), or None when it
    may.

    Reads one indexed row at most: skeletons of existing accounts are kept in UsernameSkeleton.
    """
    from .models import UsernameSkeleton

    if len(scripts(username)) > 1:
        return (
            "Use letters from one alphabet: this username mixes Latin letters with Cyrillic or Greek "
            "ones that look the same."
        )
    others = UsernameSkeleton.objects.all()
    if account is not None and account.pk:
        others = others.exclude(user=account)
    # A capital I passes for a small l ("Iouis" for "louis"); folding case alone would make it an i.
    looks = {UsernameSkeleton.stored(username), UsernameSkeleton.stored(username.replace("I", "l"))}
    if others.filter(skeleton__in=looks).exists():
        return "This username looks too much like an existing member's. Please choose another."
    return None
