"""Every public page renders with its key facts, a title and a description; unknown URLs get a styled 404."""

import re

import pytest

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert re.search(r"<title>[^<]{5,}</title>", html), f"{url} has no title"
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html), f"{url} has no description"
    return html


def assert_shows(html, *facts):
    """Each fact is on the page; a failure names the one missing."""
    for fact in facts:
        assert fact in html, fact


def test_home_features_the_show_and_news(client):
    html = get_ok(client, "/")
    assert "Queen of Tears" in html
    assert "24.850%" in html  # peak nationwide share
    assert "Song Joong-ki brings Vincenzo back" in html
    for link in ['href="/shows/"', 'href="/people/"', 'href="/awards/"', 'href="/news/"']:
        assert link in html


def test_show_list(client):
    html = get_ok(client, "/shows/")
    assert "Queen of Tears" in html and "Aşk ve Gözyaşı" in html and "Vincenzo" in html


def test_show_page(client):
    html = get_ok(client, "/shows/queen-of-tears/")
    assert "<title>Queen of Tears (2024)" in html
    assert_shows(
        html,
        "tvN",
        "CJ ENM",
        "Studio Dragon",
        "80–90 minutes",
        "16 + 2 specials",
        "Germany",
        "TVING (South Korea)",
    )
    assert "Kim Soo-hyun" in html and "Baek Hyun-woo" in html
    assert "16.143%" in html and "n/a" in html  # a known share and a blank one
    assert "The Reason of My Smiles" in html
    assert "69</strong> nominations at 25 ceremonies" in html and "4 won" in html
    assert "Tanu I. Raj" in html and "4/5" in html
    assert "Aşk ve Gözyaşı" in html and "remake" in html
    assert "Not given in our sources" in html  # budget
    directors = html.split("<dt>Directors</dt>")[1].split("</dd>")[0]
    unnamed = '<span class="unknown">Name not given</span>'
    assert directors == f'<dd>{unnamed}, <a href="/people/kim-hee-won/">Kim Hee-won</a>'


def test_cast_page_groups_and_younger_versions(client):
    html = get_ok(client, "/shows/queen-of-tears/cast/")
    for heading in [
        "Main",
        "Supporting",
        "Hae-in&#x27;s family",
        "Hyun-woo&#x27;s family",
        "Yongdu-ri",
        "Others",
        "Extended",
        "Special appearances",
    ]:
        assert f">{heading}</h" in html, heading
    assert "teen Baek Hyun-woo" in html and "child Baek Hyun-woo" in html
    assert html.count("Actor not named in our sources") == 7
    assert "role not named in our sources" in html  # Heo Tae-hee
    assert "Vincenzo Cassano" in html
    assert "Executive producers" in html and "Cinematographers" in html
    # Younger versions are listed inside their adult character's entry.
    entry = html.split('id="character-baek-hyun-woo"')[1].split("</li>\n</ul>")[0]
    assert "Moon Seong-hyun" in entry


def test_episode_list(client):
    html = get_ok(client, "/shows/queen-of-tears/episodes/")
    assert html.count('class="special"') == 2
    assert "28 Apr 2024" in html and "24.850%" in html


def test_episode_8(client):
    html = get_ok(client, "/shows/queen-of-tears/episodes/8/")
    assert "Sunday 31 March 2024" in html
    assert "16.143%" in html and "17.886%" in html
    assert "Song Joong-ki" in html and "Vincenzo Cassano" in html  # the cameo
    assert_shows(html, 'href="/shows/queen-of-tears/episodes/7/"', 'href="/shows/queen-of-tears/episodes/9/"')
    assert "Song Joong-ki brings Vincenzo back" in html


def test_first_and_last_episodes_and_specials(client):
    first = get_ok(client, "/shows/queen-of-tears/episodes/1/")
    assert "n/a" in first and 'rel="prev"' not in first
    last = get_ok(client, "/shows/queen-of-tears/episodes/16/")
    assert "24.850%" in last and 'rel="next"' not in last
    special = get_ok(client, "/shows/queen-of-tears/specials/2/")
    assert "Special 2" in special and "3.896%" in special and "Special 1" in special


def test_soundtrack_page(client):
    html = get_ok(client, "/shows/queen-of-tears/soundtrack/")
    assert "30 April 2024" in html
    assert "Love You With All My Heart" in html and ">184<" in html
    assert "Way Home" in html and "29 Apr 2024" in html
    assert "The Reasons of My Smile" in html  # as the accolades print it
    assert "Kim Tae-rae" in html
    assert html.count("Part ") >= 11


def test_show_awards_page(client):
    html = get_ok(client, "/shows/queen-of-tears/awards/")
    assert html.count('id="nomination-') == 69
    assert "Korea Drama Awards" in html and "Best Supporting Actor" in html
    assert "Nominee not recorded" in html
    # Linked names keep the order in which the nomination prints them.
    assert re.search(r"Kim Soo-hyun</a> and <a [^>]+>Kim Ji-won", html)


def test_person_page_filmography_nominations_news(client):
    html = get_ok(client, "/people/kim-soo-hyun/")
    assert "Baek Hyun-woo" in html and "My Love from the Star" in html
    assert "Way Home" in html
    assert "Grand Prize (Daesang)" in html
    assert "Off camera, Kim Soo-hyun and Kim Ji-won" in html
    assert "Also written Kim Soo Hyun" in html


def test_person_page_for_crew_and_cameo(client):
    html = get_ok(client, "/people/song-joong-ki/")
    assert "Special appearance" in html and 'href="/shows/queen-of-tears/episodes/8/"' in html
    html = get_ok(client, "/people/park-ji-eun/")
    assert "Writer" in html and "Crash Landing on You" in html and "Best Screenwriter" in html


def test_people_list(client):
    html = get_ok(client, "/people/")
    assert "Kim Ji-won" in html and 'href="?page=2"' in html
    assert "Zerobaseone" in get_ok(client, "/people/?page=2")
    # A mangled page number lands on the nearest real page instead of an error.
    assert "Zerobaseone" in get_ok(client, "/people/?page=99")
    assert "Kim Ji-won" in get_ok(client, "/people/?page=abc")


def test_ceremony_pages(client):
    html = get_ok(client, "/awards/")
    assert html.count('href="/awards/') >= 25
    html = get_ok(client, "/awards/korea-drama-awards/")
    assert "Park Sung-hoon" in html and "Kwak Dong-yeon" in html and "Won" in html
    assert "14</strong> nominations" in html


def test_news_pages(client):
    html = get_ok(client, "/news/")
    assert "Song Joong-ki brings Vincenzo back" in html
    html = get_ok(client, "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/")
    assert_shows(html, "Newsen", 'href="/shows/queen-of-tears/episodes/8/"', 'href="/people/song-joong-ki/"')


def test_other_show_pages(client):
    html = get_ok(client, "/shows/ask-ve-gozyasi/")
    assert "Remake of" in html and 'href="/shows/queen-of-tears/"' in html
    html = get_ok(client, "/shows/vincenzo/")
    assert "Vincenzo Cassano" in html and "Kim Hee-won" in html


@pytest.mark.parametrize(
    "url",
    [
        "/shows/no-such-show/",
        "/shows/no-such-show/cast/",
        "/shows/queen-of-tears/episodes/99/",
        "/shows/queen-of-tears/specials/3/",
        "/people/nobody/",
        "/awards/no-such-awards/",
        "/news/no-such-story/",
        "/no/such/page/",
        "/shows/queen-of-tears/episodes/abc/",
    ],
)
def test_unknown_urls_give_a_styled_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "site-header" in html


def test_the_unnamed_co_director_reads_as_unnamed_and_is_no_person(client):
    cast = get_ok(client, "/shows/queen-of-tears/cast/")
    directors = cast.split("<dt>Directors</dt>")[1].split("</dd>")[0]
    unnamed = '<li><span class="unknown">Name not given in our sources</span> <span class="meta">(Co-director'
    assert unnamed in directors
    assert directors.count("<a ") == 1 and 'href="/people/kim-hee-won/"' in directors
    crash_landing = get_ok(client, "/shows/crash-landing-on-you/cast/")
    assert "Name not given in our sources" in crash_landing and "Queen of Tears" in crash_landing
    pages = [cast, crash_landing, get_ok(client, "/shows/queen-of-tears/")]
    pages += [get_ok(client, f"/people/?page={n}") for n in (1, 2)]
    for html in pages:
        assert "co-director (name not given)" not in html
        assert "/people/queen-of-tears-co-director/" not in html
    assert client.get("/people/queen-of-tears-co-director/").status_code == 404


NEWS_PAGES = [
    "/",
    "/news/",
    "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/",
    "/news/kim-soo-hyun-and-kim-ji-won-behind-the-scenes/",
    "/shows/queen-of-tears/",
    "/shows/queen-of-tears/episodes/8/",
    "/people/kim-soo-hyun/",
]


@pytest.mark.parametrize("url", NEWS_PAGES)
def test_news_shows_no_publication_date_the_sources_do_not_give(client, url):
    import datetime

    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    html = get_ok(client, url)
    assert "Song Joong-ki brings Vincenzo back" in html or "Off camera" in html
    # The demo was loaded today (or, past midnight, yesterday); neither day is the stories' date.
    for day in (timezone.localdate(), timezone.localdate() - datetime.timedelta(days=1)):
        for shape in ("j F Y", "Y-m-d", "j M Y"):
            assert date_format(day, shape) not in html, (url, shape)
    assert "Published <time" not in html


def test_dated_articles_come_before_undated_ones_and_say_when_they_were_published(client):
    import datetime

    from tests.factories import ArticleFactory

    ArticleFactory(title="A dated story", published_at=datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC))
    html = get_ok(client, "/news/")
    assert html.index("A dated story") < html.index("Song Joong-ki brings Vincenzo back")
    assert 'Published <time datetime="2024-05-01T09:00:00+00:00">1 May 2024</time>' in html
    # What the source does date is the events, and the page says that is what the date is.
    assert 'About events of <time datetime="2024-03-31">31 March 2024</time>' in html


def test_unpublished_articles_stay_hidden(client):
    import datetime

    from django.utils import timezone

    from portal.news.models import Article

    Article.objects.filter(slug="kim-soo-hyun-and-kim-ji-won-behind-the-scenes").update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert "Off camera" not in client.get("/news/").content.decode()
    assert client.get("/news/kim-soo-hyun-and-kim-ji-won-behind-the-scenes/").status_code == 404
    assert "Off camera" not in client.get("/shows/queen-of-tears/episodes/8/").content.decode()


def test_show_list_filters_by_genre_and_company(client):
    html = get_ok(client, "/shows/?genre=romantic-comedy")
    assert "1 show<" in html and "Queen of Tears" in html and "Vincenzo" not in html
    html = get_ok(client, "/shows/?company=tvn")
    assert "2 shows" in html and "Crash Landing on You" in html
    assert 'href="/shows/"' in html  # clear filters


@pytest.mark.parametrize(
    "query", ["?company=nope", "?genre=%00", "?genre=" + "x" * 1000, "?company=%27%3B+DROP+TABLE"]
)
def test_show_list_rejects_invalid_filters_with_a_message(client, query):
    response = client.get("/shows/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    assert "14 shows" in html  # the unfiltered list


def test_pagination_keeps_the_filters(client):
    from shows.models import Genre

    from .factories import ShowFactory

    for _ in range(60):
        ShowFactory().genres.add(*Genre.objects.all())
    html = get_ok(client, "/shows/?genre=romantic-comedy")
    assert 'href="?genre=romantic-comedy&amp;page=2"' in html


def test_ceremony_page_groups_nominees_under_their_category(client):
    html = get_ok(client, "/awards/korea-drama-awards/")
    assert html.count("<h3>Best Supporting Actor</h3>") == 1
    section = html.split("<h3>Best Supporting Actor</h3>")[1].split("</section>")[0]
    assert "Park Sung-hoon" in section and "Kwak Dong-yeon" in section
    assert html.count("<h3>Global Star Award</h3>") == 1


def test_a_long_ceremony_lists_50_nominations_a_page_and_the_rest_after(client):
    from awards.models import Ceremony

    from .factories import CategoryFactory, NominationFactory
    from .helpers_filters import nomination_ids

    ceremony = Ceremony.objects.get(slug="korea-drama-awards")
    demo = set(ceremony.nominations.values_list("pk", flat=True))
    category = CategoryFactory(ceremony=ceremony, name="Newest Category")
    newest = {n.pk for n in NominationFactory.create_batch(50, category=category, year=2030)}
    first = get_ok(client, "/awards/korea-drama-awards/")
    assert nomination_ids(first) == newest and "Page 1 of 2" in first
    assert "Nominations 1–50 of 64" in first and "64</strong> nominations" in first
    second = get_ok(client, "/awards/korea-drama-awards/?page=2")
    assert nomination_ids(second) == demo and "Page 2 of 2" in second
    assert "Park Sung-hoon" in second and "<h3>Best Supporting Actor</h3>" in second
    assert "64</strong> nominations" in second  # the counts and the chart cover every page
    # The year filter narrows what is paginated.
    assert nomination_ids(get_ok(client, "/awards/korea-drama-awards/?year=2030&page=2")) == newest


def test_inferred_results_explain_themselves(client):
    html = get_ok(client, "/awards/asian-academy-creative-awards/")
    assert "without naming the round" in html


def test_non_canonical_episode_urls_redirect(client):
    response = client.get("/shows/queen-of-tears/episodes/008/")
    assert response.status_code == 301 and response["Location"] == "/shows/queen-of-tears/episodes/8/"
