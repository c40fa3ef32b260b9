"""The soundtrack of the demo: charts, the album, its songs and their chart peaks, from soundtrack.toml."""

from portal.demo.data_files import prose, read_toml
from shows.models import Album, AlbumChartPeak, Chart, Song, SongChartPeak


def load_soundtrack(loader):
    data = read_toml("soundtrack.toml")
    show = loader.shows[data["show"]]
    charts = {
        row["slug"]: loader.ensure(
            Chart,
            "chart",
            {"name": row["name"], "short_name": row["short"], "order": row["order"]},
            slug=row["slug"],
        )
        for row in data["charts"]
    }
    album_row = data["album"]
    album = loader.ensure(
        Album,
        "album",
        {
            "title": album_row["title"],
            "release_date": album_row["release_date"],
            "description": prose(album_row["description"]),
        },
        show=show,
        slug=album_row["slug"],
    )
    loader.link(album, "artists", [loader.people[slug] for slug in album_row["artists"]])
    for peak in album_row["peaks"]:
        loader.ensure(
            AlbumChartPeak,
            "album chart peak",
            {"year": peak["year"], "position": peak["position"]},
            album=album,
            chart=charts[peak["chart"]],
        )
    for row in data["song"]:
        kind = row.get("kind", Song.Kind.PART)
        release_date = row.get("release_date")
        song = loader.ensure(
            Song,
            "song",
            {
                "album": album,
                "kind": kind,
                "part": row.get("part"),
                "title": row["title"],
                "alternative_titles": "\n".join(row.get("aka", [])),
                "artist_credit": row.get("credit", ""),
                "release_date": release_date,
                "release_year": release_date.year if release_date else album_row["release_date"].year,
            },
            show=show,
            slug=row["slug"],
        )
        loader.link(song, "artists", [loader.people[slug] for slug in row.get("artists", [])])
        loader.songs[row["slug"]] = song
        for chart_slug, position in zip(data["song_charts"], row["peaks"], strict=True):
            loader.ensure(
                SongChartPeak,
                "song chart peak",
                {"position": None if position == "-" else int(position)},
                song=song,
                chart=charts[chart_slug],
            )
