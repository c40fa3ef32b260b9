"""What holds on every filtered page: an invalid value is a form error next to its field over the unfiltered
list (never a 500), and the query count is pinned and stays the same with ten times the data."""

import pytest

from people.models import Person

from .factories import count_queries, grow_demo_tenfold
from .helpers_filters import field_error, get_ok, result_counts, song_slugs

pytestmark = pytest.mark.django_db


# Invalid values: a form error next to the field, the unfiltered list, never a 500


NUL, LONG, SQL = "%00", "x" * 1000, "%27%3B+DROP+TABLE+people_person%3B"


# page: (what the unfiltered page shows, {field: invalid values})
INVALID_VALUES = {
    "/awards/nominations/": (
        "<strong>69</strong> nominations",
        {
            "year": ["abc", "1999", LONG],
            "result": ["maybe", NUL],
            "ceremony": ["no-such-awards", NUL, SQL],
            "category": [NUL, LONG],
            "nominee_kind": ["alien"],
            "show": ["no-such-show", LONG],
            "person": ["nobody", SQL, NUL],
        },
    ),
    "/awards/korea-drama-awards/": (
        "<strong>14</strong> nominations",
        {"year": ["abc", "2025", NUL], "result": ["maybe", LONG, SQL]},  # 2025: not this ceremony's
    ),
    "/shows/queen-of-tears/soundtrack/": (
        "12 songs",
        # kim-ji-won: sings none of these
        {"part": ["abc", "99", NUL, LONG], "artist": ["nobody", "kim-ji-won", SQL], "sort": ["maybe"]},
    ),
    "/people/": ("people and groups", {"role": ["maybe", NUL], "show": ["no-such-show", LONG, SQL]}),
    "/episodes/": (
        "18 episodes",
        {
            "show": ["no-such-show", SQL],
            "aired_after": ["abc", "2024-13-45", NUL],
            "aired_before": [LONG, SQL],
        },
    ),
    "/shows/queen-of-tears/episodes/": ("18 episodes", {"aired_after": ["abc"], "aired_before": [NUL, LONG]}),
    "/news/": ("2 articles", {"show": ["no-such-show", NUL], "person": ["nobody", LONG, SQL]}),
}
INVALID = [
    (page, field, value, unfiltered)
    for page, (unfiltered, values_by_field) in INVALID_VALUES.items()
    for field, values in values_by_field.items()
    for value in values
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


# The long <select>s (every show, every ceremony) are drawn without a template per option


@pytest.mark.parametrize("value", [None, "", "queen-of-tears", "no-such-show"])
def test_a_long_select_has_the_markup_of_djangos_own(qot, value):
    from django import forms

    from portal.listing.filters import ListedModelChoiceField
    from shows.models import Show

    def field(field_class, **kwargs):
        return field_class(
            queryset=Show.objects.all(),
            to_field_name="slug",
            empty_label="Any show",
            required=False,
            **kwargs,
        )

    class Form(forms.Form):
        django = field(forms.ModelChoiceField)
        listed = field(ListedModelChoiceField, label_field="title")

    form = Form({"django": value, "listed": value} if value is not None else None)
    expected = str(form["django"]).replace("django", "listed")
    assert str(form["listed"]) == expected
    assert ('<option value="queen-of-tears" selected>Queen of Tears</option>' in expected) == (
        value == "queen-of-tears"
    )
