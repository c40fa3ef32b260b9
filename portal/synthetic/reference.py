"""Networks, streaming platforms, studios, genres and charts: the rows shows and songs refer to."""

from portal.search.normalize import romanization_key
from portal.text import slug_for
from shows.models import Chart, Company, Genre

from .state import PREFIX
from .vocabulary import CHARTS, GENRES, NETWORKS, PLATFORMS, STUDIOS


def add_reference(state, _rng):
    def named(names):
        return [n for n in names if romanization_key(n) not in state.taken]

    companies = named(NETWORKS + PLATFORMS + STUDIOS)
    ids = state.ids.block(Company, len(companies))
    state.company_ids = dict(zip(companies, ids, strict=True))
    state.networks = [n for n in NETWORKS if n in state.company_ids]
    state.platforms = [state.company_ids[n] for n in PLATFORMS if n in state.company_ids]
    state.studios = [state.company_ids[n] for n in STUDIOS if n in state.company_ids]
    state.inserter.insert(
        Company, ({"id": i, "name": n, "slug": PREFIX + slug_for(n)} for n, i in state.company_ids.items())
    )
    genres = named(GENRES)
    state.genre_ids = list(state.ids.block(Genre, len(genres)))
    state.inserter.insert(
        Genre,
        (
            {"id": i, "name": n, "slug": PREFIX + slug_for(n)}
            for n, i in zip(genres, state.genre_ids, strict=True)
        ),
    )
    charts = [c for c in CHARTS if romanization_key(c[0]) not in state.taken]
    chart_ids = state.ids.block(Chart, len(charts))
    state.album_charts = [i for (_n, _s, albums), i in zip(charts, chart_ids, strict=True) if albums]
    state.song_charts = [i for (_n, _s, albums), i in zip(charts, chart_ids, strict=True) if not albums]
    state.inserter.insert(
        Chart,
        (
            {"id": i, "name": n, "short_name": short, "slug": PREFIX + slug_for(n), "order": 10 + order}
            for order, ((n, short, _a), i) in enumerate(zip(charts, chart_ids, strict=True))
        ),
    )
