"""What holds on every filtered page: an invalid value is a form error next to its field over the unfiltered
list (never a 500), and the query count is pinned and stays the same with ten times the data."""

import pytest

from people.models import Person

from .factories import count_queries, grow_demo_tenfold
from .helpers_filters import field_error, get_ok, result_counts, song_slugs

pytestmark = pytest.mark.django_db


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
