"""People (actors, a few of them young, crew, singers and groups), then who plays whom in each show (cast
groups, characters, castings and cameo episodes), then who made each show (crew credits)."""

from collections import Counter

from people.models import CastGroup, Casting, Character, CrewCredit, Person
from shows.models import Show

from .bulk import Batch
from .draws import Picker, apportion
from .names import Names, Slugs
from .vocabulary import AWARD_ADJECTIVES, JOBS, NOUNS, PLACES

STAR_CREDITS = 320  # one veteran actor gets this many roles (a person page with 300+ credits)
ADULT, TEEN, CHILD = Casting.Age.ADULT.value, Casting.Age.TEEN.value, Casting.Age.CHILD.value


def add_people(state, rng):
    n = state.sizes["people"]
    names, slugs = Names(rng, state.taken), Slugs()
    n_groups = n // 100
    n_singers = n * 6 // 100
    n_crew = n // 10
    n_actors = n - n_groups - n_singers - n_crew
    ids = list(state.ids.block(Person, n))
    actors, crew = ids[:n_actors], ids[n_actors : n_actors + n_crew]
    singers, groups = ids[n_actors + n_crew : n - n_groups], ids[n - n_groups :]
    state.star = actors[0] if actors else None
    young = [pid for i, pid in enumerate(actors) if i % 7 == 3]
    everyone = ids or [None]
    # At the default size the busiest actors get ~120 roles, writers and directors ~35 credits, singers
    # ~80 songs; the one veteran (the star) gets more than anyone.
    state.actor_picker = Picker(rng, (actors[1:] or everyone), skew=0.6, offset=50)
    state.young_picker = Picker(rng, young or actors[1:] or everyone, skew=0.6, offset=20)
    state.crew_picker = Picker(rng, crew or everyone, skew=0.6, offset=20)
    state.singer_picker = Picker(rng, (singers + groups) or everyone, skew=0.7, offset=20)
    used = set()
    group_set = set(groups)
    occupation = {**dict.fromkeys(actors, "actor"), **dict.fromkeys(crew, "director")}
    occupation.update(dict.fromkeys(singers, "singer"))

    def rows():
        for pid in ids:
            if pid in group_set:
                noun = rng.choice(NOUNS)
                if rng.random() < 0.5:
                    name, native = f"{rng.choice(AWARD_ADJECTIVES)} {noun[0]}", ""
                else:
                    name, native = noun[0].upper(), noun[1]
                name, variants = (name if names.free(name) else f"{name} {pid}"), []
                kind = Person.Kind.GROUP.value
            else:
                for _ in range(5):
                    name, native, variants = names.korean(with_variants=rng.random() < 0.8)
                    if name not in used:
                        break
                used.add(name)
                kind = "" if pid in singers and rng.random() < 0.05 else Person.Kind.PERSON.value
            state.person_name[pid] = name
            bio = ""
            if rng.random() < 0.25:
                born = rng.randint(1950, 2012)
                bio = f"{name} is a South Korean {occupation.get(pid, 'group')} born in {born}."
            yield {
                "id": pid,
                "name": name,
                "slug": slugs(name),
                "native_name": native,
                "alternative_names": "\n".join(variants),
                "kind": kind,
                "bio": bio,
            }

    state.inserter.insert(Person, rows())
    members = []
    pool = list(singers)
    for group in groups:
        for member in rng.sample(pool, min(len(pool), rng.randint(3, 6))):
            members.append({"from_person_id": member, "to_person_id": group})
    state.inserter.insert(Person.member_of.through, members)


def add_cast(state, rng):
    total = state.sizes["castings"]
    names = Names(rng, state.taken)
    weights = [
        (0.5 if info.kind in (Show.Kind.FILM, Show.Kind.SPECIAL) else 1)
        * (1.8 if info.daily else 1)
        * rng.uniform(0.6, 1.4)
        for info in state.shows
    ]
    budgets = apportion(total, weights)
    candidates = [i for i, b in enumerate(budgets) if b >= 2] if state.star else []
    star_shows = set(rng.sample(candidates, min(STAR_CREDITS, len(candidates))))
    state.star_roles = len(star_shows)
    with Batch(state.inserter) as batch:
        for index, info in enumerate(state.shows):
            if budgets[index]:
                cast_show(state, rng, names, info, budgets[index], index in star_shows, batch)


def cast_show(state, rng, names, info, budget, with_star, batch):
    groups = {"main": ("Main", None, 0)}
    if budget > 4:
        groups["supporting"] = ("Supporting", None, 1)
    if budget > 30:
        groups["family"] = ("Family", "supporting", 2)
        groups["workplace"] = ("At work", "supporting", 3)
    if budget > 40:
        groups["extended"] = ("Extended", None, 8)
    if budget > 12:
        groups["special-appearances"] = ("Special appearances", None, 9)
    group_ids = {}
    for slug, (name, parent, order) in groups.items():
        group_ids[slug] = state.ids.take(CastGroup)
        batch.add(
            CastGroup,
            {
                "id": group_ids[slug],
                "show_id": info.id,
                "name": name,
                "slug": slug,
                "parent_id": group_ids.get(parent),
                "order": order,
                "is_main": slug == "main",
            },
        )
    main = max(1, min(6, budget // 12 + 2))
    cameos = budget // 20 if "special-appearances" in groups else 0
    supporting = [g for g in ("family", "workplace", "supporting", "supporting", "extended") if g in groups]
    slugs, in_show, order = Slugs(), set(), Counter()
    castings = []  # (row, group slug)
    remaining, index = budget, 0
    while remaining > 0:
        if index < main:
            group = "main"
        elif remaining <= cameos:
            group = "special-appearances"
        else:
            group = rng.choice(supporting) if supporting else "main"
        ages = [ADULT]
        if group == "main" and rng.random() < 0.3:
            ages.append(TEEN)
        if group == "main" and rng.random() < 0.15:
            ages.append(CHILD)
        if group in ("family", "supporting") and rng.random() < 0.05:
            ages.append(TEEN)
        ages = ages[:remaining]
        unnamed = group != "main" and rng.random() < 0.02
        name, _native, variants = ("", "", []) if unnamed else names.korean(with_variants=rng.random() < 0.15)
        character_id = state.ids.take(Character)
        order[group] += 1
        batch.add(
            Character,
            {
                "id": character_id,
                "show_id": info.id,
                "name": name,
                "slug": slugs(name, prefix="") if name else f"role-{index + 1}",
                "alternative_names": "\n".join(variants[:1]),
                "description": f"A {rng.choice(JOBS)} from {rng.choice(PLACES)}." if group == "main" else "",
                "group_id": group_ids[group],
                "order": order[group],
            },
        )
        if group == "main" and name:
            info.characters.append(name)
        for billing, age in enumerate(ages, start=1):
            if rng.random() < 0.01 and not (group == "main" and age == ADULT):
                person = None
            else:
                picker = state.actor_picker if age == ADULT else state.young_picker
                person = picker.pick_new(in_show) or picker.pick()
                in_show.add(person)
            row = {
                "id": state.ids.take(Casting),
                "show_id": info.id,
                "character_id": character_id,
                "person_id": person,
                "age": age,
                "billing": billing,
                "is_cameo": group == "special-appearances",
            }
            castings.append((row, group))
        remaining -= len(ages)
        index += 1
    if with_star:
        # The veteran takes a supporting adult role (the first main one in a small cast).
        adults = [row for row, group in castings if row["age"] == ADULT]
        chosen = next((row for row, group in castings if group != "main" and row["age"] == ADULT), adults[-1])
        chosen["person_id"] = state.star
    for row, group in castings:
        batch.add(Casting, row)
        if row["person_id"] and group == "main" and row["age"] == ADULT:
            info.leads.append((row["person_id"], state.person_name.get(row["person_id"], "")))
        if row["is_cameo"] and info.episode_ids:
            for episode_id in rng.sample(info.episode_ids, min(len(info.episode_ids), rng.randint(1, 2))):
                batch.add(Casting.episodes.through, {"casting_id": row["id"], "episode_id": episode_id})


def add_crew(state, rng):
    roles = CrewCredit.Role
    shape = [
        (roles.WRITER.value, 1, 2, 1.0),
        (roles.DIRECTOR.value, 1, 2, 1.0),
        (roles.MUSIC_DIRECTOR.value, 1, 1, 0.6),
        (roles.EXECUTIVE_PRODUCER.value, 1, 2, 0.5),
        (roles.PRODUCER.value, 1, 3, 0.9),
        (roles.CINEMATOGRAPHER.value, 1, 1, 0.4),
        (roles.EDITOR.value, 1, 1, 0.3),
    ]

    def rows():
        for info in state.shows:
            for role, low, high, chance in shape:
                if rng.random() > chance:
                    continue
                taken = set()
                for order in range(1, rng.randint(low, high) + 1):
                    person = None if rng.random() < 0.01 else state.crew_picker.pick_new(taken)
                    if person:
                        taken.add(person)
                        info.crew.setdefault(role, []).append((person, state.person_name.get(person, "")))
                    yield {
                        "id": state.ids.take(CrewCredit),
                        "show_id": info.id,
                        "person_id": person,
                        "role": role,
                        "note": "Co-director" if role == roles.DIRECTOR and order > 1 else "",
                        "order": order,
                    }

    state.inserter.insert(CrewCredit, rows())
