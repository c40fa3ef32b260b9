"""The large-catalogue generator, run at a tiny scale: exact sizes, valid rows, spellings search finds,
nothing added on a second run, and the demo content left exactly as it was."""

import re
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q

from awards.models import Category, Ceremony, Nomination
from people.models import CastGroup, Casting, Character, CrewCredit, Person
from portal.comments.models import Comment
from portal.news.models import Article
from portal.search.models import SearchEntry
from portal.search.normalize import romanization_key
from portal.synthetic.cleanup import generated_catalogue
from portal.synthetic.generator import generate
from portal.synthetic.sizes import scaled_sizes
from portal.synthetic.state import MEMBER_EMAIL_DOMAIN, PREFIX
from shows.models import Episode, Show, Song

pytestmark = pytest.mark.django_db
SCALE = 0.002
SIZES = scaled_sizes(SCALE)
CONTENT_APPS = {"shows", "people", "awards", "news", "comments", "auth"}


def snapshot():
    """Every row of the content models (search entries aside: the index is rebuilt), by model and pk."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in CONTENT_APPS:
            rows[model._meta.label] = {
                row["pk"]: row for row in model.objects.values("pk", *field_names(model))
            }
    return rows


def field_names(model):
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The tiny catalogue, generated once through the command for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = snapshot()
        out = StringIO()
        call_command("generate_catalogue", "--scale", str(SCALE), stdout=out)
        yield SimpleNamespace(before=before, output=out.getvalue())
        transaction.set_rollback(True)


def generated(model):
    """The generated rows of a model, found the way --fresh finds them."""
    shows = Show.objects.filter(slug__startswith=PREFIX)
    return {
        Show: shows,
        Episode: Episode.objects.filter(show__in=shows),
        Person: Person.objects.filter(slug__startswith=PREFIX),
        Casting: Casting.objects.filter(show__in=shows),
        Nomination: Nomination.objects.filter(ceremony__slug__startswith=PREFIX),
        Ceremony: Ceremony.objects.filter(slug__startswith=PREFIX),
        Song: Song.objects.filter(show__in=shows),
        get_user_model(): get_user_model().objects.filter(email__endswith=f"@{MEMBER_EMAIL_DOMAIN}"),
        Comment: Comment.objects.filter(Q(episode__show__in=shows) | Q(article__slug__startswith=PREFIX)),
        Article: Article.objects.filter(slug__startswith=PREFIX),
    }[model]


def test_the_command_prints_progress_and_a_summary(catalogue):
    assert "rows/s" in catalogue.output
    assert "search index" in catalogue.output
    assert "Catalogue generated in" in catalogue.output


def test_each_size_is_generated_exactly(catalogue):
    models = {
        "shows": Show,
        "episodes": Episode,
        "people": Person,
        "castings": Casting,
        "nominations": Nomination,
        "ceremonies": Ceremony,
        "songs": Song,
        "members": get_user_model(),
        "comments": Comment,
        "articles": Article,
    }
    assert {size: generated(model).count() for size, model in models.items()} == SIZES


def rows_created(output):
    """{model label: rows} from the command's summary."""
    summary = output.split("Rows created:\n")[1]
    return {
        label: int(n.replace(",", "")) for label, n in re.findall(r"^  (\w+\.\w+) +([\d,]+)$", summary, re.M)
    }


def test_seed_one_gives_the_same_catalogue(catalogue):
    """Pins what seed 1 generates at this scale, so a refactoring that changes a row shows up here."""
    assert rows_created(catalogue.output) == PINNED_ROWS
    show = generated(Show).order_by("pk").first()
    assert (show.title, show.slug, show.first_aired.isoformat()) == PINNED_SHOW
    person = generated(Person).order_by("pk").first()
    assert (person.name, person.slug, person.alternative_names) == PINNED_PERSON
    last = generated(Comment).order_by("pk").last()
    assert (last.body, str(last.submission)) == PINNED_LAST_COMMENT


PINNED_ROWS = {
    "auth.User": 100,
    "awards.Category": 11,
    "awards.Ceremony": 1,
    "awards.Nomination": 200,
    "awards.Nomination_nominee_people": 158,
    "awards.Nomination_nominee_songs": 20,
    "comments.Comment": 2000,
    "news.Article": 4,
    "news.Article_episodes": 2,
    "news.Article_people": 8,
    "news.Article_shows": 4,
    "people.CastGroup": 24,
    "people.Casting": 400,
    "people.Casting_episodes": 29,
    "people.Character": 372,
    "people.CrewCredit": 27,
    "people.Person": 100,
    "people.Person_member_of": 5,
    "shows.Album": 4,
    "shows.AlbumChartPeak": 4,
    "shows.Album_artists": 23,
    "shows.Availability": 6,
    "shows.Chart": 4,
    "shows.Company": 24,
    "shows.Episode": 80,
    "shows.Genre": 20,
    "shows.Show": 4,
    "shows.ShowRelation": 1,
    "shows.Show_genres": 10,
    "shows.Show_production_companies": 7,
    "shows.Song": 40,
    "shows.SongChartPeak": 120,
    "shows.Song_artists": 38,
}
PINNED_SHOW = ("My Song", "gen-my-song", "2023-07-04")
PINNED_PERSON = ("Kim Ha-hoon", "gen-kim-ha-hoon", "Kim Ha Hoon")
PINNED_LAST_COMMENT = (
    "Baek Young-mi is the real MVP of Hello, Neighbor. "
    "Kim Mi-soo is carrying this whole show, what a performance.",
    "3c7188e2-b334-454d-8684-65b03199aa8c",
)


def test_rows_keep_the_rules_of_the_models(catalogue):
    connection.check_constraints()  # foreign keys, which the database checks only at commit
    assert not Casting.objects.exclude(show=F("character__show")).exists()
    assert not Nomination.objects.exclude(ceremony=F("category__ceremony")).exists()
    assert not Character.objects.filter(group__isnull=False).exclude(group__show=F("show")).exists()
    assert not CastGroup.objects.filter(parent__isnull=False).exclude(parent__show=F("show")).exists()
    for model in (Show, Episode, Person, Character, Casting, CrewCredit, Song, Nomination, Category, Comment):
        for obj in model.objects.order_by("-pk")[:25]:
            obj.validate_constraints()
    assert generated(Casting).filter(age=Casting.Age.CHILD).exists()
    assert generated(Casting).filter(person=None).exists()
    assert CrewCredit.objects.filter(show__slug__startswith=PREFIX).exists()
    assert generated(Episode).filter(nationwide_share=None).exists()
    assert generated(Episode).filter(nationwide_share__isnull=False).exists()
    assert generated(Nomination).filter(nominee_people__isnull=False).exists()
    assert generated(Nomination).filter(result=Nomination.Result.WON).exists()


def test_comments_form_threads_with_spoilers_and_one_long_discussion(catalogue):
    comments = generated(Comment)
    assert not comments.filter(parent=None).exclude(root=None).exists()
    replies = comments.exclude(parent=None)
    assert replies.exists()
    # A reply's thread is its parent's thread (or its parent, when that is the top-level comment).
    assert not replies.exclude(Q(root=F("parent")) | Q(root=F("parent__root"))).exists()
    assert not replies.exclude(root__parent=None).exists()
    assert not replies.exclude(Q(episode=F("root__episode")) | Q(article=F("root__article"))).exists()
    assert not replies.filter(created_at__lt=F("parent__created_at")).exists()
    assert 0.05 < comments.filter(is_spoiler=True).count() / comments.count() < 0.15
    assert comments.values("submission").distinct().count() == comments.count()
    busiest = generated(Episode).annotate(n=Count("comments")).order_by("-n").first()
    assert busiest.n >= 1000


def test_other_spellings_of_generated_names_are_found_by_search(catalogue):
    people = generated(Person).filter(kind=Person.Kind.PERSON).exclude(alternative_names="")
    respelled = next(
        person
        for person in people.order_by("pk")
        if any(other.split()[0] != person.name.split()[0] for other in person.alternative_name_list)
    )
    for spelling in [*respelled.alternative_name_list, respelled.native_name]:
        found = SearchEntry.objects.matching(spelling).filter(kind=SearchEntry.Kind.PERSON)
        assert found.filter(object_id=respelled.pk).exists(), spelling
    show = generated(Show).exclude(alternative_titles="").order_by("pk").first()
    found = SearchEntry.objects.matching(show.alternative_title_list[0]).filter(kind=SearchEntry.Kind.SHOW)
    assert found.filter(object_id=show.pk).exists()


def test_generated_names_never_meet_the_demo_names(catalogue):
    demo_keys = {
        romanization_key(name)
        for name in Person.objects.exclude(slug__startswith=PREFIX).values_list("name", flat=True)
    }
    for person in generated(Person):
        assert not {romanization_key(n) for n in [person.name, *person.alternative_name_list]} & demo_keys
    top = SearchEntry.objects.matching("Kim Soo Hyun").first()
    assert (top.kind, top.title) == ("person", "Kim Soo-hyun")


def test_running_again_adds_nothing(catalogue):
    counts = {label: len(rows) for label, rows in snapshot().items()}
    out = StringIO()
    call_command("generate_catalogue", "--scale", str(SCALE), stdout=out)
    assert "already loaded" in out.getvalue()
    assert {label: len(rows) for label, rows in snapshot().items()} == counts


def test_the_demo_rows_are_untouched(catalogue):
    now = snapshot()
    for label, rows in catalogue.before.items():
        assert {pk: now[label].get(pk) for pk in rows} == rows, label
    assert SearchEntry.objects.filter(kind="show", title="Queen of Tears").exists()


def test_fresh_replaces_only_the_generated_rows_with_the_same_ones(catalogue):
    titles = list(generated(Show).order_by("slug").values_list("title", "first_aired"))
    names = list(generated(Person).order_by("slug").values_list("name", "alternative_names"))
    report = generate(seed=1, fresh=True, progress=lambda line: None, **SIZES)
    assert report.created
    assert list(generated(Show).order_by("slug").values_list("title", "first_aired")) == titles
    assert list(generated(Person).order_by("slug").values_list("name", "alternative_names")) == names
    assert {size: n for size, n in generated_catalogue().items() if size in SIZES} == {
        size: SIZES[size] for size in ("shows", "people", "ceremonies", "articles", "members")
    }
    now = snapshot()
    for label, rows in catalogue.before.items():
        assert {pk: now[label].get(pk) for pk in rows} == rows, label


def test_sizes_it_cannot_honour_are_refused():
    with pytest.raises(CommandError, match="Episodes need shows"):
        call_command("generate_catalogue", "--scale", str(SCALE), "--shows", "0", stdout=StringIO())


def test_sizes_scale_and_explicit_sizes_win():
    sizes = scaled_sizes(0.01, shows=7)
    assert sizes["shows"] == 7
    assert sizes["episodes"] == 400
    assert sizes["ceremonies"] == 3
    assert scaled_sizes(0.0001)["ceremonies"] == 1
