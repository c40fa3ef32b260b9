"""The accolades of the demo: ceremonies, categories and nominations, from accolades.csv."""

from awards.models import Category, Ceremony, Nomination
from portal.demo.data_files import read_csv
from portal.text import slug_for


def load_accolades(loader, show_slug="queen-of-tears"):
    """Rows as the accolades table prints them: a blank ceremony, year or category carries down."""
    show = loader.shows[show_slug]
    ceremony = year = category = None
    positions = {}
    for row in read_csv("accolades.csv"):
        if row["ceremony"]:
            ceremony = loader.ensure(
                Ceremony, "ceremony", {"name": row["ceremony"]}, slug=slug_for(row["ceremony"])
            )
        if row["year"]:
            year = int(row["year"])
        if row["category"]:
            category = loader.ensure(
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
        nomination = loader.ensure(
            Nomination,
            "nomination",
            {
                "result": row["result"] or Nomination.Result.NOT_RECORDED,
                "show": show,
                "nominee_text": row["nominee"],
                "nominee_show": loader.shows[links["show"][0]] if links["show"] else None,
                "category": category,
                "note": row["note"],
            },
            ceremony=ceremony,
            year=year,
            position=positions[key],
        )
        loader.link(nomination, "nominee_people", [loader.people[s] for s in links["person"]])
        loader.link(nomination, "nominee_songs", [loader.songs[s] for s in links["song"]])
