"""What the steps share: the marks generated rows carry, the generated history's dates, and the state the
steps hand on to each other (each step reads what earlier ones left and adds its own)."""

import datetime
from dataclasses import dataclass, field

from .bulk import Ids, Inserter
from .draws import Picker
from .vocabulary import JOBS, PLACES

# How generated rows are recognised (cleanup.py finds them by these).
PREFIX = "gen-"
MEMBER_EMAIL_DOMAIN = "catalogue.invalid"
# A fixed "today" for the generated history, so a seed gives the same rows whenever it runs.
ANCHOR = datetime.date(2026, 6, 30)
FIRST_YEAR = 1995


@dataclass
class ShowInfo:
    """What later steps need to know about a generated show."""

    id: int
    slug: str
    title: str
    kind: str
    popularity: float
    network: str
    first_aired: datetime.date
    regular: int = 0
    specials: int = 0
    daily: bool = False
    episode_ids: list = field(default_factory=list)
    leads: list = field(default_factory=list)  # (person id, name) of the principal actors
    characters: list = field(default_factory=list)  # names of the principal characters
    crew: dict = field(default_factory=dict)  # role -> [(person id, name)]
    songs: list = field(default_factory=list)  # (song id, title, credit, artist ids)

    @property
    def year(self):
        return self.first_aired.year

    def air_offset(self, index):
        """Days from the first broadcast to regular episode `index` (0-based): two a week, or daily."""
        if self.daily:
            return index // 5 * 7 + index % 5
        return index // 2 * 7 + index % 2

    def last_air_offset(self):
        return self.air_offset(max(self.regular - 1, 0))

    def text_values(self, rng):
        """What a comment or an article about this show fills in (see the texts in words.toml)."""
        leads = [name for _pid, name in self.leads] or ["the lead"]
        characters = self.characters or ["the heroine"]
        return {
            "show": self.title,
            "network": self.network or "new",
            "actor": leads[0],
            "actor2": leads[1 % len(leads)],
            "character": characters[0],
            "character2": characters[1 % len(characters)],
            "job": rng.choice(JOBS),
            "place": rng.choice(PLACES),
            "n": rng.randint(1, max(self.regular, 1)),
        }


@dataclass
class State:
    """Where rows go and what the steps so far have made, for the steps after them."""

    sizes: dict
    inserter: Inserter
    ids: Ids
    taken: set  # romanization keys of every name already in the database
    # reference: networks by name, platforms, studios, genres and charts by id
    company_ids: dict = field(default_factory=dict)
    networks: list = field(default_factory=list)
    platforms: list = field(default_factory=list)
    studios: list = field(default_factory=list)
    genre_ids: list = field(default_factory=list)
    album_charts: list = field(default_factory=list)
    song_charts: list = field(default_factory=list)
    # people: names by id, the veteran actor, and who gets cast how often (draws.Picker)
    person_name: dict = field(default_factory=dict)
    star: int | None = None
    actor_picker: Picker | None = None
    young_picker: Picker | None = None
    crew_picker: Picker | None = None
    singer_picker: Picker | None = None
    # shows and episodes
    shows: list = field(default_factory=list)  # ShowInfo, in id order
    shows_by_year: dict = field(default_factory=dict)
    show_picker: Picker | None = None  # index into shows, popular ones more often
    episode_show: list = field(default_factory=list)  # (episode id, show index, air date)
    # landmarks, noted at the end: the star's roles, (episode id, comments) of the longest discussion
    star_roles: int = 0
    hot_episode: tuple | None = None
    # news and members, for the comments
    article_dates: list = field(default_factory=list)  # (article id, ShowInfo, published at)
    member_ids: list = field(default_factory=list)
