"""Soundtracks: an album per show with enough songs, the songs (parts, specials, tracks) with their singers,
and their chart peaks."""

import datetime

from portal.search.normalize import romanization_key
from shows.models import Album, AlbumChartPeak, Show, Song, SongChartPeak

from .bulk import Batch
from .draws import apportion
from .names import Slugs
from .vocabulary import NOUNS, SONG_SHAPES, SONG_TITLES


def add_soundtracks(state, rng):
    weights = [(0.3 if info.kind == Show.Kind.FILM else 1) * info.popularity**0.3 for info in state.shows]
    counts = apportion(state.sizes["songs"], weights)
    with Batch(state.inserter) as batch:
        for info, count in zip(state.shows, counts, strict=True):
            if count:
                soundtrack(state, rng, info, count, batch)


def soundtrack(state, rng, info, count, batch):
    album_id = None
    release = info.first_aired + datetime.timedelta(days=info.last_air_offset() + 3)
    album_artists = []
    if count >= 3:
        album_id = state.ids.take(Album)
        batch.add(
            Album,
            {
                "id": album_id,
                "show_id": info.id,
                "title": f"{info.title} OST",
                "slug": "original-soundtrack",
                "release_date": release,
                "description": f"The original soundtrack of {info.title}.",
            },
        )
        for chart in state.album_charts:
            charted = rng.random() < 0.6
            batch.add(
                AlbumChartPeak,
                {
                    "album_id": album_id,
                    "chart_id": chart,
                    "year": release.year,
                    "position": rng.randint(1, 100) if charted else None,
                },
            )
    parts = max(1, round(count * 0.8))
    specials = max(0, round(count * 0.1)) if count > 3 else 0
    slugs, titles = Slugs(), set()
    for index in range(count):
        kind = Song.Kind.PART.value if index < parts else Song.Kind.SPECIAL.value
        if index >= parts + specials:
            kind = Song.Kind.TRACK.value
        title = song_title(state, rng, titles)
        song_id = state.ids.take(Song)
        n_artists = rng.choices([0, 1, 2], weights=[8, 80, 12])[0]
        artists = []
        for _ in range(n_artists):
            artist = state.singer_picker.pick_new(artists)
            if artist:
                artists.append(artist)
        credit = " & ".join(state.person_name.get(a, "") for a in artists)
        released = release - datetime.timedelta(days=7 * (parts - index)) if kind == "part" else release
        known = rng.random() > 0.05
        batch.add(
            Song,
            {
                "id": song_id,
                "show_id": info.id,
                "album_id": album_id if kind != Song.Kind.SPECIAL else None,
                "kind": kind,
                "part": index + 1 if kind == Song.Kind.PART else None,
                "title": title,
                "slug": slugs(title, prefix=""),
                "native_title": "",
                "alternative_titles": "",
                "artist_credit": credit,
                "release_date": released if known else None,
                "release_year": released.year,
            },
        )
        for artist in artists:
            batch.add(Song.artists.through, {"song_id": song_id, "person_id": artist})
            if artist not in album_artists:
                album_artists.append(artist)
        for chart in state.song_charts:
            charted = rng.random() < 0.35 * min(info.popularity, 2)
            position = min(200, int(rng.paretovariate(0.6))) if charted else None
            batch.add(SongChartPeak, {"song_id": song_id, "chart_id": chart, "position": position})
        info.songs.append((song_id, title, credit, artists))
    if album_id:
        for artist in album_artists[:6]:
            batch.add(Album.artists.through, {"album_id": album_id, "person_id": artist})


def song_title(state, rng, used):
    for _ in range(50):
        if rng.random() < 0.2:
            title = rng.choice(SONG_TITLES)
        else:
            title = rng.choice(SONG_SHAPES).format(n=rng.choice(NOUNS)[0])
        if title not in used and romanization_key(title) not in state.taken:
            used.add(title)
            return title
    title = f"{title} ({len(used) + 1})"
    used.add(title)
    return title
