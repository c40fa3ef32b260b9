"""factory_boy factories for tests that need more data than the demo content."""

import datetime

import factory
from django.utils.text import slugify

from awards.models import Category, Ceremony, Nomination
from people.models import Casting, Character, CrewCredit, Person
from portal.news.models import Article
from shows.models import Episode, Show, Song, SongChartPeak


def numbered(label):
    """Declarations of a numbered name and its slug: 'Category 3' and 'category-3'."""
    return factory.Sequence(lambda n: f"{label} {n}"), factory.Sequence(lambda n: f"{slugify(label)}-{n}")


class ShowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Show

    title, slug = numbered("Generated Show")
    start_year = 2020


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name, slug = numbered("Generated Person")
    kind = Person.Kind.PERSON


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    show = factory.SubFactory(ShowFactory)
    number = factory.Sequence(lambda n: n + 1)
    air_date = datetime.date(2024, 1, 1)


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    show = factory.SubFactory(ShowFactory)
    name, slug = numbered("Character")
    description = "A generated character."


class CastingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Casting

    character = factory.SubFactory(CharacterFactory)
    person = factory.SubFactory(PersonFactory)


class CrewCreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrewCredit

    show = factory.SubFactory(ShowFactory)
    person = factory.SubFactory(PersonFactory)
    role = CrewCredit.Role.PRODUCER
    order = factory.Sequence(lambda n: n + 100)


class CeremonyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ceremony

    name, slug = numbered("Generated Awards")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    ceremony = factory.SubFactory(CeremonyFactory)
    name, slug = numbered("Category")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    category = factory.SubFactory(CategoryFactory)
    year = 2024
    position = factory.Sequence(lambda n: n + 1000)
    result = Nomination.Result.NOMINATED
    nominee_text = factory.Sequence(lambda n: f"Nominee {n}")


class SongFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Song

    show = factory.SubFactory(ShowFactory)
    kind = Song.Kind.TRACK
    title, slug = numbered("Song")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title, slug = numbered("Generated article")
    standfirst = "A generated standfirst."
    body = "First paragraph.\n\nSecond paragraph."
    published_at = factory.LazyFunction(lambda: datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))


def grow_tenfold(show, person, ceremony, episode):
    """Add nine times the demo's rows to everything the pinned pages display, so their query counts can be
    compared before and after. Everything hangs off the given show, person, ceremony and episode."""
    from people.models import CastGroup

    groups = list(CastGroup.objects.filter(show=show))
    charts = list({peak.chart for song in show.songs.all() for peak in song.chart_peaks.all()})
    for i in range(9 * 8):
        character = CharacterFactory(show=show, group=groups[i % len(groups)])
        CastingFactory(character=character)
        CastingFactory(character=character, age=Casting.Age.CHILD)
    for _ in range(9 * 4):
        CastingFactory(character=CharacterFactory(show=show), person=None, is_cameo=True).episodes.add(
            episode
        )
    for _ in range(9 * 3):
        CrewCreditFactory(show=show)
    for i in range(9 * 7):
        other = ShowFactory()
        CastingFactory(character=CharacterFactory(show=other), person=person)
        CrewCreditFactory(show=other, person=person, role=CrewCredit.Role.WRITER, order=i)
        EpisodeFactory(show=show, kind=Episode.Kind.SPECIAL, number=100 + i)
    for _ in range(9 * 12):
        song = SongFactory(show=show, album=show.albums.first())
        song.artists.add(person, PersonFactory())
        for chart in charts:
            SongChartPeak.objects.create(song=song, chart=chart, position=5)
    for _ in range(9 * 25):
        category = CategoryFactory(ceremony=ceremony)
        nomination = NominationFactory(category=category, show=show, result=Nomination.Result.WON)
        nomination.nominee_people.add(person)
        NominationFactory(category=category, show=show).nominee_songs.add(show.songs.first())
        CeremonyFactory()
    for _ in range(9 * 2):
        article = ArticleFactory()
        article.shows.add(show)
        article.people.add(person)
        article.episodes.add(episode)
    for _ in range(9 * 80):
        PersonFactory()
    for _ in range(9 * 14):
        ShowFactory().genres.add(*show.genres.all())


def grow_demo_tenfold():
    """grow_tenfold() around the demo pages the query-count tests pin: Queen of Tears, Kim Soo-hyun, the Korea
    Drama Awards and episode 8."""
    show = Show.objects.get(slug="queen-of-tears")
    grow_tenfold(
        show=show,
        person=Person.objects.get(slug="kim-soo-hyun"),
        ceremony=Ceremony.objects.get(slug="korea-drama-awards"),
        episode=Episode.objects.get(show=show, kind="regular", number=8),
    )


def count_queries(client, url):
    """How many queries a GET of `url` runs when rendered afresh (the page cache emptied first)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)
