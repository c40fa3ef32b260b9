"""A large synthetic catalogue on top of the demo content, to see the portal at a real portal's size.

`generate()` bulk-inserts shows, episodes, people, casts, crews, soundtracks, awards, news, members and
comments (the same rows for the same seed and the same demo content), then rebuilds the search index.

Generated rows are recognisable, so a second run notices the catalogue and `fresh=True` removes it without
touching anything else: slugs start with "gen-", members' e-mail addresses end in "@catalogue.invalid",
and everything else (episodes, castings, nominations, comments, …) hangs off those rows. Names are chosen
so that none of them, nor any of their spellings, meets a name already in the database.

Primary keys are assigned here rather than by the database, so rows can link to each other without a
round trip; the sequences are reset afterwards (so run it while nothing else adds content). On PostgreSQL
the rows go in with COPY, elsewhere with bulk_create. Everything is inserted in one transaction: a failed
run leaves nothing behind.
"""

import contextlib
import datetime
import itertools
import random
import time
import uuid
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, reset_queries, transaction
from django.db.models import Max, Q
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

from awards.models import Category, Ceremony, Nomination
from people.models import CastGroup, Casting, Character, CrewCredit, Person
from portal.comments.models import Comment, CommentReport
from portal.news.models import Article
from portal.search import indexing as search_index
from portal.search.models import SearchEntry
from portal.search.normalize import romanization_key
from portal.text import slug_for
from shows.models import (
    Album,
    AlbumChartPeak,
    Availability,
    Chart,
    Company,
    Episode,
    Genre,
    Show,
    ShowRelation,
    Song,
    SongChartPeak,
)

PREFIX = "gen-"
MEMBER_EMAIL_DOMAIN = "catalogue.invalid"
SIZES = {
    "shows": 2_000,
    "episodes": 40_000,
    "people": 50_000,
    "castings": 200_000,
    "nominations": 100_000,
    "ceremonies": 300,
    "songs": 20_000,
    "members": 50_000,
    "comments": 1_000_000,
    "articles": 2_000,
}
# A fixed "today" for the generated history, so a seed gives the same rows whenever it runs.
ANCHOR = datetime.date(2026, 6, 30)
FIRST_YEAR = 1995
UTC = datetime.UTC
BATCH_SIZE = 5_000
STAR_CREDITS = 320  # one veteran actor gets this many roles (a person page with 300+ credits)
HOT_EPISODE_COMMENTS = 1_000  # at least one episode gets this many comments when the budget allows

# Kind of show: (share of shows in per cent, episodes relative to a series).
SHOW_KINDS = {
    Show.Kind.SERIES.value: (80, 1),
    Show.Kind.WEB_SERIES.value: (12, 0.7),
    Show.Kind.FILM.value: (5, 0),
    Show.Kind.SPECIAL.value: (3, 0.1),
}
ADULT, TEEN, CHILD = Casting.Age.ADULT.value, Casting.Age.TEEN.value, Casting.Age.CHILD.value
VISIBLE, HIDDEN = Comment.Status.VISIBLE.value, Comment.Status.HIDDEN.value


def scaled_sizes(scale=1.0, **given):
    """The default sizes times `scale` (at least 1 each), with any size given explicitly taking precedence."""
    sizes = {name: max(1, round(default * scale)) for name, default in SIZES.items()}
    sizes.update({name: value for name, value in given.items() if value is not None})
    return sizes


# --- vocabulary -------------------------------------------------------------------------------------------
def table(text):
    """The rows of a whitespace-separated table, one per line; '/' separates spellings, '-' means none."""
    return [
        [tuple(cell.split("/")) if "/" in cell else () if cell == "-" else cell for cell in line.split()]
        for line in text.strip().splitlines()
    ]


def lines(text):
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def spellings(cell):
    return cell if isinstance(cell, tuple) else (cell,)


# Family names: spelling most often printed, other spellings fans use, Hangul, how common (per cent).
SURNAMES = [
    (rom, spellings(other) if other else (), hangul, int(share))
    for rom, other, hangul, share in table("""
        Kim   Gim         김 21
        Lee   Yi/Rhee     이 15
        Park  Pak/Bak     박 8
        Choi  Choe        최 5
        Jung  Jeong/Chung 정 5
        Kang  Gang        강 2
        Cho   Jo          조 2
        Yoon  Yun         윤 2
        Jang  Chang       장 2
        Lim   Im/Rim      임 2
        Han   -           한 1
        Oh    O           오 1
        Seo   Suh         서 1
        Shin  Sin         신 1
        Kwon  Gwon        권 1
        Hwang -           황 1
        Ahn   An          안 1
        Song  -           송 1
        Jeon  Jun/Chun    전 1
        Hong  -           홍 1
        Yoo   Yu          유 1
        Ko    Go          고 1
        Moon  Mun         문 1
        Yang  -           양 1
        Son   Sohn        손 1
        Bae   Pae         배 1
        Baek  Paek/Baik   백 1
        Heo   Huh/Hur     허 1
        Nam   -           남 1
        Noh   Roh/No      노 1
        Ha    -           하 1
        Kwak  Gwak        곽 1
        Sung  Seong       성 1
        Cha   -           차 1
        Joo   Ju          주 1
        Woo   U           우 1
        Min   -           민 1
        Ryu   Yoo/Yu      류 1
        Na    Ra          나 1
        Jin   -           진 1
        Um    Eom         엄 1
        Chae  -           채 1
        Won   -           원 1
        Gong  Kong        공 1
    """)
]
# Syllables of given names: spelling most often printed, other spellings, Hangul.
SYLLABLES = [
    (rom, spellings(other) if other else (), hangul)
    for rom, other, hangul in table("""
        soo su 수
        jin - 진
        min - 민
        ji - 지
        hyun hyeon 현
        woo u 우
        seung sung 승
        eun - 은
        hye - 혜
        yeon yun/yon 연
        joon jun 준
        young yeong 영
        hee hui/hi 희
        sung seong 성
        jae - 재
        ho - 호
        seo - 서
        yoon yun 윤
        ha - 하
        na - 나
        ah a 아
        kyung gyeong 경
        jung jeong 정
        chan - 찬
        tae - 태
        dong - 동
        sang - 상
        won - 원
        bin - 빈
        bo - 보
        da - 다
        ye - 예
        rim lim 림
        kyu gyu 규
        hoon hun 훈
        seok suk 석
        chul cheol 철
        mi - 미
        ra - 라
        in - 인
        hwa - 화
        so - 소
        geon gun/kun 건
        kwang gwang 광
        il - 일
        hyuk hyeok 혁
        woong ung 웅
        joo ju 주
    """)
]
# Nouns for titles: English, Hangul, romanized Korean.
NOUNS = table("""
    Moon 달 dal
    Star 별 byeol
    Sea 바다 bada
    Spring 봄 bom
    Summer 여름 yeoreum
    Autumn 가을 gaeul
    Winter 겨울 gyeoul
    Flower 꽃 kkot
    Rain 비 bi
    Snow 눈 nun
    Wind 바람 baram
    Sky 하늘 haneul
    Heart 마음 maeum
    Dream 꿈 kkum
    Love 사랑 sarang
    Lover 연인 yeonin
    Queen 여왕 yeowang
    King 왕 wang
    Prince 왕자 wangja
    Doctor 의사 uisa
    Lawyer 변호사 byeonhosa
    Detective 형사 hyeongsa
    Chef 요리사 yorisa
    Ghost 유령 yuryeong
    Goblin 도깨비 dokkaebi
    Fox 여우 yeou
    Tiger 호랑이 horangi
    Village 마을 maeul
    Palace 궁 gung
    Hospital 병원 byeongwon
    Garden 정원 jeongwon
    Road 길 gil
    Bridge 다리 dari
    House 집 jip
    Family 가족 gajok
    Sisters 자매 jamae
    Brothers 형제 hyeongje
    Friend 친구 chingu
    Neighbor 이웃 iut
    Secret 비밀 bimil
    Promise 약속 yaksok
    Memory 기억 gieok
    Letter 편지 pyeonji
    Song 노래 norae
    Night 밤 bam
    Morning 아침 achim
    Light 빛 bit
    Shadow 그림자 geurimja
    Mirror 거울 geoul
    Island 섬 seom
    Mountain 산 san
    River 강 gang
    City 도시 dosi
    Market 시장 sijang
    School 학교 hakgyo
    Boss 사장 sajang
    Heir 후계자 hugyeja
    Bride 신부 sinbu
    Witch 마녀 manyeo
    Angel 천사 cheonsa
    Knight 기사 gisa
    Thief 도둑 doduk
    Tears 눈물 nunmul
    Smile 미소 miso
    Time 시간 sigan
    Season 계절 gyejeol
    Miracle 기적 gijeok
    Destiny 운명 unmyeong
    Revenge 복수 boksu
    Crown 왕관 wanggwan
""")
# Show title shapes: English | Hangul | romanized; {a} and {b} are nouns, {wa}/{rwa} the Korean "and".
TITLE_SHAPES = [
    tuple(part.strip() for part in line.split("|"))
    for line in lines("""
        The {a} {b}       | {ka}의 {kb}      | {ra}ui {rb}
        {b} of the {a}    | {ka}의 {kb}      | {ra}ui {rb}
        My {b}            | 나의 {kb}        | Naui {rb}
        {a} and {b}       | {ka}{wa} {kb}    | {ra}{rwa} {rb}
        Hello, {b}        | 안녕, {kb}       | Annyeong, {rb}
        The Last {b}      | 마지막 {kb}      | Majimak {rb}
        Return of the {b} | {kb}의 귀환      | {rb}ui Gwihwan
        {b} in Seoul      | 서울의 {kb}      | Seourui {rb}
        Dear {b}          | 친애하는 {kb}    | Chinaehaneun {rb}
        {a} {b}           | {ka} {kb}        | {ra} {rb}
    """)
]
NETWORKS = lines("""
    Hanbit TV
    KNB
    Seorak Broadcasting
    Channel Haneul
    Gyeol TV
    Daon Network
    Mirae TV
""")
PLATFORMS = ["Stream Maru", "Ondal+", "Wavey", "Pivot Play", "Kanvas"]
STUDIOS = lines("""
    Studio Nabi
    Blue Pine Pictures
    Hwasan Entertainment
    Moonrise Studio
    Paper Crane Media
    Studio Gaon
    Golden Oak Content
    Saebyeok Pictures
    Lantern House
    Cheongsan Media
    Northgate Content
    Dalbit Works
""")
GENRES = lines("""
    Romance
    Melodrama
    Thriller
    Fantasy
    Historical
    Medical
    Legal
    Crime
    Family
    Office
    Coming-of-age
    Revenge
    Mystery
    Action
    Horror
    Science fiction
    Slice of life
    Political
    Sports
    Musical
""")
# (name, column heading, is the album chart)
CHARTS = [
    ("Seoul Album Chart", "SAC Albums", True),
    ("Seoul Digital Chart", "SDC", False),
    ("K-Stream Top 200", "KST 200", False),
    ("Global Drama OST Chart", "GDO", False),
]
REGIONS = ["", "South Korea", "Worldwide", "Asia", "North America"]
SLOTS = lines("""
    Saturdays and Sundays at 21:10 (KST)
    Mondays and Tuesdays at 22:00 (KST)
    Wednesdays and Thursdays at 21:00 (KST)
    Fridays and Saturdays at 22:30 (KST)
""")
DAILY_SLOT = "Weekdays at 20:30 (KST)"
JOBS = lines("""
    prosecutor
    chaebol heir
    webtoon artist
    surgeon
    detective
    chef
    high-school teacher
    idol trainee
    lawyer
    reporter
    bodyguard
    florist
    baseball scout
    palace guard
    fortune teller
    start-up founder
""")
PLACES = [
    "Seoul",
    "Busan",
    "a seaside village",
    "Jeju",
    "the palace",
    "a small hospital",
    "Gangneung",
    "Incheon",
]
CITIES = ["Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Daejeon", "Jeonju", "Suwon", "Jeju", "Gangneung"]
AWARD_ADJECTIVES = (
    "Golden Silver Crystal Jade Pearl Starlight Moonlight Sunrise Crimson Ivory Sapphire Emerald Bronze "
    "Platinum Azure Amber"
).split()
AWARD_NOUNS = "Star Lotus Crane Pine Mask Camera Screen Lantern Phoenix Bell Quill Reel Frame Wave".split()
# Category | who is nominated: a show, an actor, a couple, a song, or a crew role.
CATEGORIES = [
    tuple(part.strip() for part in line.split("|"))
    for line in lines("""
        Best Drama                                     | show
        Best Actor                                     | actor
        Best Actress                                   | actor
        Best OST                                       | song
        Best Supporting Actor                          | actor
        Best Supporting Actress                        | actor
        Best New Actor                                 | actor
        Best New Actress                               | actor
        Best Director                                  | director
        Best Screenplay                                | writer
        Grand Prize (Daesang)                          | actor
        Best Couple Award                              | couple
        Popularity Award, Actor                        | actor
        Popularity Award, Actress                      | actor
        Top Excellence Award, Actor in a Miniseries    | actor
        Top Excellence Award, Actress in a Miniseries  | actor
        Excellence Award, Actor in a Miniseries        | actor
        Excellence Award, Actress in a Miniseries      | actor
        Best Young Actor                               | actor
        Best Young Actress                             | actor
        Best Music                                     | music_director
        Best Cinematography                            | cinematographer
        Best Web Series                                | show
        Drama of the Year                              | show
    """)
]
SONG_SHAPES = lines("""
    Like a {n}
    Into the {n}
    {n} Road
    Your {n}
    My {n}
    {n} of Mine
    Before the {n}
    Under the {n}
    Goodbye, {n}
    {n} and You
    Every {n}
    A {n} Away
""")
SONG_TITLES = [
    "Stay",
    "Breathe",
    "Always",
    "Still Here",
    "One Day",
    "Tonight",
    "Only You",
    "Hold On",
    "Again",
]
HANDLE_WORDS = (
    "moon star drama kdrama ost haneul byeol dal binge tears noona sunny cozy latte mochi tteok hallyu "
    "night fan ssam gimbap"
).split()
COMMENTS = lines("""
    Episode {n} of {show} broke me. {character} deserved so much better.
    {actor} is carrying this whole show, what a performance.
    The chemistry between {character} and {character2} is unreal.
    I rewatched the last ten minutes three times.
    That OST kicked in at exactly the right moment and I was gone.
    Who else is watching this at 2am with snacks?
    The pacing dragged a bit in the middle but the ending made up for it.
    {character} finally said it!!!
    Can we talk about the cinematography in this episode? Every frame is a painting.
    {actor} deserves every award this year.
    I did not expect to cry over a side character but here we are.
    The writer knows exactly how to end an episode. A week is too long to wait.
    {character2} is the real MVP of {show}.
    Not me pausing every five minutes to scream.
    This show just keeps getting better. Episode {n} is my favourite so far.
    The flashback scenes are so well done.
    Honestly the side couple is stealing the show.
    I love how {show} treats its supporting cast; everyone gets a story.
    The subtitles missed a pun in the rooftop scene, it's even funnier in Korean.
    Still thinking about that phone call scene.
""")
SPOILER_COMMENTS = lines("""
    I can't believe {character} was the one behind it all along.
    So {character2} knew about the accident from the start? My jaw dropped.
    {character} leaving for good at the end of episode {n} hurt so much.
    The wedding twist changes everything we saw in the first episodes.
    Calling it now: {character2} is the long-lost sibling.
    That final scene means {character} remembers everything. I'm not okay.
""")
REPLIES = lines("""
    Agreed, completely.
    Same here, I was not ready.
    This! Exactly what I was thinking.
    I think it makes more sense if you rewatch episode {n}.
    Hard disagree, but I see your point.
    {actor} really sold that scene.
    Haha yes, my neighbours must think I'm crazy.
    Wait until the next episode, it gets even better.
    I felt the same about {character}.
    Thank you for putting it into words.
""")
# Headline | standfirst
ARTICLE_SHAPES = [
    tuple(part.strip() for part in line.split("|"))
    for line in lines("""
        {actor} and {actor2} lead {show}         | The {network} drama pairs {actor} with {actor2}.
        {show} reaches a new high for its finale | The last episode of {show} drew its biggest audience yet.
        {actor} joins the cast of {show}         | {actor} takes on the role of {character} in {show}.
        Behind the scenes of {show}              | Stills from the set show the cast of {show} between takes.
        {show} releases its first OST part       | The soundtrack of {show} starts with a ballad.
        {actor} talks about playing {character}  | In an interview, {actor} looks back on {show}.
    """)
]
PARAGRAPHS = lines("""
    {show} follows {character}, a {job} in {place}, whose life changes in a single night.
    {actor} said the script convinced them from the first page, and that the team felt like a family.
    Viewers praised the chemistry of the leads, and clips of the rooftop scene spread quickly online.
    The production filmed for five months, mostly in {place}, and finished shooting before the premiere.
    Critics singled out the direction and the soundtrack, which fans have been streaming all week.
    {actor2} joins in a supporting role as {character2}, a part written with them in mind.
""")


# --- small helpers ----------------------------------------------------------------------------------------
def apportion(total, weights):
    """Whole numbers proportional to `weights` that add up to exactly `total` (largest remainders)."""
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum <= 0:
        weights, weight_sum = [1] * len(weights), len(weights)
    shares = [total * w / weight_sum for w in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: parts[i] - shares[i])
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


class Picker:
    """Draws from `items` with a long tail, as real catalogues have: a few stars, many bit parts."""

    def __init__(self, rng, items, skew=1.0, offset=5):
        self.rng = rng
        self.items = list(items)
        rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1 / (i + offset) ** skew for i in range(len(self.items))))
        self.total = self.cum[-1] if self.cum else 0

    def pick(self):
        if not self.items:
            return None
        return self.items[min(bisect_right(self.cum, self.rng.random() * self.total), len(self.items) - 1)]

    def pick_new(self, taken, tries=8):
        """An item not in `taken`, or None when a few draws find none."""
        for _ in range(tries):
            item = self.pick()
            if item not in taken:
                return item
        return None


def batched(items, size):
    """Lists of up to `size` items (itertools.batched from Python 3.12)."""
    items = iter(items)
    while batch := list(itertools.islice(items, size)):
        yield batch


def hangul_has_final(syllable):
    """Whether a Hangul syllable ends in a consonant (which picks 과 over 와 for 'and')."""
    code = ord(syllable[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def at(day, hour=12, rng=None, spread_hours=0):
    """An aware datetime on `day` (UTC), optionally spread over some hours."""
    moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    if rng and spread_hours:
        moment += datetime.timedelta(seconds=rng.randrange(int(spread_hours * 3600)))
    return moment


def percent(value):
    return Decimal(f"{min(max(value, 0.1), 99.0):.3f}")


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


@dataclass
class Report:
    """What a run did: rows created per model (or, when nothing was created, what was already there)."""

    created: bool
    counts: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)  # (step, rows, seconds)
    seconds: float = 0.0
    notes: list = field(default_factory=list)


# --- writing rows -----------------------------------------------------------------------------------------
def default_maker(model_field):
    """A callable giving the value Django would store for a field the row leaves out."""
    if model_field.has_default():
        default = model_field.default
        return default if callable(default) else lambda: default
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return timezone.now
    value = model_field.get_default()
    return lambda: value


@contextlib.contextmanager
def keeping_given_timestamps(model, given):
    """bulk_create lets auto_now(_add) overwrite the times a row gives; generated history keeps its own."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.attname in given and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Inserter:
    """Writes rows, given as dicts of attname -> value, with COPY on PostgreSQL and bulk_create elsewhere;
    fields a row leaves out get their model default."""

    def __init__(self, batch_size=BATCH_SIZE, on_progress=None):
        self.batch_size = batch_size
        self.counts = Counter()
        self.use_copy = connection.vendor == "postgresql"
        self.on_progress = on_progress

    def insert(self, model, rows):
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return 0
        rows = itertools.chain([first], rows)
        write = self.copy if self.use_copy else self.bulk_create
        written = write(model, first, rows)
        self.counts[model] += written
        return written

    def copy(self, model, first, rows):
        given = [f for f in model._meta.concrete_fields if f.attname in first]
        filled = [
            (f, default_maker(f))
            for f in model._meta.concrete_fields
            if f.attname not in first and not f.primary_key and f.db_default is NOT_PROVIDED
        ]
        names = [f.attname for f in given]
        makers = [maker for _f, maker in filled]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in [*given, *(f for f, _m in filled)])
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names] + [make() for make in makers])
                written += 1
                if written % 100_000 == 0 and self.on_progress:
                    self.on_progress(model, written)
        return written

    def bulk_create(self, model, first, rows):
        manager = model._default_manager
        written = 0
        with keeping_given_timestamps(model, first):
            for batch in batched(rows, self.batch_size):
                manager.bulk_create([model(**row) for row in batch], batch_size=self.batch_size)
                written += len(batch)
                reset_queries()  # with DEBUG on, Django would keep every batch's SQL in memory
                if self.on_progress and written % 100_000 < len(batch):
                    self.on_progress(model, written)
        return written


class Batch:
    """Rows of several models gathered a few thousand at a time, then written model by model."""

    def __init__(self, inserter, limit=50_000):
        self.inserter, self.limit = inserter, limit
        self.rows, self.size = {}, 0

    def add(self, model, row):
        self.rows.setdefault(model, []).append(row)
        self.size += 1
        if self.size >= self.limit:
            self.flush()

    def flush(self):
        for model, rows in self.rows.items():
            self.inserter.insert(model, rows)
        self.rows, self.size = {}, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


class Ids:
    """Primary keys handed out in blocks after the highest one in use."""

    def __init__(self):
        self.next = {}

    def block(self, model, count):
        if model not in self.next:
            self.next[model] = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        start = self.next[model]
        self.next[model] = start + count
        return range(start, start + count)

    def take(self, model):
        return self.block(model, 1)[0]


def reset_sequences(models):
    """After inserting explicit primary keys, the database's own counters must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# --- names ------------------------------------------------------------------------------------------------
class Names:
    """Korean-style names with the other spellings fans type, never meeting a name already in use."""

    def __init__(self, rng, taken_keys):
        self.rng = rng
        self.taken = taken_keys
        self.surname_cum = list(itertools.accumulate(s[3] for s in SURNAMES))

    def spell(self, surname, first, second):
        return f"{surname} {first.capitalize()}-{second}"

    def korean(self, with_variants=True):
        """(name, Hangul name, alternative spellings)."""
        rng = self.rng
        for _ in range(50):
            surname = SURNAMES[bisect_right(self.surname_cum, rng.random() * self.surname_cum[-1])]
            first, second = rng.sample(SYLLABLES, 2)
            name = self.spell(surname[0], first[0], second[0])
            variants = []
            if with_variants:
                variants.append(f"{surname[0]} {first[0].capitalize()} {second[0].capitalize()}")
                other_surname = rng.choice(surname[1]) if surname[1] and rng.random() < 0.7 else surname[0]
                other_first = rng.choice(first[1]) if first[1] and rng.random() < 0.7 else first[0]
                other_second = rng.choice(second[1]) if second[1] and rng.random() < 0.7 else second[0]
                other = self.spell(other_surname, other_first, other_second)
                if other != name:
                    variants.append(other)
                    if rng.random() < 0.5:
                        variants.append(
                            f"{other_surname} {other_first.capitalize()} {other_second.capitalize()}"
                        )
                if rng.random() < 0.3:
                    variants.append(f"{surname[0]} {first[0].capitalize()}{second[0]}")
            if not any(romanization_key(n) in self.taken for n in [name, *variants]):
                return name, surname[2] + first[2] + second[2], variants
        return name, surname[2] + first[2] + second[2], []

    def free(self, *names):
        return not any(romanization_key(n) in self.taken for n in names if n)


def taken_name_keys():
    """Romanization keys of every name in the database, so generated names never shadow them in search."""
    keys = set()

    def add(*values):
        for value in values:
            for line in (value or "").splitlines():
                if line.strip():
                    keys.add(romanization_key(line))

    for name, native, other in Person.objects.values_list("name", "native_name", "alternative_names"):
        add(name, native, other)
    for name, other in Character.objects.values_list("name", "alternative_names"):
        add(name, other)
    for title, native, other in Show.objects.values_list("title", "native_title", "alternative_titles"):
        add(title, native, other)
    for title, native, other in Song.objects.values_list("title", "native_title", "alternative_titles"):
        add(title, native, other)
    for model in (Ceremony, Company, Genre, Chart):
        add(*model.objects.values_list("name", flat=True))
    return keys


class Slugs:
    """Slugs ('gen-' ones unless told otherwise), numbered when a name repeats."""

    def __init__(self):
        self.seen = Counter()

    def __call__(self, name, prefix=PREFIX):
        base = (prefix + slug_for(name))[:190]
        self.seen[base] += 1
        return base if self.seen[base] == 1 else f"{base}-{self.seen[base]}"


# --- the generator ----------------------------------------------------------------------------------------
class Generator:
    def __init__(self, sizes, seed, progress):
        self.sizes, self.seed, self.progress = sizes, seed, progress
        self.inserter = Inserter(on_progress=self.tick)
        self.ids = Ids()
        self.started = self.step_started = time.monotonic()
        self.steps = []
        self.taken = taken_name_keys()
        self.shows = []
        self.person_name = {}
        self.notes = []
        self.star_roles, self.hot_episode = 0, None

    def rng(self, step):
        return random.Random(f"{self.seed}:{step}")

    def elapsed(self):
        return time.monotonic() - self.started

    def tick(self, model, written):
        rate = written / max(time.monotonic() - self.step_started, 1e-6)
        self.progress(
            f"    … {written:,} {model._meta.verbose_name_plural} ({rate:,.0f} rows/s, "
            f"elapsed {self.elapsed():.0f} s)"
        )

    def step(self, name, build):
        before = Counter(self.inserter.counts)
        self.step_started = time.monotonic()
        build()
        seconds = time.monotonic() - self.step_started
        written = self.inserter.counts - before
        rows = sum(written.values())
        detail = ", ".join(f"{n:,} {model._meta.verbose_name_plural}" for model, n in written.items())
        self.progress(
            f"  {name:<12} {rows:>10,} rows in {seconds:6.1f} s ({rows / max(seconds, 1e-6):>9,.0f} rows/s) "
            f"· elapsed {self.elapsed():6.1f} s  [{detail}]"
        )
        self.steps.append((name, rows, seconds))

    def run(self):
        self.step("reference", self.reference)
        self.step("people", self.people)
        self.step("shows", self.make_shows)
        self.step("episodes", self.episodes)
        self.step("cast", self.cast)
        self.step("crew", self.crew)
        self.step("soundtracks", self.soundtracks)
        self.step("awards", self.awards)
        self.step("news", self.news)
        self.step("members", self.members)
        self.step("comments", self.comments)
        reset_sequences(list(self.ids.next))
        self.note_landmarks()
        return self.inserter.counts

    def note_landmarks(self):
        """Where the pages that are heaviest at this size are, for benchmarks and query-count checks."""
        if self.star_roles:
            star = Person.objects.get(pk=self.star)
            self.notes.append(f"{self.star_roles} roles: {star.name}, {star.get_absolute_url()}")
        if self.hot_episode:
            episode_id, count = self.hot_episode
            episode = Episode.objects.select_related("show").get(pk=episode_id)
            self.notes.append(f"{count:,} comments: {episode}, {episode.get_absolute_url()}")

    # --- networks, studios, platforms, genres, charts ------------------------------------------------------
    def reference(self):
        def named(names):
            return [n for n in names if romanization_key(n) not in self.taken]

        companies = named(NETWORKS + PLATFORMS + STUDIOS)
        ids = self.ids.block(Company, len(companies))
        self.company_ids = dict(zip(companies, ids, strict=True))
        self.networks = [n for n in NETWORKS if n in self.company_ids]
        self.platforms = [self.company_ids[n] for n in PLATFORMS if n in self.company_ids]
        self.studios = [self.company_ids[n] for n in STUDIOS if n in self.company_ids]
        self.inserter.insert(
            Company, ({"id": i, "name": n, "slug": PREFIX + slug_for(n)} for n, i in self.company_ids.items())
        )
        genres = named(GENRES)
        self.genre_ids = list(self.ids.block(Genre, len(genres)))
        self.inserter.insert(
            Genre,
            (
                {"id": i, "name": n, "slug": PREFIX + slug_for(n)}
                for n, i in zip(genres, self.genre_ids, strict=True)
            ),
        )
        charts = [c for c in CHARTS if romanization_key(c[0]) not in self.taken]
        chart_ids = self.ids.block(Chart, len(charts))
        self.album_charts = [i for (_n, _s, albums), i in zip(charts, chart_ids, strict=True) if albums]
        self.song_charts = [i for (_n, _s, albums), i in zip(charts, chart_ids, strict=True) if not albums]
        self.inserter.insert(
            Chart,
            (
                {"id": i, "name": n, "short_name": short, "slug": PREFIX + slug_for(n), "order": 10 + order}
                for order, ((n, short, _a), i) in enumerate(zip(charts, chart_ids, strict=True))
            ),
        )

    # --- people: actors (a few of them young), crew, singers and groups ------------------------------------
    def people(self):
        rng, n = self.rng("people"), self.sizes["people"]
        names, slugs = Names(rng, self.taken), Slugs()
        n_groups = n // 100
        n_singers = n * 6 // 100
        n_crew = n // 10
        n_actors = n - n_groups - n_singers - n_crew
        ids = list(self.ids.block(Person, n))
        actors, crew = ids[:n_actors], ids[n_actors : n_actors + n_crew]
        singers, groups = ids[n_actors + n_crew : n - n_groups], ids[n - n_groups :]
        self.star = actors[0] if actors else None
        young = [pid for i, pid in enumerate(actors) if i % 7 == 3]
        everyone = ids or [None]
        # At the default size the busiest actors get ~120 roles, writers and directors ~35 credits, singers
        # ~80 songs; the one veteran (the star) gets more than anyone.
        self.actor_picker = Picker(rng, (actors[1:] or everyone), skew=0.6, offset=50)
        self.young_picker = Picker(rng, young or actors[1:] or everyone, skew=0.6, offset=20)
        self.crew_picker = Picker(rng, crew or everyone, skew=0.6, offset=20)
        self.singer_picker = Picker(rng, (singers + groups) or everyone, skew=0.7, offset=20)
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
                self.person_name[pid] = name
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

        self.inserter.insert(Person, rows())
        members = []
        pool = list(singers)
        for group in groups:
            for member in rng.sample(pool, min(len(pool), rng.randint(3, 6))):
                members.append({"from_person_id": member, "to_person_id": group})
        self.inserter.insert(Person.member_of.through, members)

    # --- shows, with their genres, studios, streaming and relations ----------------------------------------
    def make_shows(self):
        rng, n = self.rng("shows"), self.sizes["shows"]
        slugs = Slugs()
        ids = self.ids.block(Show, n)
        kinds = rng.choices(
            list(SHOW_KINDS), weights=[share for share, _episodes in SHOW_KINDS.values()], k=n
        )
        years = list(range(FIRST_YEAR, ANCHOR.year + 1))
        daily = [kind == Show.Kind.SERIES and rng.random() < 0.05 for kind in kinds]
        weights = [
            SHOW_KINDS[kind][1] * (6 if is_daily else rng.uniform(0.75, 1.4))
            for kind, is_daily in zip(kinds, daily, strict=True)
        ]
        if not any(weights):
            weights = [1] * n
        episode_counts = apportion(self.sizes["episodes"], weights)
        titles_used = set()
        rows, genre_rows, studio_rows, stream_rows = [], [], [], []
        for index, show_id in enumerate(ids):
            kind = kinds[index]
            title, native, alternatives = self.title(rng, titles_used)
            count = episode_counts[index]
            specials = rng.randint(1, 2) if count >= 10 and rng.random() < 0.12 else 0
            regular = count - specials
            year = rng.choices(years, weights=[(y - FIRST_YEAR + 3) ** 1.3 for y in years])[0]
            first = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            span = (regular if daily[index] else regular // 2 * 7) + (specials * 7) + 7
            if first + datetime.timedelta(days=span) > ANCHOR:
                first = ANCHOR - datetime.timedelta(days=span)
            network = rng.choice(self.networks) if self.networks else ""
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
            self.shows.append(info)
            last = first + datetime.timedelta(days=self.air_offset(info, max(regular - 1, 0)))
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
                    "network_id": self.company_ids.get(network),
                    "developer_id": rng.choice(self.studios) if self.studios and rng.random() < 0.2 else None,
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
            for genre_id in rng.sample(self.genre_ids, min(len(self.genre_ids), rng.randint(1, 3))):
                genre_rows.append({"show_id": show_id, "genre_id": genre_id})
            for company_id in rng.sample(self.studios, min(len(self.studios), rng.randint(1, 2))):
                studio_rows.append({"show_id": show_id, "company_id": company_id})
            for platform_id in rng.sample(self.platforms, min(len(self.platforms), rng.randint(0, 2))):
                stream_rows.append(
                    {"show_id": show_id, "platform_id": platform_id, "region": rng.choice(REGIONS)}
                )
        self.inserter.insert(Show, rows)
        self.inserter.insert(Show.genres.through, genre_rows)
        self.inserter.insert(Show.production_companies.through, studio_rows)
        self.inserter.insert(Availability, stream_rows)
        relations = []
        if n > 1:
            for info in rng.sample(self.shows, max(1, n // 50)):
                other = rng.choice(self.shows)
                if other is not info:
                    note = rng.choice(["Same writer", "Same director", "Spin-off", "Shares a lead actor"])
                    relations.append(
                        {
                            "id": self.ids.take(ShowRelation),
                            "show_id": info.id,
                            "related_id": other.id,
                            "note": note,
                        }
                    )
        self.inserter.insert(ShowRelation, relations)
        self.shows_by_year = {}
        for info in self.shows:
            self.shows_by_year.setdefault(info.year, []).append(info)
        self.show_picker = Picker(rng, range(len(self.shows)), skew=0.8, offset=10)

    def title(self, rng, used):
        for attempt in range(200):
            english, hangul, romanized = rng.choice(TITLE_SHAPES)
            a, b = rng.sample(NOUNS, 2)
            title = english.format(a=a[0], b=b[0])
            if attempt > 100:
                title = f"{title} {rng.choice(['Returns', 'Forever', 'Again', 'Rising'])}"
            if title in used or romanization_key(title) in self.taken:
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
            return title, native, [t for t in alternatives if romanization_key(t) not in self.taken]
        raise RuntimeError("Ran out of show titles; add nouns or title shapes.")

    @staticmethod
    def air_offset(info, index):
        """Days from the first broadcast to regular episode `index` (0-based): two a week, or daily."""
        if info.daily:
            return index // 5 * 7 + index % 5
        return index // 2 * 7 + index % 2

    # --- episodes ------------------------------------------------------------------------------------------
    def episodes(self):
        rng = self.rng("episodes")
        self.episode_show = []  # per episode: (episode id, show index, air date)
        first_id = self.ids.block(Episode, self.sizes["episodes"]).start
        next_id = itertools.count(first_id)

        def rows():
            for show_index, info in enumerate(self.shows):
                base = rng.lognormvariate(1.6, 0.6)
                has_ratings = info.kind != Show.Kind.WEB_SERIES
                numbered = [(Episode.Kind.REGULAR.value, n) for n in range(1, info.regular + 1)]
                numbered += [(Episode.Kind.SPECIAL.value, n) for n in range(1, info.specials + 1)]
                last = self.air_offset(info, max(info.regular - 1, 0))
                for kind, number in numbered:
                    episode_id = next(next_id)
                    if kind == Episode.Kind.REGULAR:
                        offset = self.air_offset(info, number - 1)
                        info.episode_ids.append(episode_id)
                    else:
                        offset = last + 7 * number
                    air_date = info.first_aired + datetime.timedelta(days=offset)
                    self.episode_show.append((episode_id, show_index, air_date))
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

        self.inserter.insert(Episode, rows())

    # --- cast groups, characters, castings (and cameo episodes) --------------------------------------------
    def cast(self):
        rng, total = self.rng("cast"), self.sizes["castings"]
        names = Names(rng, self.taken)
        weights = [
            (0.5 if info.kind in (Show.Kind.FILM, Show.Kind.SPECIAL) else 1)
            * (1.8 if info.daily else 1)
            * rng.uniform(0.6, 1.4)
            for info in self.shows
        ]
        budgets = apportion(total, weights)
        candidates = [i for i, b in enumerate(budgets) if b >= 2] if self.star else []
        star_shows = set(rng.sample(candidates, min(STAR_CREDITS, len(candidates))))
        self.star_roles = len(star_shows)
        with Batch(self.inserter) as batch:
            for index, info in enumerate(self.shows):
                if budgets[index]:
                    self.cast_show(rng, names, info, budgets[index], index in star_shows, batch)

    def cast_show(self, rng, names, info, budget, with_star, batch):
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
            group_ids[slug] = self.ids.take(CastGroup)
            batch.add(
                CastGroup,
                {
                    "id": group_ids[slug],
                    "show_id": info.id,
                    "name": name,
                    "slug": slug,
                    "parent_id": group_ids.get(parent),
                    "order": order,
                },
            )
        main = max(1, min(6, budget // 12 + 2))
        cameos = budget // 20 if "special-appearances" in groups else 0
        supporting = [
            g for g in ("family", "workplace", "supporting", "supporting", "extended") if g in groups
        ]
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
            name, _native, variants = (
                ("", "", []) if unnamed else names.korean(with_variants=rng.random() < 0.15)
            )
            character_id = self.ids.take(Character)
            order[group] += 1
            batch.add(
                Character,
                {
                    "id": character_id,
                    "show_id": info.id,
                    "name": name,
                    "slug": slugs(name, prefix="") if name else f"role-{index + 1}",
                    "alternative_names": "\n".join(variants[:1]),
                    "description": f"A {rng.choice(JOBS)} from {rng.choice(PLACES)}."
                    if group == "main"
                    else "",
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
                    picker = self.actor_picker if age == ADULT else self.young_picker
                    person = picker.pick_new(in_show) or picker.pick()
                    in_show.add(person)
                row = {
                    "id": self.ids.take(Casting),
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
            chosen = next(
                (row for row, group in castings if group != "main" and row["age"] == ADULT), adults[-1]
            )
            chosen["person_id"] = self.star
        for row, group in castings:
            batch.add(Casting, row)
            if row["person_id"] and group == "main" and row["age"] == ADULT:
                info.leads.append((row["person_id"], self.person_name.get(row["person_id"], "")))
            if row["is_cameo"] and info.episode_ids:
                for episode_id in rng.sample(info.episode_ids, min(len(info.episode_ids), rng.randint(1, 2))):
                    batch.add(Casting.episodes.through, {"casting_id": row["id"], "episode_id": episode_id})

    # --- crew ----------------------------------------------------------------------------------------------
    def crew(self):
        rng = self.rng("crew")
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
            for info in self.shows:
                for role, low, high, chance in shape:
                    if rng.random() > chance:
                        continue
                    taken = set()
                    for order in range(1, rng.randint(low, high) + 1):
                        person = None if rng.random() < 0.01 else self.crew_picker.pick_new(taken)
                        if person:
                            taken.add(person)
                            info.crew.setdefault(role, []).append((person, self.person_name.get(person, "")))
                        yield {
                            "id": self.ids.take(CrewCredit),
                            "show_id": info.id,
                            "person_id": person,
                            "role": role,
                            "note": "Co-director" if role == roles.DIRECTOR and order > 1 else "",
                            "order": order,
                        }

        self.inserter.insert(CrewCredit, rows())

    # --- soundtracks: albums, songs, artists, chart peaks --------------------------------------------------
    def soundtracks(self):
        rng = self.rng("soundtracks")
        weights = [(0.3 if info.kind == Show.Kind.FILM else 1) * info.popularity**0.3 for info in self.shows]
        counts = apportion(self.sizes["songs"], weights)
        with Batch(self.inserter) as batch:
            for info, count in zip(self.shows, counts, strict=True):
                if count:
                    self.soundtrack(rng, info, count, batch)

    def soundtrack(self, rng, info, count, batch):
        album_id = None
        release = info.first_aired + datetime.timedelta(
            days=self.air_offset(info, max(info.regular - 1, 0)) + 3
        )
        album_artists = []
        if count >= 3:
            album_id = self.ids.take(Album)
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
            for chart in self.album_charts:
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
            title = self.song_title(rng, titles)
            song_id = self.ids.take(Song)
            n_artists = rng.choices([0, 1, 2], weights=[8, 80, 12])[0]
            artists = []
            for _ in range(n_artists):
                artist = self.singer_picker.pick_new(artists)
                if artist:
                    artists.append(artist)
            credit = " & ".join(self.person_name.get(a, "") for a in artists)
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
            for chart in self.song_charts:
                charted = rng.random() < 0.35 * min(info.popularity, 2)
                position = min(200, int(rng.paretovariate(0.6))) if charted else None
                batch.add(SongChartPeak, {"song_id": song_id, "chart_id": chart, "position": position})
            info.songs.append((song_id, title, credit, artists))
        if album_id:
            for artist in album_artists[:6]:
                batch.add(Album.artists.through, {"album_id": album_id, "person_id": artist})

    def song_title(self, rng, used):
        for _ in range(50):
            if rng.random() < 0.2:
                title = rng.choice(SONG_TITLES)
            else:
                title = rng.choice(SONG_SHAPES).format(n=rng.choice(NOUNS)[0])
            if title not in used and romanization_key(title) not in self.taken:
                used.add(title)
                return title
        title = f"{title} ({len(used) + 1})"
        used.add(title)
        return title

    # --- awards: ceremonies, categories, nominations and their nominees ------------------------------------
    def ceremony_names(self, rng, count):
        names = [f"{network} Drama Awards" for network in self.networks]
        names += [f"{city} International Drama Festival" for city in CITIES]
        names += [f"{adjective} {noun} Awards" for adjective in AWARD_ADJECTIVES for noun in AWARD_NOUNS]
        names += [f"{city} {noun} Awards" for city in CITIES for noun in AWARD_NOUNS]
        names = [n for n in names if romanization_key(n) not in self.taken]
        rng.shuffle(names)
        # Beyond the list, regional editions: "Golden Star Awards (Busan)".
        extra = (f"{name} ({city})" for city in CITIES for name in list(names))
        return [*names, *itertools.islice(extra, max(0, count - len(names)))][:count]

    def awards(self):
        rng = self.rng("awards")
        count, total = self.sizes["ceremonies"], self.sizes["nominations"]
        names = self.ceremony_names(rng, count)
        budgets = apportion(total, [rng.uniform(0.3, 1.7) for _ in names])
        with Batch(self.inserter) as batch:
            for name, budget in zip(names, budgets, strict=True):
                self.ceremony(rng, name, budget, batch)

    def ceremony(self, rng, name, budget, batch):
        ceremony_id = self.ids.take(Ceremony)
        batch.add(
            Ceremony,
            {
                "id": ceremony_id,
                "name": name,
                "slug": PREFIX + slug_for(name),
                "description": f"{name}, honouring Korean television dramas.",
            },
        )
        categories = CATEGORIES[:4] + rng.sample(CATEGORIES[4:], rng.randint(6, len(CATEGORIES) - 4))
        category_ids = []
        for category, _kind in categories:
            category_ids.append(self.ids.take(Category))
            batch.add(
                Category,
                {
                    "id": category_ids[-1],
                    "ceremony_id": ceremony_id,
                    "name": category,
                    "slug": slug_for(category),
                },
            )
        if not budget:
            return
        n_years = max(1, min(ANCHOR.year - FIRST_YEAR, round(budget / (len(categories) * 4))))
        years = range(ANCHOR.year - n_years + 1, ANCHOR.year + 1)
        for year, year_budget in zip(years, apportion(budget, [1] * n_years), strict=True):
            per_category = apportion(year_budget, [1] * len(categories))
            position = 0
            for (_category, kind), category_id, nominees in zip(
                categories, category_ids, per_category, strict=True
            ):
                shows = self.shows_for_year(rng, year, nominees)
                for place, info in enumerate(shows):
                    position += 1
                    nomination_id = self.ids.take(Nomination)
                    if place == 0 and year < ANCHOR.year:
                        result = Nomination.Result.WON.value
                    else:
                        result = Nomination.Result.NOMINATED.value
                    if rng.random() < 0.03:
                        result = Nomination.Result.NOT_RECORDED.value
                    text, people, songs, nominee_show = self.nominee(rng, kind, info)
                    batch.add(
                        Nomination,
                        {
                            "id": nomination_id,
                            "ceremony_id": ceremony_id,
                            "category_id": category_id,
                            "year": year,
                            "position": position,
                            "result": result,
                            "show_id": info.id,
                            "nominee_text": text,
                            "nominee_show_id": nominee_show,
                            "note": "",
                        },
                    )
                    for person in people:
                        batch.add(
                            Nomination.nominee_people.through,
                            {"nomination_id": nomination_id, "person_id": person},
                        )
                    for song in songs:
                        batch.add(
                            Nomination.nominee_songs.through,
                            {"nomination_id": nomination_id, "song_id": song},
                        )

    def shows_for_year(self, rng, year, count):
        """`count` shows that aired the year before the ceremony or near it (repeated only if too few did)."""
        pool = []
        for distance in range(0, ANCHOR.year - FIRST_YEAR + 2):
            pool += self.shows_by_year.get(year - 1 - distance, []) + self.shows_by_year.get(
                year + distance, []
            )
            if len(pool) >= count:
                break
        if not pool:
            return []
        if count <= len(pool):
            return rng.sample(pool, count)
        return [rng.choice(pool) for _ in range(count)]

    def nominee(self, rng, kind, info):
        """(nominee as printed, people, songs, nominated show) for a category's kind of nominee."""
        if kind == "show":
            return info.title, [], [], info.id
        if kind in ("actor", "couple"):
            leads = info.leads
            if not leads:
                return "", [], [], None
            chosen = rng.sample(leads, min(len(leads), 2 if kind == "couple" else 1))
            people = list(dict.fromkeys(pid for pid, _name in chosen))
            return " and ".join(self.person_name[pid] for pid in people), people, [], None
        if kind == "song":
            if not info.songs:
                return "", [], [], None
            song_id, title, credit, artists = rng.choice(info.songs)
            text = f'"{title}" ({credit})' if credit else f'"{title}"'
            return text, list(artists), [song_id], None
        credits = info.crew.get(kind, [])
        if not credits:
            return "", [], [], None
        person, name = rng.choice(credits)
        return name, [person], [], None

    # --- news ----------------------------------------------------------------------------------------------
    def news(self):
        rng, count = self.rng("news"), self.sizes["articles"]
        if not self.shows:
            return
        slugs = Slugs()
        self.article_dates = []
        with Batch(self.inserter) as batch:
            for article_id in self.ids.block(Article, count):
                info = self.shows[self.show_picker.pick()]
                values = self.text_values(rng, info)
                headline, standfirst = rng.choice(ARTICLE_SHAPES)
                title = headline.format(**values)
                published = at(info.first_aired, rng=rng, spread_hours=24) + datetime.timedelta(
                    days=rng.randint(-60, 120)
                )
                published = min(published, at(ANCHOR))
                self.article_dates.append((article_id, info, published))
                paragraphs = [p.format(**values) for p in rng.sample(PARAGRAPHS, 3)]
                batch.add(
                    Article,
                    {
                        "id": article_id,
                        "title": title,
                        "slug": slugs(title),
                        "standfirst": standfirst.format(**values),
                        "body": "\n\n".join(paragraphs),
                        "published_at": published,
                        "story_date": published.date() if rng.random() < 0.7 else None,
                        "source_note": "",
                        "has_spoilers": rng.random() < 0.1,
                    },
                )
                batch.add(Article.shows.through, {"article_id": article_id, "show_id": info.id})
                for person in list(dict.fromkeys(pid for pid, _n in info.leads[:2])):
                    batch.add(Article.people.through, {"article_id": article_id, "person_id": person})
                if info.episode_ids and rng.random() < 0.3:
                    batch.add(
                        Article.episodes.through,
                        {"article_id": article_id, "episode_id": rng.choice(info.episode_ids)},
                    )

    def text_values(self, rng, info):
        leads = [name for _pid, name in info.leads] or ["the lead"]
        characters = info.characters or ["the heroine"]
        return {
            "show": info.title,
            "network": info.network or "new",
            "actor": leads[0],
            "actor2": leads[1 % len(leads)],
            "character": characters[0],
            "character2": characters[1 % len(characters)],
            "job": rng.choice(JOBS),
            "place": rng.choice(PLACES),
            "n": rng.randint(1, max(info.regular, 1)),
        }

    # --- members: accounts that cannot log in (hashing 50,000 passwords would take minutes) ----------------
    def members(self):
        rng, count = self.rng("members"), self.sizes["members"]
        user_model = get_user_model()
        existing = set(user_model.objects.values_list("username", flat=True))
        self.member_ids = []
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

        def rows():
            for number, member_id in enumerate(self.ids.block(user_model, count), start=1):
                username = f"{rng.choice(HANDLE_WORDS)}_{rng.choice(HANDLE_WORDS)}{number}"
                if username in existing:
                    username = f"{username}_{member_id}"
                self.member_ids.append(member_id)
                yield {
                    "id": member_id,
                    "username": username,
                    "email": f"{username}@{MEMBER_EMAIL_DOMAIN}",
                    "password": UNUSABLE_PASSWORD_PREFIX + "".join(rng.choices(letters, k=40)),
                    "date_joined": at(datetime.date(2012, 1, 1), rng=rng, spread_hours=24 * 365 * 14),
                    "is_active": rng.random() > 0.01,
                }

        self.inserter.insert(user_model, rows())

    # --- comments: threads with replies, ~10% spoilers, one episode with a very long discussion ------------
    def comments(self):
        rng, total = self.rng("comments"), self.sizes["comments"]
        if not total:
            return
        # (is an episode, target id, show, when the discussion starts)
        targets = [(True, e, self.shows[s], at(day)) for e, s, day in self.episode_show]
        # Most episodes get a few dozen comments, hits a few hundred, the biggest around two thousand.
        weights = [
            self.shows[s].popularity ** 0.7 * rng.paretovariate(2.5) for _e, s, _d in self.episode_show
        ]
        targets += [(False, a, info, published) for a, info, published in self.article_dates]
        weights += [0.3 * rng.paretovariate(2.5) for _ in self.article_dates]
        counts = apportion(total, weights)
        if self.episode_show and total >= HOT_EPISODE_COMMENTS:
            # The longest discussion: an episode of the most popular show gets at least a thousand comments.
            hot = max(
                range(len(self.episode_show)), key=lambda i: self.shows[self.episode_show[i][1]].popularity
            )
            want = max(HOT_EPISODE_COMMENTS, total // 1000)
            if counts[hot] < want:
                counts = apportion(total - want, [0 if i == hot else w for i, w in enumerate(weights)])
                counts[hot] = want
            self.hot_episode = (self.episode_show[hot][0], counts[hot])
        authors = Picker(rng, self.member_ids, skew=0.8, offset=30)
        first_id = self.ids.block(Comment, total).start

        def rows():
            next_id = itertools.count(first_id)
            for (on_episode, target_id, info, start), count in zip(targets, counts, strict=True):
                if count:
                    yield from self.discussion(
                        rng, next_id, authors, on_episode, target_id, info, start, count
                    )

        self.inserter.insert(Comment, rows())

    def discussion(self, rng, next_id, authors, on_episode, target_id, info, start, count):
        """`count` comments on one page: threads of a top-level comment and replies (to it or to a reply)."""
        replies = int(count * 0.4) if count > 1 else 0
        roots = count - replies
        values = self.text_values(rng, info)
        thread_weights = [rng.paretovariate(1.2) for _ in range(roots)]
        per_thread = Counter(rng.choices(range(roots), weights=thread_weights, k=replies)) if replies else {}
        target = {
            "episode_id": target_id if on_episode else None,
            "article_id": None if on_episode else target_id,
        }
        for thread in range(roots):
            root_id = next(next_id)
            moment = start + datetime.timedelta(seconds=int(rng.expovariate(1 / 86_400)))
            yield self.comment(rng, root_id, target, None, None, moment, values, COMMENTS, authors)
            earlier = [(root_id, moment)]
            for _ in range(per_thread.get(thread, 0)):
                parent, parent_moment = earlier[0] if rng.random() < 0.75 else rng.choice(earlier)
                moment = max(moment, parent_moment) + datetime.timedelta(
                    seconds=int(rng.expovariate(1 / 7_200)) + 30
                )
                reply_id = next(next_id)
                yield self.comment(rng, reply_id, target, parent, root_id, moment, values, REPLIES, authors)
                earlier.append((reply_id, moment))

    def comment(self, rng, comment_id, target, parent, root, moment, values, texts, authors):
        spoiler = rng.random() < 0.1
        deleted = rng.random() < 0.005
        body = rng.choice(SPOILER_COMMENTS if spoiler else texts).format(**values)
        if rng.random() < 0.3:
            body += " " + rng.choice(COMMENTS).format(**values)
        return {
            "id": comment_id,
            **target,
            "author_id": authors.pick(),
            "parent_id": parent,
            "root_id": root,
            "body": "" if deleted else body,
            "is_spoiler": spoiler,
            "status": HIDDEN if rng.random() < 0.005 else VISIBLE,
            "is_deleted": deleted,
            "created_at": moment,
            "edited_at": moment + datetime.timedelta(minutes=rng.randint(1, 600))
            if rng.random() < 0.03
            else None,
            "submission": uuid.UUID(int=rng.getrandbits(128), version=4),
        }


# --- finding and removing a generated catalogue -----------------------------------------------------------
def generated_roots():
    """Querysets of the generated rows everything else hangs off."""
    return {
        "shows": Show.objects.filter(slug__startswith=PREFIX),
        "people": Person.objects.filter(slug__startswith=PREFIX),
        "ceremonies": Ceremony.objects.filter(slug__startswith=PREFIX),
        "articles": Article.objects.filter(slug__startswith=PREFIX),
        "companies": Company.objects.filter(slug__startswith=PREFIX),
        "genres": Genre.objects.filter(slug__startswith=PREFIX),
        "charts": Chart.objects.filter(slug__startswith=PREFIX),
        "members": get_user_model().objects.filter(email__endswith=f"@{MEMBER_EMAIL_DOMAIN}"),
    }


def generated_catalogue():
    """{root: count} of a generated catalogue in the database; empty when there is none."""
    counts = {name: qs.count() for name, qs in generated_roots().items()}
    return {name: n for name, n in counts.items() if n}


def delete_rows(queryset):
    """DELETE the queryset's rows in one statement: no signals, no per-row fetching, FKs checked at commit."""
    model = queryset.model
    select, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({select})",
            params,
        )
        return cursor.rowcount


def delete_generated(progress=print):
    """Remove the generated catalogue and nothing else: the big tables in bulk, then the generated roots
    through the ORM, which also finds anything else pointing at them."""
    roots = generated_roots()
    shows, people, members = roots["shows"], roots["people"], roots["members"]
    episodes = Episode.objects.filter(show__in=shows)
    articles = roots["articles"]
    comments = Comment.objects.filter(
        Q(episode__in=episodes) | Q(article__in=articles) | Q(author__in=members)
    )
    nominations = Nomination.objects.filter(Q(ceremony__in=roots["ceremonies"]) | Q(show__in=shows))
    songs = Song.objects.filter(show__in=shows)
    castings = Casting.objects.filter(Q(show__in=shows) | Q(person__in=people))
    bulk = [
        CommentReport.objects.filter(Q(comment__in=comments) | Q(reporter__in=members)),
        comments,
        Casting.episodes.through.objects.filter(Q(casting__in=castings) | Q(episode__in=episodes)),
        Nomination.nominee_people.through.objects.filter(
            Q(nomination__in=nominations) | Q(person__in=people)
        ),
        Nomination.nominee_songs.through.objects.filter(Q(nomination__in=nominations) | Q(song__in=songs)),
        nominations,
        Category.objects.filter(ceremony__in=roots["ceremonies"]),
        Song.artists.through.objects.filter(Q(song__in=songs) | Q(person__in=people)),
        Album.artists.through.objects.filter(Q(album__show__in=shows) | Q(person__in=people)),
        SongChartPeak.objects.filter(Q(song__in=songs) | Q(chart__in=roots["charts"])),
        AlbumChartPeak.objects.filter(Q(album__show__in=shows) | Q(chart__in=roots["charts"])),
        songs,
        Album.objects.filter(show__in=shows),
        castings,
        Character.objects.filter(show__in=shows),
        CastGroup.objects.filter(show__in=shows),
        CrewCredit.objects.filter(Q(show__in=shows) | Q(person__in=people)),
        Article.shows.through.objects.filter(Q(article__in=articles) | Q(show__in=shows)),
        Article.people.through.objects.filter(Q(article__in=articles) | Q(person__in=people)),
        Article.episodes.through.objects.filter(Q(article__in=articles) | Q(episode__in=episodes)),
        episodes,
        Show.genres.through.objects.filter(Q(show__in=shows) | Q(genre__in=roots["genres"])),
        Show.production_companies.through.objects.filter(
            Q(show__in=shows) | Q(company__in=roots["companies"])
        ),
        Availability.objects.filter(Q(show__in=shows) | Q(platform__in=roots["companies"])),
        ShowRelation.objects.filter(Q(show__in=shows) | Q(related__in=shows)),
        Person.member_of.through.objects.filter(Q(from_person__in=people) | Q(to_person__in=people)),
    ]
    started, removed = time.monotonic(), 0
    for queryset in bulk:
        removed += delete_rows(queryset)
    for queryset in roots.values():
        removed += queryset.delete()[0]
    progress(f"  Removed the generated catalogue ({removed:,} rows) in {time.monotonic() - started:.1f} s.")


# --- entry point ------------------------------------------------------------------------------------------
def check_sizes(sizes):
    """Refuse sizes the catalogue cannot honour exactly (say, episodes without any show to belong to)."""
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"Unknown sizes: {', '.join(sorted(unknown))}")
    if any(value < 0 for value in sizes.values()):
        raise ValueError("Sizes cannot be negative.")
    needs = {
        "episodes": ["shows"],
        "castings": ["shows", "people"],
        "songs": ["shows"],
        "articles": ["shows"],
        "nominations": ["ceremonies", "shows"],
        "comments": ["members", "episodes"],
    }
    for size, required in needs.items():
        missing = [name for name in required if not sizes[name]]
        if sizes[size] and missing:
            raise ValueError(f"{size.capitalize()} need {' and '.join(missing)}: give more than 0.")


def generate(*, seed=1, fresh=False, progress=print, **sizes):
    """Generate the catalogue (sizes as in SIZES, missing ones at their default) and rebuild the search index.

    Returns a Report; `created` is False when a generated catalogue was already there and `fresh` was not
    asked for (nothing is changed then).
    """
    sizes = {**SIZES, **sizes}
    check_sizes(sizes)
    started = time.monotonic()
    existing = generated_catalogue()
    if existing and not fresh:
        found = ", ".join(f"{n:,} {name}" for name, n in existing.items())
        progress(
            f"A generated catalogue is already loaded ({found}); nothing to do. Use --fresh to replace it."
        )
        return Report(created=False, counts=existing)
    progress(
        "Generating: " + ", ".join(f"{n:,} {name}" for name, n in sizes.items()) + f" (seed {seed}) on "
        f"{connection.vendor}."
    )
    with transaction.atomic(), search_index.paused():
        if existing:
            delete_generated(progress)
        generator = Generator(sizes, seed, progress)
        counts = generator.run()
        commit_started = time.monotonic()
    # PostgreSQL checks the deferred foreign keys of every inserted row now.
    commit_seconds = time.monotonic() - commit_started
    progress(f"  {'commit':<12} foreign keys checked, transaction committed in {commit_seconds:.1f} s")
    report = Report(
        created=True,
        counts={model._meta.label: n for model, n in counts.items()},
        steps=[*generator.steps, ("commit", 0, commit_seconds)],
        notes=generator.notes,
    )
    # After a replacement, VACUUM also reclaims the deleted rows (it cannot run inside a transaction).
    statistics = "VACUUM ANALYZE" if existing and not connection.in_atomic_block else "ANALYZE"
    if connection.vendor == "postgresql":
        step_started = time.monotonic()
        with connection.cursor() as cursor:
            for table in sorted({model._meta.db_table for model in counts}):
                cursor.execute(f"{statistics} {connection.ops.quote_name(table)}")
        report.steps.append(("analyze", 0, time.monotonic() - step_started))
        progress(
            f"  {'analyze':<12} {statistics} of the tables filled, in {time.monotonic() - step_started:.1f} s"
        )
    step_started = time.monotonic()
    entries = search_index.rebuild()
    seconds = time.monotonic() - step_started
    report.steps.append(("search index", entries, seconds))
    progress(
        f"  {'search index':<12} {entries:>10,} entries in {seconds:6.1f} s "
        f"({entries / max(seconds, 1e-6):>9,.0f} rows/s)"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"{statistics} {connection.ops.quote_name(SearchEntry._meta.db_table)}")
    report.seconds = time.monotonic() - started
    return report
