"""Loads the demo content from the data files beside this module.

Every row is matched on its natural key (slugs, numbers, positions) and updated in place, so loading twice
leaves the same rows; anything a previous version of the files created and the current files no longer
describe for these shows is left alone rather than deleted.
"""

import csv
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from awards.models import Category, Ceremony, Nomination
from people.models import CastGroup, Casting, Character, CrewCredit, Person
from portal.news.models import Article
from portal.search import indexing as search_index
from portal.text import slug_for
from shows.models import (
    Album,
    AlbumChartPeak,
    Availability,
    Chart,
    Company,
    CriticReview,
    Episode,
    Genre,
    Listicle,
    Show,
    ShowRelation,
    Song,
    SongChartPeak,
)

DATA_DIR = Path(__file__).resolve().parent


def read_toml(name):
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


def read_csv(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def prose(text):
    """Trim a TOML multi-line string; paragraphs stay separated by blank lines."""
    return (text or "").strip()


@dataclass
class LoadReport:
    counts: dict = field(default_factory=dict)

    def add(self, label, created):
        key = f"{label} {'created' if created else 'updated'}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def lines(self):
        return [f"{key}: {value}" for key, value in sorted(self.counts.items())]


class DemoLoader:
    def __init__(self):
        self.report = LoadReport()
        self.shows = {}
        self.people = {}
        self.songs = {}

    def upsert(self, model, label, defaults=None, **lookup):
        obj, created = model.objects.update_or_create(defaults=defaults or {}, **lookup)
        self.report.add(label, created)
        return obj

    def company(self, name):
        if not name:
            return None
        return self.upsert(Company, "company", {"name": name}, slug=slug_for(name))

    # --- people -----------------------------------------------------------------------------------------
    def load_people(self):
        data = read_toml("people.toml")
        for row in data["person"]:
            self.people[row["slug"]] = self.upsert(
                Person,
                "person",
                {
                    "name": row["name"],
                    "kind": row.get("kind", ""),
                    "alternative_names": "\n".join(row.get("aka", [])),
                    "bio": prose(row.get("bio")),
                },
                slug=row["slug"],
            )
        for kind, pairs in (("person", data["more"]["person"]), ("", data["more"]["artist"])):
            for slug, name in pairs:
                self.people[slug] = self.upsert(Person, "person", {"name": name, "kind": kind}, slug=slug)
        for row in data["person"]:
            groups = [self.people[slug] for slug in row.get("member_of", [])]
            if groups:
                self.people[row["slug"]].member_of.set(groups)

    def person(self, slug):
        return self.people[slug] if slug else None

    # --- shows ------------------------------------------------------------------------------------------
    def load_shows(self):
        rows = read_toml("shows.toml")["show"]
        for row in rows:
            defaults = {
                "title": row["title"],
                "kind": row.get("kind", Show.Kind.SERIES),
                "native_title": row.get("native_title", ""),
                "alternative_titles": "\n".join(row.get("aka", [])),
                "network": self.company(row.get("network")),
                "developer": self.company(row.get("developer")),
                "first_aired": row.get("first_aired"),
                "last_aired": row.get("last_aired"),
                "start_year": row.get("start_year"),
                "end_year": row.get("end_year"),
                "broadcast_slot": row.get("broadcast_slot", ""),
                "episode_count": row.get("episode_count"),
                "special_count": row.get("special_count"),
                "runtime_min": row.get("runtime_min"),
                "runtime_max": row.get("runtime_max"),
                "country": row.get("country", ""),
                "language": row.get("language", ""),
                "synopsis": prose(row.get("synopsis")),
                "production_notes": prose(row.get("production_notes")),
                "reception_notes": prose(row.get("reception_notes")),
                "filming_locations": "\n".join(row.get("filming_locations", [])),
                "budget_note": row.get("budget_note", ""),
                "is_featured": row.get("featured", False),
            }
            show = self.upsert(Show, "show", defaults, slug=row["slug"])
            self.shows[row["slug"]] = show
            show.genres.set(
                [self.upsert(Genre, "genre", {"name": g}, slug=slug_for(g)) for g in row.get("genres", [])]
            )
            show.production_companies.set(
                [self.company(name) for name in row.get("production_companies", [])]
            )
            for item in row.get("availability", []):
                self.upsert(
                    Availability,
                    "availability",
                    show=show,
                    platform=self.company(item["platform"]),
                    region=item["region"],
                )
        # Second pass: links between shows, now that all exist.
        for row in rows:
            show = self.shows[row["slug"]]
            if row.get("remake_of"):
                show.remake_of = self.shows[row["remake_of"]]
                show.save(update_fields=["remake_of"])
            for rel in row.get("relations", []):
                self.upsert(
                    ShowRelation,
                    "show relation",
                    {"note": rel["note"]},
                    show=show,
                    related=self.shows[rel["related"]],
                )

    def load_crew(self):
        order = {}
        for row in read_csv("crew.csv"):
            show = self.shows[row["show"]]
            key = (show.pk, row["role"])
            order[key] = order.get(key, 0) + 1
            self.upsert(
                CrewCredit,
                "crew credit",
                {"person": self.person(row["person"]), "note": row["note"]},
                show=show,
                role=row["role"],
                order=order[key],
            )

    def load_episodes(self):
        for row in read_csv("episodes.csv"):
            self.upsert(
                Episode,
                "episode",
                {
                    "air_date": row["air_date"] or None,
                    "nationwide_share": Decimal(row["nationwide_share"]) if row["nationwide_share"] else None,
                    "seoul_share": Decimal(row["seoul_share"]) if row["seoul_share"] else None,
                    "synopsis": row["synopsis"],
                },
                show=self.shows[row["show"]],
                kind=row["kind"],
                number=int(row["number"]),
            )

    # --- cast -------------------------------------------------------------------------------------------
    def load_cast(self):
        data = read_toml("cast.toml")
        default_show = self.shows[data["show"]]
        groups = {}
        for order, row in enumerate(data["groups"]):
            groups[row["slug"]] = self.upsert(
                CastGroup,
                "cast group",
                {"name": row["name"], "order": order, "parent": groups.get(row.get("parent"))},
                show=default_show,
                slug=row["slug"],
            )
        orders = {}
        for row in data["character"]:
            show = self.shows[row["show"]] if "show" in row else default_show
            group = groups.get(row.get("group", "")) if show == default_show else None
            orders[(show.pk, group)] = orders.get((show.pk, group), 0) + 1
            character = self.upsert(
                Character,
                "character",
                {
                    "name": row["name"],
                    "alternative_names": "\n".join(row.get("aka", [])),
                    "description": row.get("description", ""),
                    "group": group,
                    "order": orders[(show.pk, group)],
                },
                show=show,
                slug=row["slug"],
            )
            for billing, cast in enumerate(row["cast"], start=1):
                casting = self.upsert(
                    Casting,
                    "casting",
                    {"billing": billing, "is_cameo": cast.get("cameo", False)},
                    character=character,
                    age=cast.get("age", Casting.Age.ADULT),
                    person=self.person(cast["person"]),
                )
                numbers = cast.get("episodes", [])
                casting.episodes.set(
                    Episode.objects.filter(show=show, kind=Episode.Kind.REGULAR, number__in=numbers)
                )

    # --- soundtrack -------------------------------------------------------------------------------------
    def load_soundtrack(self):
        data = read_toml("soundtrack.toml")
        show = self.shows[data["show"]]
        charts = {
            row["slug"]: self.upsert(
                Chart,
                "chart",
                {"name": row["name"], "short_name": row["short"], "order": row["order"]},
                slug=row["slug"],
            )
            for row in data["charts"]
        }
        album_row = data["album"]
        album = self.upsert(
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
        album.artists.set([self.people[slug] for slug in album_row["artists"]])
        for peak in album_row["peaks"]:
            self.upsert(
                AlbumChartPeak,
                "album chart peak",
                {"year": peak["year"], "position": peak["position"]},
                album=album,
                chart=charts[peak["chart"]],
            )
        for row in data["song"]:
            kind = row.get("kind", Song.Kind.PART)
            release_date = row.get("release_date")
            song = self.upsert(
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
            song.artists.set([self.people[slug] for slug in row.get("artists", [])])
            self.songs[row["slug"]] = song
            for chart_slug, position in zip(data["song_charts"], row["peaks"], strict=True):
                self.upsert(
                    SongChartPeak,
                    "song chart peak",
                    {"position": None if position == "-" else int(position)},
                    song=song,
                    chart=charts[chart_slug],
                )

    # --- awards -----------------------------------------------------------------------------------------
    def load_accolades(self, show_slug="queen-of-tears"):
        """Rows as the accolades table prints them: a blank ceremony, year or category carries down."""
        show = self.shows[show_slug]
        ceremony = year = category = None
        positions = {}
        for row in read_csv("accolades.csv"):
            if row["ceremony"]:
                ceremony = self.upsert(
                    Ceremony, "ceremony", {"name": row["ceremony"]}, slug=slug_for(row["ceremony"])
                )
            if row["year"]:
                year = int(row["year"])
            if row["category"]:
                category = self.upsert(
                    Category,
                    "category",
                    {"name": row["category"]},
                    ceremony=ceremony,
                    slug=slug_for(row["category"]),
                )
            key = (ceremony.pk, year)
            positions[key] = positions.get(key, 0) + 1
            links = dict.fromkeys(("person", "show", "song"), ())
            for link in row["links"].split():
                kind, slug = link.split(":", 1)
                links[kind] = (*links[kind], slug)
            nomination = self.upsert(
                Nomination,
                "nomination",
                {
                    "result": row["result"] or Nomination.Result.NOT_RECORDED,
                    "show": show,
                    "nominee_text": row["nominee"],
                    "nominee_show": self.shows[links["show"][0]] if links["show"] else None,
                    "category": category,
                    "note": row["note"],
                },
                ceremony=ceremony,
                year=year,
                position=positions[key],
            )
            nomination.nominee_people.set([self.people[s] for s in links["person"]])
            nomination.nominee_songs.set([self.songs[s] for s in links["song"]])

    # --- reception and news -----------------------------------------------------------------------------
    def load_reception(self):
        data = read_toml("reception.toml")
        show = self.shows[data["show"]]
        for order, row in enumerate(data["reviews"], start=1):
            self.upsert(
                CriticReview,
                "critic review",
                {
                    "score": row.get("score"),
                    "score_out_of": row.get("out_of"),
                    "summary": row["summary"],
                    "order": order,
                },
                show=show,
                publication=row["publication"],
                critic=row.get("critic", ""),
            )
        for row in data["listicles"]:
            self.upsert(
                Listicle,
                "listicle",
                {"year": row["year"], "placement": row.get("placement")},
                show=show,
                publisher=row["publisher"],
                title=row["title"],
            )

    def load_news(self):
        for row in read_toml("news.toml")["article"]:
            article, created = Article.objects.get_or_create(
                slug=row["slug"], defaults={"title": row["title"], "published_at": None}
            )
            self.report.add("article", created)
            article.title = row["title"]
            # Our sources do not date the stories; loading them today must not make today their date.
            article.published_at = row.get("published_at")
            article.standfirst = row["standfirst"]
            article.body = prose(row["body"])
            article.story_date = row.get("story_date")
            article.source_note = row.get("source_note", "")
            article.has_spoilers = row.get("has_spoilers", False)
            article.save()
            shows = [self.shows[s] for s in row.get("shows", [])]
            article.shows.set(shows)
            article.people.set([self.people[s] for s in row.get("people", [])])
            article.episodes.set(
                Episode.objects.filter(
                    show=shows[0], kind=Episode.Kind.REGULAR, number__in=row.get("episodes", [])
                )
            )

    def run(self):
        self.load_people()
        self.load_shows()
        self.load_crew()
        self.load_episodes()
        self.load_cast()
        self.load_soundtrack()
        self.load_accolades()
        self.load_reception()
        self.load_news()
        return self.report


@transaction.atomic
def load_demo():
    """Load or refresh the demo content in one transaction, then rebuild the search index once (instead of
    after every row); returns a LoadReport."""
    with search_index.paused():
        report = DemoLoader().run()
    report.counts["search entries"] = search_index.rebuild()
    return report
