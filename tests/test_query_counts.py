"""Each public page runs a fixed number of queries, and the number does not grow with the data."""

import pytest

from people.models import Person

from .factories import count_queries, grow_demo_tenfold

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 13,  # besides the featured show and news: airing this week, top rated, most discussed
    "/shows/": 5,
    "/shows/queen-of-tears/": 21,
    "/shows/queen-of-tears/cast/": 6,
    "/shows/queen-of-tears/episodes/": 3,
    "/shows/queen-of-tears/episodes/8/": 6,
    "/shows/queen-of-tears/soundtrack/": 9,
    "/shows/queen-of-tears/awards/": 5,
    "/shows/queen-of-tears/discussion/": 2,  # with comments: two more (tests/test_fans.py)
    "/people/": 3,
    "/people/kim-soo-hyun/": 12,
    "/awards/": 1,
    "/awards/korea-drama-awards/": 6,
    "/news/": 5,  # one of them: the person box's suggested names
    "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/": 6,
}


@pytest.mark.parametrize(("url", "expected"), PAGES.items())
def test_page_query_count_is_pinned(client, url, expected, django_assert_num_queries):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_query_counts_do_not_grow_with_ten_times_the_data(client, qot):
    before = {url: count_queries(client, url) for url in PAGES}
    grow_demo_tenfold()
    assert Person.objects.get(slug="kim-soo-hyun").castings.count() > 60  # the data really grew
    after = {url: count_queries(client, url) for url in PAGES}
    assert after == before
