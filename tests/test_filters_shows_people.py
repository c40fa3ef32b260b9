"""The filters on the soundtrack, people, episode and news pages: each narrows the list as a visitor expects
and shows the counts of what it found."""

import re

import pytest
from django.db.models import Q

from people.models import Person
from shows.models import Show

from .factories import EpisodeFactory
from .helpers_filters import article_slugs, episode_links, field_error, get_ok, people_slugs, song_slugs

pytestmark = pytest.mark.django_db


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
