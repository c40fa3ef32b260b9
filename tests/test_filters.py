"""The filters on the nominations, ceremony, soundtrack, people, episode and news pages: each narrows the list
as a visitor expects, shows the counts of what it found, and answers an invalid value with a form error over
the unfiltered list."""

import re

import pytest
from django.db.models import Q

from awards.models import Ceremony, Nomination
from people.models import Person
from shows.models import Show

from .factories import (
    CategoryFactory,
    EpisodeFactory,
    NominationFactory,
    PersonFactory,
    count_queries,
    grow_demo_tenfold,
)

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def nomination_ids(html):
    return {int(pk) for pk in re.findall(r'id="nomination-(\d+)"', html)}


def result_counts(html):
    """(total, won, nominated, not recorded) as the counts line prints them."""
    line = re.search(r'<p class="stats-line">(.*?)</p>', html).group(1)
    total = int(re.search(r"<strong>(\d+)</strong>", line).group(1))
    won, nominated, not_recorded = (
        int(re.search(rf"(\d+) {words}", line).group(1))
        for words in ["won", "nominated", "with no result recorded"]
    )
    return total, won, nominated, not_recorded


def song_slugs(html):
    """The singles table's songs, in the order shown."""
    return re.findall(r'<tr id="song-([\w-]+)"', html.split('id="singles"')[1])


def episode_links(html):
    return re.findall(r'<th scope="row"><a href="/shows/([\w-]+)/(episodes|specials)/(\d+)/"', html)


def people_slugs(html):
    listing = html.split('<ul class="list columns">')[1].split("</ul>")[0]
    return set(re.findall(r'<li><a href="/people/([\w-]+)/"', listing))


def article_slugs(html):
    return set(re.findall(r'<h3><a href="/news/([\w-]+)/"', html))


def field_error(html, name):
    """The error message printed in the same paragraph as the form field called name, or None."""
    for paragraph in re.findall(r"<p>.*?</p>", html.split('class="filters"')[1].split("</form>")[0], re.S):
        if f'name="{name}"' in paragraph:
            # The field points screen readers at its message.
            found = re.search(
                rf'<span class="error" id="id_{name}_error" role="alert">([^<]+)</span>', paragraph
            )
            assert not found or f'aria-describedby="id_{name}_error"' in paragraph
            return found.group(1) if found else None
    raise AssertionError(f"no field {name} in the filter form")


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
    assert len(nominations) == Person.objects.nominated().count()
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


# Soundtrack


def test_soundtrack_by_part(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?part=4")
    assert song_slugs(html) == ["love-you-with-all-my-heart"]
    assert "1 song<" in html and "Love You With All My Heart" in html
    assert '<option value="4" selected>' in html
    # Every part present is offered, and the special singles.
    options = re.findall(r'<option value="(\w+)"', html.split('name="part"')[1].split("</select>")[0])
    assert options == [str(n) for n in range(1, 12)] + ["special"]


def test_soundtrack_special_singles(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?part=special")
    assert song_slugs(html) == ["way-home"] and "1 song<" in html


def test_soundtrack_charted_only(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/")
    assert "12 songs" in html and "More Than Enough" in html.split('id="singles"')[1]
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?charted=on")
    assert "11 songs" in html and "More Than Enough" not in html.split('id="singles"')[1]
    assert 'name="charted" id="id_charted" checked' in html


def test_soundtrack_by_artist(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?artist=kim-tae-rae")
    assert song_slugs(html) == ["more-than-enough"]
    # The artists offered are the people credited on this show's songs.
    artists = re.findall(r'<option value="([\w-]+)"', html.split('name="artist"')[1].split("</select>")[0])
    assert sorted(artists) == ["bss", "kim-soo-hyun", "kim-tae-rae"]


def test_soundtrack_sorted_by_best_peak(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?sort=peak")
    slugs = song_slugs(html)
    # Part 4 peaked at 4 (US World) and 6 (KOR Circle): its best is 4, the best of all.
    assert slugs[0] == "love-you-with-all-my-heart"
    assert slugs[1:4] == ["hold-me-back", "cant-get-over-you", "way-home"]  # 46, 51, 73
    assert slugs[-1] == "more-than-enough"  # never charted
    assert len(slugs) == 12
    default = song_slugs(get_ok(client, "/shows/queen-of-tears/soundtrack/"))
    assert default[0] == "the-reason-of-my-smiles" and default[-1] == "way-home"


def test_soundtrack_filters_and_sort_combine(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?charted=on&sort=peak&artist=kim-soo-hyun")
    assert song_slugs(html) == ["way-home"]


# People


def test_people_by_role(client):
    html = get_ok(client, "/people/?role=director")
    expected = set(Person.objects.filter(crew_credits__role="director").values_list("slug", flat=True))
    assert people_slugs(html) == expected and "kim-hee-won" in expected
    assert f"{len(expected)} people and groups" in html


def test_people_producers_include_executive_producers(client):
    html = get_ok(client, "/people/?role=producer")
    expected = set(
        Person.objects.filter(crew_credits__role__in=["producer", "executive_producer"]).values_list(
            "slug", flat=True
        )
    )
    assert people_slugs(html) == expected and len(expected) == 10
    assert {"kim-je-hyun", "lee-hye-young"} <= expected  # a producer and an executive producer


@pytest.mark.parametrize("role", ["writer", "music_director", "cinematographer", "editor", "other"])
def test_people_by_crew_role(client, role):
    html = get_ok(client, f"/people/?role={role}")
    expected = set(Person.objects.filter(crew_credits__role=role).values_list("slug", flat=True))
    assert people_slugs(html) == expected != set()


def test_people_actors(client):
    html = get_ok(client, "/people/?role=actor")
    actors = Person.objects.filter(castings__isnull=False).distinct()
    assert f"{actors.count()} people and groups" in html
    assert "kim-soo-hyun" in people_slugs(html) and "park-ji-eun" not in people_slugs(html)


def test_people_by_show(client):
    html = get_ok(client, "/people/?show=vincenzo")
    show = Show.objects.get(slug="vincenzo")
    expected = set(
        Person.objects.filter(Q(castings__show=show) | Q(crew_credits__show=show)).values_list(
            "slug", flat=True
        )
    )
    assert people_slugs(html) == expected
    assert expected == {"jeon-yeo-been", "kim-hee-won", "ok-taec-yeon", "song-joong-ki"}
    assert "4 people and groups" in html


def test_people_role_and_show_mean_the_role_on_that_show(client):
    # Kim Hee-won directed Queen of Tears; on Vincenzo the sources do not give the role.
    assert "kim-hee-won" in people_slugs(get_ok(client, "/people/?role=director&show=queen-of-tears"))
    html = get_ok(client, "/people/?role=director&show=vincenzo")
    assert people_slugs(html) == set() and "No people match." in html
    assert people_slugs(get_ok(client, "/people/?role=other&show=vincenzo")) == {"kim-hee-won"}


def test_people_pagination_keeps_the_filter(client):
    from .factories import CastingFactory

    for _ in range(60):
        CastingFactory()
    html = get_ok(client, "/people/?role=actor")
    assert 'href="?role=actor&amp;page=2"' in html


# Episodes


def test_site_wide_episode_list(client):
    html = get_ok(client, "/episodes/")
    assert len(episode_links(html)) == 18 and "18 episodes" in html
    assert "Clear filters" not in html


def test_episodes_by_show_and_air_date(client):
    html = get_ok(client, "/episodes/?show=queen-of-tears&aired_after=2024-04-01")
    expected = [("queen-of-tears", "episodes", str(n)) for n in range(9, 17)] + [
        ("queen-of-tears", "specials", "1"),
        ("queen-of-tears", "specials", "2"),
    ]
    assert episode_links(html) == expected
    assert "10 episodes" in html
    assert 'value="2024-04-01"' in html and '<option value="queen-of-tears" selected>' in html


def test_episodes_on_or_before_a_date(client):
    html = get_ok(client, "/episodes/?aired_before=2024-03-17")
    assert [n for _, _, n in episode_links(html)] == ["1", "2", "3", "4"]
    html = get_ok(client, "/episodes/?aired_after=2024-03-16&aired_before=2024-03-16")
    assert [n for _, _, n in episode_links(html)] == ["3"]


def test_episodes_by_show_leave_out_other_shows(client):
    vincenzo = Show.objects.get(slug="vincenzo")
    EpisodeFactory(show=vincenzo, number=1, air_date="2021-02-20")
    html = get_ok(client, "/episodes/?show=vincenzo")
    assert episode_links(html) == [("vincenzo", "episodes", "1")]
    html = get_ok(client, "/episodes/?show=queen-of-tears")
    assert len(episode_links(html)) == 18 and "vincenzo" not in {s for s, _, _ in episode_links(html)}
    # Unfiltered, the list runs in air-date order across shows.
    assert episode_links(get_ok(client, "/episodes/"))[0] == ("vincenzo", "episodes", "1")


def test_show_episode_page_by_air_date(client):
    html = get_ok(client, "/shows/queen-of-tears/episodes/?aired_after=2024-04-01&aired_before=2024-04-14")
    assert [(kind, n) for _, kind, n in episode_links(html)] == [("episodes", str(n)) for n in range(9, 13)]
    assert "4 episodes" in html and 'class="special"' not in html
    assert '<a href="/shows/queen-of-tears/episodes/">Clear filters</a>' in html


def test_reversed_date_range_is_a_form_error(client):
    html = get_ok(client, "/episodes/?aired_after=2024-05-01&aired_before=2024-04-01")
    assert field_error(html, "aired_before") and "18 episodes" in html


# News


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?person=song-joong-ki", {"song-joong-ki-returns-as-vincenzo-in-queen-of-tears"}),
        ("?show=vincenzo", {"song-joong-ki-returns-as-vincenzo-in-queen-of-tears"}),
        (
            "?show=queen-of-tears&person=kim-ji-won",
            {
                "song-joong-ki-returns-as-vincenzo-in-queen-of-tears",
                "kim-soo-hyun-and-kim-ji-won-behind-the-scenes",
            },
        ),
    ],
)
def test_news_by_show_and_person(client, query, expected):
    html = get_ok(client, "/news/" + query)
    assert article_slugs(html) == expected
    count = len(expected)
    assert f"{count} article{'s' if count > 1 else ''}<" in html


def test_news_choices_leave_out_unpublished_articles(client):
    import datetime

    from django.utils import timezone

    from portal.news.models import Article

    Article.objects.filter(slug="song-joong-ki-returns-as-vincenzo-in-queen-of-tears").update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    html = get_ok(client, "/news/")
    assert 'value="song-joong-ki"' not in html and 'value="vincenzo"' not in html
    html = get_ok(client, "/news/?person=song-joong-ki")
    assert field_error(html, "person") and "1 article<" in html


# Invalid values: a form error next to the field, the unfiltered list, never a 500

NUL, LONG, SQL = "%00", "x" * 1000, "%27%3B+DROP+TABLE+people_person%3B"

INVALID = [
    # (page, field, value, what the unfiltered page shows)
    ("/awards/nominations/", "year", "abc", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "year", "1999", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "year", LONG, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "result", "maybe", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "result", NUL, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "ceremony", "no-such-awards", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "ceremony", NUL, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "ceremony", SQL, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "category", NUL, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "category", LONG, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "nominee_kind", "alien", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "show", "no-such-show", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "show", LONG, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "person", "nobody", "<strong>69</strong> nominations"),
    ("/awards/nominations/", "person", SQL, "<strong>69</strong> nominations"),
    ("/awards/nominations/", "person", NUL, "<strong>69</strong> nominations"),
    ("/awards/korea-drama-awards/", "year", "abc", "<strong>14</strong> nominations"),
    ("/awards/korea-drama-awards/", "year", "2025", "<strong>14</strong> nominations"),  # not this ceremony's
    ("/awards/korea-drama-awards/", "year", NUL, "<strong>14</strong> nominations"),
    ("/awards/korea-drama-awards/", "result", "maybe", "<strong>14</strong> nominations"),
    ("/awards/korea-drama-awards/", "result", LONG, "<strong>14</strong> nominations"),
    ("/awards/korea-drama-awards/", "result", SQL, "<strong>14</strong> nominations"),
    ("/shows/queen-of-tears/soundtrack/", "part", "abc", "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "part", "99", "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "part", NUL, "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "part", LONG, "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "artist", "nobody", "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "artist", "kim-ji-won", "12 songs"),  # sings none of these
    ("/shows/queen-of-tears/soundtrack/", "artist", SQL, "12 songs"),
    ("/shows/queen-of-tears/soundtrack/", "sort", "maybe", "12 songs"),
    ("/people/", "role", "maybe", "people and groups"),
    ("/people/", "role", NUL, "people and groups"),
    ("/people/", "show", "no-such-show", "people and groups"),
    ("/people/", "show", LONG, "people and groups"),
    ("/people/", "show", SQL, "people and groups"),
    ("/episodes/", "show", "no-such-show", "18 episodes"),
    ("/episodes/", "show", SQL, "18 episodes"),
    ("/episodes/", "aired_after", "abc", "18 episodes"),
    ("/episodes/", "aired_after", "2024-13-45", "18 episodes"),
    ("/episodes/", "aired_after", NUL, "18 episodes"),
    ("/episodes/", "aired_before", LONG, "18 episodes"),
    ("/episodes/", "aired_before", SQL, "18 episodes"),
    ("/shows/queen-of-tears/episodes/", "aired_after", "abc", "18 episodes"),
    ("/shows/queen-of-tears/episodes/", "aired_before", NUL, "18 episodes"),
    ("/shows/queen-of-tears/episodes/", "aired_before", LONG, "18 episodes"),
    ("/news/", "show", "no-such-show", "2 articles"),
    ("/news/", "show", NUL, "2 articles"),
    ("/news/", "person", "nobody", "2 articles"),
    ("/news/", "person", LONG, "2 articles"),
    ("/news/", "person", SQL, "2 articles"),
]


@pytest.mark.parametrize(
    ("page", "field", "value", "unfiltered"),
    INVALID,
    ids=[f"{page}?{field}={value[:20]}" for page, field, value, _ in INVALID],
)
def test_invalid_values_show_a_form_error_over_the_unfiltered_list(client, page, field, value, unfiltered):
    html = get_ok(client, f"{page}?{field}={value}")
    assert field_error(html, field), f"no error next to {field}"
    assert unfiltered in html
    if page == "/people/":
        assert f"{Person.objects.count()} people and groups" in html
    assert "Clear filters" in html


def test_an_invalid_value_does_not_half_apply_the_valid_ones(client):
    html = get_ok(client, "/awards/nominations/?ceremony=korea-drama-awards&year=abc")
    assert field_error(html, "year") and field_error(html, "ceremony") is None
    assert result_counts(html)[0] == 69
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/?part=4&sort=maybe")
    assert len(song_slugs(html)) == 12


def test_reversed_range_on_a_show_episode_page(client):
    html = get_ok(client, "/shows/queen-of-tears/episodes/?aired_after=2024-04-28&aired_before=2024-03-09")
    assert field_error(html, "aired_before") and "18 episodes" in html
    assert html.count('class="special"') == 2


# Query counts: pinned for each filtered page, and the same with ten times the data

# The nominations and news pages include one query for the person box's suggested names.
FILTERED_PAGES = {
    "/awards/nominations/": 9,
    "/awards/nominations/?ceremony=korea-drama-awards&result=won": 10,
    "/awards/nominations/?person=kim-soo-hyun&nominee_kind=person&year=2024": 10,
    "/awards/nominations/?show=queen-of-tears&category=best": 10,
    "/awards/nominations/?year=abc": 9,
    "/awards/korea-drama-awards/?year=2024&result=won": 6,
    "/shows/queen-of-tears/soundtrack/?charted=on&sort=peak": 9,
    "/shows/queen-of-tears/soundtrack/?artist=kim-soo-hyun&sort=peak": 10,
    "/people/?role=actor&show=queen-of-tears": 4,
    "/people/?role=producer": 3,
    "/episodes/": 3,
    "/episodes/?show=queen-of-tears&aired_after=2024-04-01": 4,
    "/shows/queen-of-tears/episodes/?aired_after=2024-01-01&aired_before=2024-04-30": 3,
    "/news/?show=queen-of-tears&person=kim-soo-hyun": 7,
}


@pytest.mark.parametrize(("url", "expected"), FILTERED_PAGES.items())
def test_filtered_page_query_count_is_pinned(client, url, expected, django_assert_num_queries):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_filtered_query_counts_do_not_grow_with_ten_times_the_data(client, qot):
    before = {url: count_queries(client, url) for url in FILTERED_PAGES}
    shown_before = result_counts(
        get_ok(client, "/awards/nominations/?ceremony=korea-drama-awards&result=won")
    )
    grow_demo_tenfold()
    # The filtered lists really grew.
    shown_after = result_counts(get_ok(client, "/awards/nominations/?ceremony=korea-drama-awards&result=won"))
    assert shown_after[0] > 10 * shown_before[0]
    assert Person.objects.with_role("producer", show=qot).count() > 30
    after = {url: count_queries(client, url) for url in FILTERED_PAGES}
    assert after == before
