"""What each kind of page contributes to search, and keeping SearchEntry rows current.

Each indexer turns one object into one SearchEntry: its title and address, a line of context shown under
the result, the name variants matched whole or by prefix, the words matched one by one, and a weight that
breaks ties. `rebuild()` rewrites the whole index in bulk; the signal handlers in signals.py call
`reindex()` whenever staff save a record, so there is no separate re-index step to forget.
"""

import contextlib
import contextvars
import re

from django.db import transaction
from django.db.models import Count, Prefetch

from awards.models import Category, Ceremony, Nomination
from people.models import Casting, Character, CrewCredit, Person
from portal.caching.invalidation import catalogue_changed, search_changed
from portal.display.numbers import percent
from portal.news.models import Article
from shows.models import Episode, Show, Song

from .models import SearchEntry
from .normalize import compact, name_parts, romanization_key

_paused = contextvars.ContextVar("search_index_paused", default=False)


@contextlib.contextmanager
def paused():
    """Skip per-save re-indexing inside the block (bulk loads call rebuild() afterwards)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def is_paused():
    return _paused.get()


def pack(values, separator):
    """The distinct non-empty values in first-seen order, each between separators: '|a|b|' or ' a b '."""
    distinct = dict.fromkeys(value for value in values if value)
    return separator + separator.join(distinct) + separator


def pack_names(variants):
    return pack(map(compact, variants), "|")


def pack_keys(variants):
    return pack(map(romanization_key, variants), "|")


def pack_words(texts):
    return pack((word for text in texts for word in name_parts(text)), " ")


def sort_key(*parts):
    """('Queen of Tears', 'Episode 10') -> 'queen of tears|episode 0000000010': padded, numbers compare by
    value even as text, on SQLite and PostgreSQL alike."""
    text = "|".join(str(part) for part in parts).casefold()
    return re.sub(r"[0-9]+", lambda number: number.group().zfill(10), text)[:400]


def given_name_first(name):
    """'Hong Hae-in' -> 'Hae-in Hong', the order many fans outside Korea write names in."""
    parts = (name or "").split()
    return " ".join([*parts[1:], parts[0]]) if len(parts) > 1 else ""


def entry(
    kind,
    obj,
    *,
    title,
    context="",
    names=(),
    extra_words=(),
    weight=0,
    text="",
    visible_from=None,
    order_by=None,
):
    """One SearchEntry, leading to the object's page; `order_by` (parts of the sort key) defaults to the
    title. The describe_*() functions below give the keyword arguments for each kind."""
    names = [name for name in names if name]
    packed_names = pack_names(names)
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        title=title[:300],
        sort_key=sort_key(*(order_by or [title])),
        url=obj.get_absolute_url(),
        context=context[:300],
        text=text,
        visible_from=visible_from,
        name=packed_names.split("|")[1][:300],
        names=packed_names,
        keys=pack_keys(names),
        words=pack_words([*names, *extra_words]),
        weight=weight,
    )


# --- per kind: the queryset of a bulk rebuild, and what an object's entry says ------------------------------


def show_queryset():
    return Show.objects.select_related("network").annotate(
        n_castings=Count("castings", distinct=True), n_nominations=Count("nominations", distinct=True)
    )


def describe_show(show):
    details = [show.get_kind_display(), show.network.name if show.network else "", show.years]
    return dict(
        title=show.title,
        context=" · ".join(part for part in details if part),
        names=[show.title, show.native_title, *show.alternative_title_list],
        extra_words=[show.network.name if show.network else "", show.country],
        weight=1000 * show.is_featured + show.n_castings + show.n_nominations,
    )


def person_queryset():
    return Person.objects.prefetch_related(
        Prefetch("castings", queryset=Casting.objects.select_related("character__show", "character__group")),
        Prefetch("crew_credits", queryset=CrewCredit.objects.select_related("show")),
        Prefetch("songs", queryset=Song.objects.order_by("kind", "part")),
        "member_of",
    ).annotate(n_nominations=Count("nominations", distinct=True))


def best_known_role(person):
    """A line for the person's best-known credit: a leading role first, then crew work, songs, groups."""

    def prominence(casting):
        group = casting.character.group
        return (
            casting.is_cameo,
            casting.age != Casting.Age.ADULT,
            not casting.character.name,
            group.order if group else 99,
            casting.character.order,
            -(casting.character.show.start_year or 0),
        )

    castings = sorted(person.castings.all(), key=prominence)
    if castings:
        casting = castings[0]
        role = casting.character.name or "A role"
        return f"{role} in {casting.character.show.title}"
    roles = list(CrewCredit.Role.values)
    credits = sorted(
        person.crew_credits.all(), key=lambda c: (roles.index(c.role), -(c.show.start_year or 0), c.order)
    )
    if credits:
        credit = credits[0]
        return f"{credit.get_role_display()}, {credit.show.title}"
    songs = list(person.songs.all())
    if songs:
        return f"Sings “{songs[0].title}”"
    groups = list(person.member_of.all())
    if groups:
        return f"Member of {groups[0].name}"
    return ""


def describe_person(person):
    return dict(
        title=person.name,
        context=best_known_role(person),
        names=[
            person.name,
            given_name_first(person.name),
            person.native_name,
            *person.alternative_name_list,
        ],
        weight=len(person.castings.all()) + len(person.crew_credits.all()) + person.n_nominations,
    )


def character_queryset():
    return (
        Character.objects.exclude(name="")
        .select_related("show", "group")
        .prefetch_related(
            Prefetch("castings", queryset=Casting.objects.select_related("person").order_by("billing"))
        )
    )


def describe_character(character):
    actors = [c.person.name for c in character.castings.all() if c.person_id and c.age == Casting.Age.ADULT]
    context = f"Played by {', '.join(actors)} in {character.show.title}" if actors else character.show.title
    return dict(
        title=character.name,
        context=context,
        names=[
            character.name,
            given_name_first(character.name),
            character.native_name,
            *character.alternative_name_list,
        ],
        extra_words=[character.show.title],
        weight=10 if character.group and character.group.is_main else 0,
    )


KIND_RANK = {kind: rank for rank, kind in enumerate(Episode.Kind.values)}


def episode_queryset():
    return Episode.objects.select_related("show")


def describe_episode(episode):
    show = episode.show
    word = "special" if episode.is_special else "episode"
    names = []
    for title in [show.title, show.native_title, *show.alternative_title_list]:
        if not title:
            continue
        if episode.is_special:
            names += [f"{title} special {episode.number}", f"{title} sp {episode.number}"]
        else:
            names += [
                f"{title} {episode.number}",
                f"{title} episode {episode.number}",
                f"{title} ep {episode.number}",
            ]
    details = []
    if episode.air_date:
        details.append(f"Aired {episode.air_date.day} {episode.air_date:%B %Y}")
    if episode.nationwide_share is not None:
        details.append(f"{percent(episode.nationwide_share)} nationwide")
    return dict(
        title=f"{show.title}: {episode.label}" + (f" – {episode.title}" if episode.title else ""),
        context=" · ".join(details),
        names=[*names, episode.title],
        extra_words=[word],
        # By show, then regular episodes before specials, then number.
        order_by=[show.title, KIND_RANK[episode.kind], episode.number],
    )


def song_queryset():
    return Song.objects.select_related("show").prefetch_related("artists")


def describe_song(song):
    artists = [artist.name for artist in song.artists.all()]
    credit = song.artist_credit or ", ".join(artists)
    part = f"OST {song.part_label}" if song.kind == Song.Kind.PART else song.get_kind_display()
    return dict(
        title=song.title,
        context=" · ".join(bit for bit in [part, song.show.title, credit] if bit),
        names=[song.title, song.native_title, *song.alternative_title_list],
        extra_words=[*artists, song.artist_credit, part, song.show.title],
    )


def ceremony_queryset():
    return Ceremony.objects.with_result_counts()


def describe_ceremony(ceremony):
    context = f"{ceremony.total} nomination{'s' * (ceremony.total != 1)}"
    if ceremony.won:
        context += f", {ceremony.won} won"
    return dict(
        title=ceremony.name,
        context=context,
        names=[ceremony.name],
        weight=ceremony.total,
    )


def category_queryset():
    return Category.objects.select_related("ceremony").prefetch_related(
        Prefetch("nominations", queryset=Nomination.objects.only("id", "category_id", "year"))
    )


def describe_category(category):
    years = sorted({n.year for n in category.nominations.all()})
    context = category.ceremony.name + (f" · {', '.join(map(str, years))}" if years else "")
    return dict(
        title=f"{category.name} ({category.ceremony.name})",
        context=context,
        names=[category.name, f"{category.ceremony.name} {category.name}"],
        extra_words=[category.ceremony.name],
        weight=len(years),
    )


def article_queryset():
    return Article.objects.all()


def describe_article(article):
    # Scheduled articles are indexed now and found from their publication time on; undated ones at once.
    return dict(
        title=article.title,
        context=article.standfirst,
        names=[article.title],
        extra_words=[article.standfirst, article.body],
        text=article.body,
        visible_from=article.published_at,
    )


INDEXERS = {
    Show: (SearchEntry.Kind.SHOW, show_queryset, describe_show),
    Person: (SearchEntry.Kind.PERSON, person_queryset, describe_person),
    Character: (SearchEntry.Kind.CHARACTER, character_queryset, describe_character),
    Episode: (SearchEntry.Kind.EPISODE, episode_queryset, describe_episode),
    Song: (SearchEntry.Kind.SONG, song_queryset, describe_song),
    Ceremony: (SearchEntry.Kind.CEREMONY, ceremony_queryset, describe_ceremony),
    Category: (SearchEntry.Kind.CATEGORY, category_queryset, describe_category),
    Article: (SearchEntry.Kind.ARTICLE, article_queryset, describe_article),
}


@transaction.atomic
def rebuild(batch_size=2000):
    """Rewrite the whole index; returns the number of entries."""
    SearchEntry.objects.all().delete()
    total = 0
    for kind, queryset, describe in INDEXERS.values():
        batch = []
        for obj in queryset().iterator(chunk_size=batch_size):
            batch.append(entry(kind, obj, **describe(obj)))
            if len(batch) >= batch_size:
                SearchEntry.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
        total += len(batch)
    catalogue_changed()  # search result pages show the index
    return total


def reindex(model, pks):
    """Refresh the entries of these objects (removing those that no longer exist or qualify)."""
    if is_paused() or model not in INDEXERS:
        return
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return
    kind, queryset, describe = INDEXERS[model]
    fresh = [entry(kind, obj, **describe(obj)) for obj in queryset().filter(pk__in=pks)]
    stored = SearchEntry.objects.filter(kind=kind, object_id__in=pks)
    if sorted(map(indexed_values, fresh)) == sorted(map(indexed_values, stored)):
        return  # a save that changed nothing searchable leaves the search pages cached
    with transaction.atomic():
        stored.delete()
        SearchEntry.objects.bulk_create(fresh)
        search_changed()


def indexed_values(search_entry):
    """What an entry holds, for comparing a fresh one with the stored one."""
    return tuple(
        getattr(search_entry, field.attname)
        for field in SearchEntry._meta.concrete_fields
        if not field.primary_key
    )
