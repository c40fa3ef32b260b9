"""The filters on the nominations and ceremony pages, and the person box they share with the news page: each
narrows the list as a visitor expects and shows the counts of what it found."""

import re

import pytest

from awards.filters import NOMINATED_PEOPLE
from awards.models import Ceremony, Nomination
from people.models import Person

from .factories import CategoryFactory, NominationFactory, PersonFactory
from .helpers_filters import field_error, get_ok, nomination_ids, result_counts

pytestmark = pytest.mark.django_db


# Nominations page


def test_nominations_page_lists_every_nomination_with_counts(client):
    html = get_ok(client, "/awards/nominations/")
    assert result_counts(html) == (69, 4, 0, 65)
    assert len(nomination_ids(html)) == 50  # the first page
    assert 'href="?page=2"' in html
    assert "Clear filters" not in html
    assert "Clear filters" not in get_ok(client, "/awards/nominations/?page=2")


def test_nominations_by_ceremony(client):
    html = get_ok(client, "/awards/nominations/?ceremony=korea-drama-awards")
    expected = set(
        Nomination.objects.filter(ceremony__slug="korea-drama-awards").values_list("pk", flat=True)
    )
    assert nomination_ids(html) == expected and len(expected) == 14
    assert result_counts(html) == (14, 1, 0, 13)
    assert '<option value="korea-drama-awards" selected>' in html  # the form keeps the choice
    assert '<a href="/awards/nominations/">Clear filters</a>' in html


def test_nominations_by_result(client):
    html = get_ok(client, "/awards/nominations/?result=won")
    assert nomination_ids(html) == set(Nomination.objects.filter(result="won").values_list("pk", flat=True))
    assert result_counts(html) == (4, 4, 0, 0)
    assert "Best Drama" in html
    html = get_ok(client, "/awards/nominations/?result=nominated")
    assert nomination_ids(html) == set() and result_counts(html) == (0, 0, 0, 0)
    assert "No nominations recorded." in html


def test_nominations_by_year(client):
    html = get_ok(client, "/awards/nominations/?year=2025")
    assert nomination_ids(html) == set(Nomination.objects.filter(year=2025).values_list("pk", flat=True))
    assert result_counts(html)[0] == 8
    assert '<option value="2025" selected>' in html


def test_nominations_by_category_text_ignore_case(client):
    html = get_ok(client, "/awards/nominations/?category=SUPPORTING+act")
    expected = Nomination.objects.filter(category__name__contains="Supporting Act")
    assert nomination_ids(html) == set(expected.values_list("pk", flat=True))
    assert result_counts(html)[0] == 8
    assert 'value="SUPPORTING act"' in html


def test_sql_in_the_category_text_is_only_text(client):
    html = get_ok(client, "/awards/nominations/?category=%27%3B+DROP+TABLE+awards_nomination%3B")
    assert nomination_ids(html) == set() and result_counts(html)[0] == 0
    assert Nomination.objects.count() == 69


@pytest.mark.parametrize(
    ("kind", "count"),
    [("song", 5), ("person", 30), ("show", 4)],
)
def test_nominations_by_nominee_kind(client, kind, count):
    html = get_ok(client, f"/awards/nominations/?nominee_kind={kind}")
    rows = Nomination.objects.with_nominees().filter(pk__in=nomination_ids(html))
    assert len(rows) == count and result_counts(html)[0] == count
    # Each row's kind is the one the model itself reports, and no row of that kind is missing.
    assert {row.nominee_kind for row in rows} == {kind}
    assert sum(n.nominee_kind == kind for n in Nomination.objects.with_nominees()) == count


def test_song_nominations_link_the_songs(client):
    html = get_ok(client, "/awards/nominations/?nominee_kind=song")
    assert html.count('href="/shows/queen-of-tears/soundtrack/#song-') == 5


def test_nominations_of_a_person(client):
    person = Person.objects.get(slug="kim-soo-hyun")
    html = get_ok(client, "/awards/nominations/?person=kim-soo-hyun")
    expected = set(Nomination.objects.filter(nominee_people=person).values_list("pk", flat=True))
    assert nomination_ids(html) == expected and len(expected) == 9
    assert result_counts(html) == (9, 0, 0, 9)
    assert "<h1>Nominations naming Kim Soo-hyun</h1>" in html
    # The same rows as the person's own page.
    assert nomination_ids(get_ok(client, "/people/kim-soo-hyun/")) == expected


def test_nominations_for_a_show_are_paginated_with_the_filter(client):
    html = get_ok(client, "/awards/nominations/?show=queen-of-tears")
    assert result_counts(html) == (69, 4, 0, 65)
    assert 'href="?show=queen-of-tears&amp;page=2"' in html
    second = get_ok(client, "/awards/nominations/?show=queen-of-tears&page=2")
    assert len(nomination_ids(html) | nomination_ids(second)) == 69
    assert 'href="?show=queen-of-tears&amp;page=1"' in second


def test_nomination_filters_combine(client):
    html = get_ok(client, "/awards/nominations/?ceremony=korea-drama-awards&result=won&year=2024")
    assert result_counts(html) == (1, 1, 0, 0) and "Best Drama" in html
    html = get_ok(client, "/awards/nominations/?person=kim-ji-won&category=grand")
    expected = Nomination.objects.filter(nominee_people__slug="kim-ji-won", category__name__icontains="grand")
    assert nomination_ids(html) == set(expected.values_list("pk", flat=True)) != set()


def test_pages_link_to_the_nominations_page(client):
    assert 'href="/awards/nominations/"' in get_ok(client, "/awards/")
    assert 'href="/awards/nominations/?show=queen-of-tears"' in get_ok(
        client, "/shows/queen-of-tears/awards/"
    )
    assert 'href="/awards/nominations/?person=kim-soo-hyun"' in get_ok(client, "/people/kim-soo-hyun/")


# The person box: a name as fans type it, a slug in the address


@pytest.fixture
def nominee(django_capture_on_commit_callbacks):
    """make(name, slug, count): a new person named in `count` nominations, indexed for search as a save
    outside a test's transaction is."""

    def make(name, slug, count=1):
        with django_capture_on_commit_callbacks(execute=True):
            person = PersonFactory(name=name, slug=slug)
            for _ in range(count):
                NominationFactory(category=CategoryFactory()).nominee_people.add(person)
        return person

    return make


def suggestions(html):
    """[(value, label)] of the person box's <datalist>."""
    listing = re.search(r'<datalist id="id_person_suggestions">(.*?)</datalist>', html).group(1)
    return re.findall(r'<option value="([^"]*)"(?: label="([^"]*)")?>', listing)


@pytest.mark.parametrize("page", ["/awards/nominations/", "/news/"])
@pytest.mark.parametrize(
    "typed", ["Kim Soo-hyun", "kim soo hyun", "KIM SOO HYUN", "KimSoohyun", " kim-soo-hyun "]
)
def test_a_person_typed_by_name_redirects_to_their_slug(client, page, typed):
    response = client.get(page, {"person": typed})
    assert response.status_code == 302
    assert response["Location"] == f"{page}?person=kim-soo-hyun"
    slug_page = get_ok(client, response["Location"])
    assert field_error(slug_page, "person") is None
    assert 'name="person" value="kim-soo-hyun"' in slug_page


def test_the_redirect_keeps_the_other_filters_and_the_page(client):
    response = client.get("/awards/nominations/?ceremony=korea-drama-awards&person=Kim+Ji-won&page=2")
    assert response.status_code == 302
    assert response["Location"] == "/awards/nominations/?ceremony=korea-drama-awards&person=kim-ji-won&page=2"
    # A second, invalid filter does not stop the name being put right; its own message follows.
    response = client.get("/awards/nominations/?person=Kim+Ji-won&year=abc")
    assert response["Location"] == "/awards/nominations/?person=kim-ji-won&year=abc"
    assert field_error(get_ok(client, response["Location"]), "year")
    # The form sends its blank fields too; the address keeps the ones filled in.
    response = client.get("/news/?show=&person=Kim+Ji-won")
    assert response["Location"] == "/news/?person=kim-ji-won"


def test_a_name_finds_the_same_nominations_as_the_slug(client):
    by_slug = get_ok(client, "/awards/nominations/?person=kim-soo-hyun")
    by_name = client.get("/awards/nominations/?person=kim+soo+hyun", follow=True)
    assert by_name.redirect_chain == [("/awards/nominations/?person=kim-soo-hyun", 302)]
    html = by_name.content.decode()
    assert nomination_ids(html) == nomination_ids(by_slug) and len(nomination_ids(html)) == 9
    assert "<h1>Nominations naming Kim Soo-hyun</h1>" in html


def test_pagination_after_a_name_carries_the_slug(client, nominee):
    nominee("Park Min-young", "park-min-young", 51)
    html = client.get("/awards/nominations/?person=Park+Min-young", follow=True).content.decode()
    assert 'href="?person=park-min-young&amp;page=2"' in html
    assert '<link rel="canonical" href="http://testserver/awards/nominations/">' in html
    assert "Park+Min-young" not in html and "Park Min-young&" not in html


def test_other_romanizations_of_a_name_are_accepted_but_an_exact_name_wins(client, nominee):
    response = client.get("/awards/nominations/", {"person": "Park Seong-hun"})
    assert response["Location"] == "/awards/nominations/?person=park-sung-hoon"
    nominee("Park Seong-hun", "park-seong-hun")
    assert client.get("/awards/nominations/", {"person": "Park Seong-hun"})["Location"].endswith(
        "?person=park-seong-hun"
    )
    assert client.get("/awards/nominations/", {"person": "park sung hoon"})["Location"].endswith(
        "?person=park-sung-hoon"
    )


def test_a_name_several_people_share_is_a_message_with_the_candidates(client, nominee):
    for slug in ["lee-min-ho", "lee-min-ho-1987"]:
        nominee("Lee Min-ho", slug)
    html = get_ok(client, "/awards/nominations/?person=lee+min+ho")
    error = field_error(html, "person")
    assert error.startswith("Several people are called “lee min ho”")
    assert "(lee-min-ho)" in error and "(lee-min-ho-1987)" in error
    assert result_counts(html)[0] == Nomination.objects.count()  # the unfiltered list
    # The suggestions are the two, by slug, which the box accepts.
    assert [value for value, _label in suggestions(html)] == ["lee-min-ho", "lee-min-ho-1987"]
    assert client.get("/awards/nominations/?person=lee-min-ho-1987").status_code == 200


@pytest.mark.parametrize(
    ("page", "typed", "message"),
    [
        (
            "/awards/nominations/",
            "kim soo",
            "No one called “kim soo” is listed here. Did you mean Kim Soo-hyun?",
        ),
        (
            "/awards/nominations/",
            "Dieter Hallervorden",
            "No one called “Dieter Hallervorden” is listed here.",
        ),
        (
            "/news/",
            "Kim Jung-nan",
            "No one called “Kim Jung-nan” is listed here.",
        ),  # nominated, not in the news
        ("/news/", "%_", "No one called “%_” is listed here."),
    ],
)
def test_an_unknown_name_is_a_message_on_the_field(client, page, typed, message):
    response = client.get(page, {"person": typed})
    assert response.status_code == 200
    # (PostgreSQL's typo tolerance may add suggestions to the last three.)
    assert field_error(response.content.decode(), "person").startswith(message)


def test_the_person_box_suggests_the_names_it_accepts(client, nominee):
    nominations = suggestions(get_ok(client, "/awards/nominations/"))
    assert ("Kim Soo-hyun", "") in nominations and ("BSS", "") in nominations
    assert len(nominations) == NOMINATED_PEOPLE.count()
    news = suggestions(get_ok(client, "/news/"))
    assert news == [("Kim Ji-won", ""), ("Kim Soo-hyun", ""), ("Song Joong-ki", "")]
    # People who share a name are offered by slug, labelled.
    nominee("Kim Soo-hyun", "kim-soo-hyun-1988")
    values = [value for value, _label in suggestions(get_ok(client, "/awards/nominations/"))]
    assert "kim-soo-hyun" in values and "kim-soo-hyun-1988" in values and "Kim Soo-hyun" not in values


def test_a_name_costs_a_redirect_and_a_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/awards/nominations/?person=Kim+Soo-hyun").status_code == 302


def test_the_filter_resolves_a_name_itself():
    from awards.filters import NominationFilter

    filterset = NominationFilter(
        {"person": "Kim Soo-hyun", "year": "2024"}, queryset=Nomination.objects.all()
    )
    assert filterset.is_valid() and filterset.form.cleaned_data["person"].slug == "kim-soo-hyun"
    assert filterset.canonical_query() == "person=kim-soo-hyun&year=2024"
    assert (
        NominationFilter({"person": "kim-soo-hyun"}, queryset=Nomination.objects.all()).canonical_query()
        is None
    )
    assert NominationFilter(None, queryset=Nomination.objects.all()).canonical_query() is None


# Ceremony page


def test_ceremony_page_by_result(client):
    html = get_ok(client, "/awards/korea-drama-awards/?result=won")
    assert result_counts(html) == (1, 1, 0, 0)
    assert len(nomination_ids(html)) == 1 and "<h3>Best Drama</h3>" in html
    assert "Park Sung-hoon" not in html
    assert '<a href="/awards/korea-drama-awards/">Clear filters</a>' in html


def test_ceremony_page_by_year(client):
    ceremony = Ceremony.objects.get(slug="korea-drama-awards")
    later = NominationFactory(category=ceremony.categories.get(name="Best Drama"), year=2025)
    html = get_ok(client, "/awards/korea-drama-awards/")
    assert result_counts(html) == (15, 1, 1, 13)
    # The ceremony's own years are offered, newest first.
    assert re.findall(r'<option value="(\d+)"', html) == ["2025", "2024"]
    html = get_ok(client, "/awards/korea-drama-awards/?year=2025")
    assert nomination_ids(html) == {later.pk} and result_counts(html) == (1, 0, 1, 0)
    assert 'id="year-2025"' in html and 'id="year-2024"' not in html
    html = get_ok(client, "/awards/korea-drama-awards/?year=2024")
    assert len(nomination_ids(html)) == 14 and result_counts(html) == (14, 1, 0, 13)
    html = get_ok(client, "/awards/korea-drama-awards/?year=2025&result=won")
    assert nomination_ids(html) == set() and "No nominations match." in html
