"""Model rules that hold for any drama: constraints, names and URLs."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from awards.models import Nomination
from people.models import Casting, Character
from shows.models import Episode, Show, Song

from .factories import CategoryFactory, NominationFactory, ShowFactory

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["shows", "people", "awards", "news"]


@pytest.mark.parametrize(
    "model",
    [m for label in PORTAL_APPS for m in apps.get_app_config(label).get_models()],
    ids=lambda m: m.__name__,
)
def test_every_model_has_ordering_str_url_and_verbose_names(client, model):
    assert model._meta.ordering, f"{model.__name__} has no Meta.ordering"
    for field in model._meta.get_fields():
        if getattr(field, "concrete", False) and not field.auto_created:
            assert field.verbose_name, field
    obj = model.objects.first()
    assert obj is not None, f"demo content has no {model.__name__}"
    assert str(obj).strip()
    url = obj.get_absolute_url()
    assert url.startswith("/")
    assert client.get(url.split("#")[0]).status_code == 200, url


def integrity_error(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_one_episode_number_per_show_and_kind(qot):
    integrity_error(lambda: Episode.objects.create(show=qot, kind="regular", number=8))
    # The same number as a special is a different episode.
    Episode.objects.create(show=qot, kind="special", number=8)


def test_audience_share_is_a_percentage(qot):
    integrity_error(lambda: Episode.objects.create(show=qot, number=40, nationwide_share=Decimal("101")))
    integrity_error(lambda: Episode.objects.create(show=qot, number=41, seoul_share=Decimal("-1")))


def test_slugs_are_unique():
    integrity_error(lambda: Show.objects.create(title="Another", slug="queen-of-tears"))


def test_one_song_per_ost_part(qot):
    integrity_error(lambda: Song.objects.create(show=qot, kind="part", part=4, title="Dupe", slug="dupe"))
    Song.objects.create(show=qot, kind="track", title="Score cue", slug="score-cue")


def test_show_years_and_dates_in_order():
    integrity_error(
        lambda: Show.objects.create(title="Backwards", slug="backwards", start_year=2024, end_year=2020)
    )


def test_an_unknown_actor_is_allowed_once_per_age(qot):
    character = Character.objects.get(show=qot, slug="hong-beom-seok")
    integrity_error(lambda: Casting.objects.create(character=character, person=None, age="adult"))
    Casting.objects.create(character=character, person=None, age="child")


def test_nomination_ceremony_follows_its_category():
    category = CategoryFactory()
    nomination = NominationFactory(category=category)
    assert nomination.ceremony == category.ceremony
    integrity_error(lambda: NominationFactory(category=category, position=nomination.position))


def test_nominee_kind():
    assert {n.nominee_kind for n in Nomination.objects.all()} == {"song", "person", "show", ""}


def test_show_years_display():
    assert ShowFactory.build(start_year=2019, end_year=2020).years == "2019–2020"
    assert ShowFactory.build(start_year=2021, end_year=2021).years == "2021"
    assert ShowFactory.build(start_year=2020, end_year=None).years == "2020–"
    assert ShowFactory.build(start_year=None).years == ""


@pytest.mark.parametrize(
    ("env", "ok"),
    [
        ({"DEBUG": "0"}, False),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, True),
        ({"DEBUG": "1"}, True),
    ],
)
def test_production_settings_refuse_the_development_secret_key(env, ok):
    clean_env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=clean_env, capture_output=True, text=True
    )
    assert (result.returncode == 0) == ok, result.stderr[-500:]
    if not ok:
        assert "SECRET_KEY" in result.stderr


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": "postgres://user@db.example:5432/portal",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
    assert out.strip() == "django.db.backends.postgresql"
    env.pop("DATABASE_URL")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
    assert out.strip() == "django.db.backends.sqlite3"


def test_empty_variables_from_env_example_mean_the_defaults():
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.STATIC_ROOT.name, settings.MEDIA_ROOT.name)"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    for line in (Path(__file__).resolve().parent.parent / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["django.db.backends.sqlite3", "staticfiles", "media"], out.stderr[-500:]


def test_casting_show_follows_its_character(qot):
    character = Character.objects.get(show=qot, slug="hong-beom-seok")
    casting = Casting.objects.create(character=character, person=None, age="teen")
    assert casting.show == qot


def test_ensure_dev_admin_creates_one_admin_and_shows_the_password_once(settings):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    password = out.getvalue().split("with password '")[1].split("'")[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    assert "password" not in out.getvalue() and get_user_model().objects.count() == 1
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_dev_admin")
