"""Shows (with their genres, studios, streaming offers and relations to each other) and their episodes."""

import datetime
import itertools

from portal.search.normalize import romanization_key
from shows.models import Availability, Episode, Show, ShowRelation

from .draws import Picker, apportion, percent
from .names import Slugs, hangul_has_final
from .state import ANCHOR, FIRST_YEAR, ShowInfo
from .vocabulary import DAILY_SLOT, GENRES, JOBS, NOUNS, PLACES, REGIONS, SLOTS, TITLE_SHAPES

# Kind of show: (share of shows in per cent, episodes relative to a series).
SHOW_KINDS = {
    Show.Kind.SERIES.value: (80, 1),
    Show.Kind.WEB_SERIES.value: (12, 0.7),
    Show.Kind.FILM.value: (5, 0),
    Show.Kind.SPECIAL.value: (3, 0.1),
}


def add_shows(state, rng):
    n = state.sizes["shows"]
    slugs = Slugs()
    ids = state.ids.block(Show, n)
    kinds = rng.choices(list(SHOW_KINDS), weights=[share for share, _episodes in SHOW_KINDS.values()], k=n)
    years = list(range(FIRST_YEAR, ANCHOR.year + 1))
    daily = [kind == Show.Kind.SERIES and rng.random() < 0.05 for kind in kinds]
    weights = [
        SHOW_KINDS[kind][1] * (6 if is_daily else rng.uniform(0.75, 1.4))
        for kind, is_daily in zip(kinds, daily, strict=True)
    ]
    if not any(weights):
        weights = [1] * n
    episode_counts = apportion(state.sizes["episodes"], weights)
    titles_used = set()
    rows, genre_rows, studio_rows, stream_rows = [], [], [], []
    for index, show_id in enumerate(ids):
        kind = kinds[index]
        title, native, alternatives = show_title(state, rng, titles_used)
        count = episode_counts[index]
        specials = rng.randint(1, 2) if count >= 10 and rng.random() < 0.12 else 0
        regular = count - specials
        year = rng.choices(years, weights=[(y - FIRST_YEAR + 3) ** 1.3 for y in years])[0]
        first = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        span = (regular if daily[index] else regular // 2 * 7) + (specials * 7) + 7
        if first + datetime.timedelta(days=span) > ANCHOR:
            first = ANCHOR - datetime.timedelta(days=span)
        network = rng.choice(state.networks) if state.networks else ""
        info = ShowInfo(
            id=show_id,
            slug=slugs(title),
            title=title,
            kind=kind,
            popularity=rng.paretovariate(1.3),
            network=network,
            first_aired=first,
            regular=regular,
            specials=specials,
            daily=daily[index],
        )
        state.shows.append(info)
        last = first + datetime.timedelta(days=info.last_air_offset())
        running = kind == Show.Kind.SERIES and rng.random() < 0.01
        genre = rng.choice(GENRES).lower()
        rows.append(
            {
                "id": show_id,
                "title": title,
                "slug": info.slug,
                "native_title": native,
                "alternative_titles": "\n".join(alternatives),
                "kind": kind,
                "network_id": state.company_ids.get(network),
                "developer_id": rng.choice(state.studios) if state.studios and rng.random() < 0.2 else None,
                "first_aired": first,
                "last_aired": None if running else last,
                "start_year": first.year,
                "end_year": None if running else last.year,
                "broadcast_slot": DAILY_SLOT if daily[index] else rng.choice(SLOTS),
                "episode_count": regular or None,
                "special_count": specials or None,
                "runtime_min": (runtime := rng.choice([35, 50, 60, 65, 70])),
                "runtime_max": runtime + rng.choice([0, 0, 10, 20]),
                "country": "South Korea",
                "language": "Korean",
                "synopsis": f"A {genre} about a {rng.choice(JOBS)} and a {rng.choice(JOBS)} whose lives "
                f"collide in {rng.choice(PLACES)}.",
            }
        )
        for genre_id in rng.sample(state.genre_ids, min(len(state.genre_ids), rng.randint(1, 3))):
            genre_rows.append({"show_id": show_id, "genre_id": genre_id})
        for company_id in rng.sample(state.studios, min(len(state.studios), rng.randint(1, 2))):
            studio_rows.append({"show_id": show_id, "company_id": company_id})
        for platform_id in rng.sample(state.platforms, min(len(state.platforms), rng.randint(0, 2))):
            stream_rows.append(
                {"show_id": show_id, "platform_id": platform_id, "region": rng.choice(REGIONS)}
            )
    state.inserter.insert(Show, rows)
    state.inserter.insert(Show.genres.through, genre_rows)
    state.inserter.insert(Show.production_companies.through, studio_rows)
    state.inserter.insert(Availability, stream_rows)
    add_relations(state, rng)
    for info in state.shows:
        state.shows_by_year.setdefault(info.year, []).append(info)
    state.show_picker = Picker(rng, range(len(state.shows)), skew=0.8, offset=10)


def add_relations(state, rng):
    """A few shows point at another one (same writer, a spin-off, …)."""
    relations = []
    if len(state.shows) > 1:
        for info in rng.sample(state.shows, max(1, len(state.shows) // 50)):
            other = rng.choice(state.shows)
            if other is not info:
                note = rng.choice(["Same writer", "Same director", "Spin-off", "Shares a lead actor"])
                relations.append(
                    {
                        "id": state.ids.take(ShowRelation),
                        "show_id": info.id,
                        "related_id": other.id,
                        "note": note,
                    }
                )
    state.inserter.insert(ShowRelation, relations)


def show_title(state, rng, used):
    for attempt in range(200):
        english, hangul, romanized = rng.choice(TITLE_SHAPES)
        a, b = rng.sample(NOUNS, 2)
        title = english.format(a=a[0], b=b[0])
        if attempt > 100:
            title = f"{title} {rng.choice(['Returns', 'Forever', 'Again', 'Rising'])}"
        if title in used or romanization_key(title) in state.taken:
            continue
        used.add(title)
        final = hangul_has_final(a[1])
        values = {"ka": a[1], "kb": b[1], "wa": "과" if final else "와", "ra": a[2].capitalize()}
        values.update(rb=b[2].capitalize(), rwa="gwa" if final else "wa")
        native = hangul.format(**values)
        alternative = romanized.format(**values)
        alternatives = [alternative]
        if "ui " in alternative and rng.random() < 0.5:
            alternatives.append(alternative.replace("ui ", "-ui ", 1))
        if rng.random() < 0.3:
            alternatives.append(f"{b[0]} {a[0]}")
        return title, native, [t for t in alternatives if romanization_key(t) not in state.taken]
    raise RuntimeError("Ran out of show titles; add nouns or title shapes.")


def add_episodes(state, rng):
    first_id = state.ids.block(Episode, state.sizes["episodes"]).start
    next_id = itertools.count(first_id)

    def rows():
        for show_index, info in enumerate(state.shows):
            base = rng.lognormvariate(1.6, 0.6)
            has_ratings = info.kind != Show.Kind.WEB_SERIES
            numbered = [(Episode.Kind.REGULAR.value, n) for n in range(1, info.regular + 1)]
            numbered += [(Episode.Kind.SPECIAL.value, n) for n in range(1, info.specials + 1)]
            last = info.last_air_offset()
            for kind, number in numbered:
                episode_id = next(next_id)
                if kind == Episode.Kind.REGULAR:
                    offset = info.air_offset(number - 1)
                    info.episode_ids.append(episode_id)
                else:
                    offset = last + 7 * number
                air_date = info.first_aired + datetime.timedelta(days=offset)
                state.episode_show.append((episode_id, show_index, air_date))
                share = base * (1 + 0.8 * number / max(info.regular, 1)) * rng.uniform(0.85, 1.15)
                known = has_ratings and rng.random() > 0.12
                yield {
                    "id": episode_id,
                    "show_id": info.id,
                    "kind": kind,
                    "number": number,
                    "title": f"The {rng.choice(NOUNS)[0]}" if rng.random() < 0.1 else "",
                    "air_date": None if rng.random() < 0.02 else air_date,
                    "synopsis": f"{rng.choice(JOBS).capitalize()}s and secrets in {rng.choice(PLACES)}."
                    if rng.random() < 0.2
                    else "",
                    "nationwide_share": percent(share) if known else None,
                    "seoul_share": percent(share * rng.uniform(1.0, 1.25))
                    if known and rng.random() > 0.1
                    else None,
                }

    state.inserter.insert(Episode, rows())
