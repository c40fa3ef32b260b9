import pytest

from portal.demo.loader import load_demo


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
