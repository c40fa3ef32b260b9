"""The catalogue of the demo: people, shows (with their companies, genres and links), crew and episodes, from
people.toml, shows.toml, crew.csv and episodes.csv."""

from decimal import Decimal

from people.models import CrewCredit, Person
from portal.demo.data_files import prose, read_csv, read_toml
from portal.text import slug_for
from shows.models import Availability, Episode, Genre, Show, ShowRelation


def load_people(loader):
    data = read_toml("people.toml")
    for row in data["person"]:
        loader.people[row["slug"]] = loader.ensure(
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
            loader.people[slug] = loader.ensure(Person, "person", {"name": name, "kind": kind}, slug=slug)
    for row in data["person"]:
        groups = [loader.people[slug] for slug in row.get("member_of", [])]
        if groups:
            loader.link(loader.people[row["slug"]], "member_of", groups)


def load_shows(loader):
    rows = read_toml("shows.toml")["show"]
    for row in rows:
        defaults = {
            "title": row["title"],
            "kind": row.get("kind", Show.Kind.SERIES),
            "native_title": row.get("native_title", ""),
            "alternative_titles": "\n".join(row.get("aka", [])),
            "network": loader.company(row.get("network")),
            "developer": loader.company(row.get("developer")),
            "first_aired": row.get("first_aired"),
            "last_aired": row.get("last_aired"),
            "start_year": row.get("start_year"),
            "end_year": row.get("end_year"),
            "broadcast_slot": row.get("broadcast_slot", ""),
            "air_time": row.get("air_time"),
            "air_time_zone": row.get("air_time_zone", Show._meta.get_field("air_time_zone").get_default()),
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
        show = loader.ensure(Show, "show", defaults, slug=row["slug"])
        loader.shows[row["slug"]] = show
        genres = [loader.ensure(Genre, "genre", {"name": g}, slug=slug_for(g)) for g in row.get("genres", [])]
        loader.link(show, "genres", genres)
        companies = [loader.company(name) for name in row.get("production_companies", [])]
        loader.link(show, "production_companies", companies)
        for item in row.get("availability", []):
            loader.ensure(
                Availability,
                "availability",
                show=show,
                platform=loader.company(item["platform"]),
                region=item["region"],
            )
    # Second pass: links between shows, now that all exist.
    for row in rows:
        show = loader.shows[row["slug"]]
        if row.get("remake_of") and loader.is_new(show):
            show.remake_of = loader.shows[row["remake_of"]]
            show.save(update_fields=["remake_of"])
        for rel in row.get("relations", []):
            loader.ensure(
                ShowRelation,
                "show relation",
                {"note": rel["note"]},
                show=show,
                related=loader.shows[rel["related"]],
            )


def load_crew(loader):
    order = {}
    for row in read_csv("crew.csv"):
        show = loader.shows[row["show"]]
        key = (show.pk, row["role"])
        order[key] = order.get(key, 0) + 1
        loader.ensure(
            CrewCredit,
            "crew credit",
            {"person": loader.person(row["person"]), "note": row["note"]},
            show=show,
            role=row["role"],
            order=order[key],
        )


def load_episodes(loader):
    for row in read_csv("episodes.csv"):
        loader.ensure(
            Episode,
            "episode",
            {
                "air_date": row["air_date"] or None,
                "nationwide_share": Decimal(row["nationwide_share"]) if row["nationwide_share"] else None,
                "seoul_share": Decimal(row["seoul_share"]) if row["seoul_share"] else None,
                "synopsis": row["synopsis"],
            },
            show=loader.shows[row["show"]],
            kind=row["kind"],
            number=int(row["number"]),
        )
