"""The cast of the demo: cast groups, characters and their castings, from cast.toml."""

from people.models import CastGroup, Casting, Character
from portal.demo.data_files import read_toml
from shows.models import Episode


def load_cast(loader):
    data = read_toml("cast.toml")
    default_show = loader.shows[data["show"]]
    groups = {}
    for order, row in enumerate(data["groups"]):
        groups[row["slug"]] = loader.ensure(
            CastGroup,
            "cast group",
            {
                "name": row["name"],
                "order": order,
                "parent": groups.get(row.get("parent")),
                "is_main": row.get("main", False),
            },
            show=default_show,
            slug=row["slug"],
        )
    orders = {}
    for row in data["character"]:
        show = loader.shows[row["show"]] if "show" in row else default_show
        group = groups.get(row.get("group", "")) if show == default_show else None
        orders[(show.pk, group)] = orders.get((show.pk, group), 0) + 1
        character = loader.ensure(
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
            casting = loader.ensure(
                Casting,
                "casting",
                {"billing": billing, "is_cameo": cast.get("cameo", False)},
                character=character,
                age=cast.get("age", Casting.Age.ADULT),
                person=loader.person(cast["person"]),
            )
            numbers = cast.get("episodes", [])
            loader.link(
                casting,
                "episodes",
                Episode.objects.filter(show=show, kind=Episode.Kind.REGULAR, number__in=numbers),
            )
