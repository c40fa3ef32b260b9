import tempfile

import pytest

from portal.demo.loader import load_demo

from .helpers_comments import PASSWORD


def pytest_configure(config):
    """Without Redis the cache is a folder of files: this test run gets a folder of its own (before anything
    has used the cache), so two runs on one machine never share cached pages."""
    from django.conf import settings

    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("FileBasedCache"):
        cache["LOCATION"] = tempfile.mkdtemp(prefix="portal-test-cache-")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the complete demo content; each test's changes roll back."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so no page cached by an earlier test (whose data was rolled
    back) is served to it."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture
def demo_in_transactional_db(transactional_db):
    """For transactional tests (threads, live server): they empty the database when they end, so the demo
    content is loaded again at the start of the next one that finds it gone."""
    from shows.models import Show

    if not Show.objects.exists():
        load_demo()


@pytest.fixture
def qot(db):
    from shows.models import Show

    return Show.objects.get(slug="queen-of-tears")


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded pictures and their thumbnails go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The people of the discussion tests, and the episode they discuss.


@pytest.fixture
def episode(qot):
    from shows.models import Episode

    return Episode.objects.get(show=qot, kind="regular", number=8)


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("hyunwoo", "hw@example.org", PASSWORD)


@pytest.fixture
def other_member(django_user_model):
    return django_user_model.objects.create_user("haein", "hi@example.org", PASSWORD)


@pytest.fixture
def moderator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("mod", "mod@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "boss", "boss@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def relaxed_limits(settings):
    """Rate limits no test reaches, for tests that post many comments."""
    settings.COMMENT_RATE_LIMITS = [(10_000, 60)]
