"""Names and slugs for generated rows: Korean-style names with the other spellings fans type, none of them
meeting a name already in the database (so search never finds a generated row for a demo name)."""

import itertools
from bisect import bisect_right
from collections import Counter

from awards.models import Ceremony
from people.models import Character, Person
from portal.search.normalize import romanization_key
from portal.text import slug_for
from shows.models import Chart, Company, Genre, Show, Song

from .state import PREFIX
from .vocabulary import SURNAMES, SYLLABLES


def hangul_has_final(syllable):
    """Whether a Hangul syllable ends in a consonant (which picks 과 over 와 for 'and')."""
    code = ord(syllable[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


class Names:
    """Korean-style names with the other spellings fans type, never meeting a name already in use."""

    def __init__(self, rng, taken_keys):
        self.rng = rng
        self.taken = taken_keys
        self.surname_cum = list(itertools.accumulate(s[3] for s in SURNAMES))

    def spell(self, surname, first, second):
        return f"{surname} {first.capitalize()}-{second}"

    def korean(self, with_variants=True):
        """(name, Hangul name, alternative spellings)."""
        rng = self.rng
        for _ in range(50):
            surname = SURNAMES[bisect_right(self.surname_cum, rng.random() * self.surname_cum[-1])]
            first, second = rng.sample(SYLLABLES, 2)
            name = self.spell(surname[0], first[0], second[0])
            variants = []
            if with_variants:
                variants.append(f"{surname[0]} {first[0].capitalize()} {second[0].capitalize()}")
                other_surname = rng.choice(surname[1]) if surname[1] and rng.random() < 0.7 else surname[0]
                other_first = rng.choice(first[1]) if first[1] and rng.random() < 0.7 else first[0]
                other_second = rng.choice(second[1]) if second[1] and rng.random() < 0.7 else second[0]
                other = self.spell(other_surname, other_first, other_second)
                if other != name:
                    variants.append(other)
                    if rng.random() < 0.5:
                        variants.append(
                            f"{other_surname} {other_first.capitalize()} {other_second.capitalize()}"
                        )
                if rng.random() < 0.3:
                    variants.append(f"{surname[0]} {first[0].capitalize()}{second[0]}")
            if not any(romanization_key(n) in self.taken for n in [name, *variants]):
                return name, surname[2] + first[2] + second[2], variants
        return name, surname[2] + first[2] + second[2], []

    def free(self, *names):
        return not any(romanization_key(n) in self.taken for n in names if n)


def taken_name_keys():
    """Romanization keys of every name in the database, so generated names never shadow them in search."""
    keys = set()

    def add(*values):
        for value in values:
            for line in (value or "").splitlines():
                if line.strip():
                    keys.add(romanization_key(line))

    for name, native, other in Person.objects.values_list("name", "native_name", "alternative_names"):
        add(name, native, other)
    for name, other in Character.objects.values_list("name", "alternative_names"):
        add(name, other)
    for title, native, other in Show.objects.values_list("title", "native_title", "alternative_titles"):
        add(title, native, other)
    for title, native, other in Song.objects.values_list("title", "native_title", "alternative_titles"):
        add(title, native, other)
    for model in (Ceremony, Company, Genre, Chart):
        add(*model.objects.values_list("name", flat=True))
    return keys


class Slugs:
    """Slugs ('gen-' ones unless told otherwise), numbered when a name repeats."""

    def __init__(self):
        self.seen = Counter()

    def __call__(self, name, prefix=PREFIX):
        base = (prefix + slug_for(name))[:190]
        self.seen[base] += 1
        return base if self.seen[base] == 1 else f"{base}-{self.seen[base]}"
