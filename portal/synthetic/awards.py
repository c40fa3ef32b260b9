"""Awards: ceremonies with their categories, and a history of nominations (winners included) whose nominees
are the shows, leads, songs and crew of shows that aired around each year."""

import itertools

from awards.models import Category, Ceremony, Nomination
from portal.search.normalize import romanization_key
from portal.text import slug_for

from .bulk import Batch
from .draws import apportion
from .state import ANCHOR, FIRST_YEAR, PREFIX
from .vocabulary import AWARD_ADJECTIVES, AWARD_NOUNS, CATEGORIES, CITIES


def add_awards(state, rng):
    count, total = state.sizes["ceremonies"], state.sizes["nominations"]
    names = ceremony_names(state, rng, count)
    budgets = apportion(total, [rng.uniform(0.3, 1.7) for _ in names])
    with Batch(state.inserter) as batch:
        for name, budget in zip(names, budgets, strict=True):
            ceremony(state, rng, name, budget, batch)


def ceremony_names(state, rng, count):
    names = [f"{network} Drama Awards" for network in state.networks]
    names += [f"{city} International Drama Festival" for city in CITIES]
    names += [f"{adjective} {noun} Awards" for adjective in AWARD_ADJECTIVES for noun in AWARD_NOUNS]
    names += [f"{city} {noun} Awards" for city in CITIES for noun in AWARD_NOUNS]
    names = [n for n in names if romanization_key(n) not in state.taken]
    rng.shuffle(names)
    # Beyond the list, regional editions: "Golden Star Awards (Busan)".
    extra = (f"{name} ({city})" for city in CITIES for name in list(names))
    return [*names, *itertools.islice(extra, max(0, count - len(names)))][:count]


def ceremony(state, rng, name, budget, batch):
    ceremony_id = state.ids.take(Ceremony)
    batch.add(
        Ceremony,
        {
            "id": ceremony_id,
            "name": name,
            "slug": PREFIX + slug_for(name),
            "description": f"{name}, honouring Korean television dramas.",
        },
    )
    categories = CATEGORIES[:4] + rng.sample(CATEGORIES[4:], rng.randint(6, len(CATEGORIES) - 4))
    category_ids = []
    for category, _kind in categories:
        category_ids.append(state.ids.take(Category))
        batch.add(
            Category,
            {
                "id": category_ids[-1],
                "ceremony_id": ceremony_id,
                "name": category,
                "slug": slug_for(category),
            },
        )
    if not budget:
        return
    n_years = max(1, min(ANCHOR.year - FIRST_YEAR, round(budget / (len(categories) * 4))))
    years = range(ANCHOR.year - n_years + 1, ANCHOR.year + 1)
    for year, year_budget in zip(years, apportion(budget, [1] * n_years), strict=True):
        per_category = apportion(year_budget, [1] * len(categories))
        position = 0
        for (_category, kind), category_id, nominees in zip(
            categories, category_ids, per_category, strict=True
        ):
            shows = shows_for_year(state, rng, year, nominees)
            for place, info in enumerate(shows):
                position += 1
                nomination_id = state.ids.take(Nomination)
                if place == 0 and year < ANCHOR.year:
                    result = Nomination.Result.WON.value
                else:
                    result = Nomination.Result.NOMINATED.value
                if rng.random() < 0.03:
                    result = Nomination.Result.NOT_RECORDED.value
                text, people, songs, nominee_show = nominee(state, rng, kind, info)
                batch.add(
                    Nomination,
                    {
                        "id": nomination_id,
                        "ceremony_id": ceremony_id,
                        "category_id": category_id,
                        "year": year,
                        "position": position,
                        "result": result,
                        "show_id": info.id,
                        "nominee_text": text,
                        "nominee_show_id": nominee_show,
                        "note": "",
                    },
                )
                for person in people:
                    batch.add(
                        Nomination.nominee_people.through,
                        {"nomination_id": nomination_id, "person_id": person},
                    )
                for song in songs:
                    batch.add(
                        Nomination.nominee_songs.through,
                        {"nomination_id": nomination_id, "song_id": song},
                    )


def shows_for_year(state, rng, year, count):
    """`count` shows that aired the year before the ceremony or near it (repeated only if too few did)."""
    pool = []
    for distance in range(0, ANCHOR.year - FIRST_YEAR + 2):
        pool += state.shows_by_year.get(year - 1 - distance, []) + state.shows_by_year.get(
            year + distance, []
        )
        if len(pool) >= count:
            break
    if not pool:
        return []
    if count <= len(pool):
        return rng.sample(pool, count)
    return [rng.choice(pool) for _ in range(count)]


def nominee(state, rng, kind, info):
    """(nominee as printed, people, songs, nominated show) for a category's kind of nominee."""
    if kind == "show":
        return info.title, [], [], info.id
    if kind in ("actor", "couple"):
        leads = info.leads
        if not leads:
            return "", [], [], None
        chosen = rng.sample(leads, min(len(leads), 2 if kind == "couple" else 1))
        people = list(dict.fromkeys(pid for pid, _name in chosen))
        return " and ".join(state.person_name[pid] for pid in people), people, [], None
    if kind == "song":
        if not info.songs:
            return "", [], [], None
        song_id, title, credit, artists = rng.choice(info.songs)
        text = f'"{title}" ({credit})' if credit else f'"{title}"'
        return text, list(artists), [song_id], None
    credits = info.crew.get(kind, [])
    if not credits:
        return "", [], [], None
    person, name = rng.choice(credits)
    return name, [person], [], None
