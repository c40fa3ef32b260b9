"""Being found and shared: sitemap.xml and robots.txt, canonical and link-preview tags on every page,
schema.org JSON-LD, and RSS/Atom feeds for the news and each episode's discussion."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from awards.models import Ceremony
from people.models import Person
from portal.comments.models import Comment
from portal.news.models import Article
from shows.models import Episode, Show

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/shows/",
    "/shows/queen-of-tears/",
    "/shows/queen-of-tears/cast/",
    "/shows/queen-of-tears/episodes/",
    "/shows/queen-of-tears/episodes/8/",
    "/shows/queen-of-tears/specials/1/",
    "/shows/queen-of-tears/soundtrack/",
    "/shows/queen-of-tears/awards/",
    "/episodes/",
    "/people/",
    "/people/kim-soo-hyun/",
    "/awards/",
    "/awards/korea-drama-awards/",
    "/awards/nominations/",
    "/news/",
    "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/",
    "/search/?q=kim",
    "/accounts/login/",
    "/accounts/signup/",
]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}

# The schema.org properties each type may use here (all are schema.org's own, checked against its
# definitions of the type and its parents).
THING = {"@context", "@type", "name", "alternateName", "url", "description", "image"}
SCHEMA_PROPERTIES = {
    "WebSite": THING,
    "TVSeries": THING
    | {"genre", "inLanguage", "countryOfOrigin", "startDate", "endDate", "numberOfEpisodes"}
    | {"productionCompany", "author", "director", "musicBy", "actor", "character", "award", "episode"},
    "TVEpisode": THING | {"episodeNumber", "datePublished", "partOfSeries", "actor"},
    "Person": THING | {"memberOf", "award"},
    "PerformingGroup": THING | {"member", "memberOf", "award"},
    "MusicGroup": THING,
    "MusicRecording": THING | {"byArtist", "datePublished", "inAlbum"},
    "MusicAlbum": THING,
    "NewsArticle": THING
    | {"headline", "mainEntityOfPage", "datePublished", "author", "publisher"}
    | {"about", "mentions"},
    "Organization": THING,
    "Country": THING,
}


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def head(html):
    return html.split("</head>")[0]


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head(html))
    return found.group(1) if found else None


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def check_schema(node, path="$"):
    """Every object in the JSON-LD has a known @type and only that type's properties."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            check_schema(item, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    if "@graph" in node:
        assert set(node) == {"@context", "@graph"}, path
        check_schema(node["@graph"], f"{path}.@graph")
        return
    kind = node.get("@type")
    if kind is None:
        # A reference to a person or group our sources do not say which of: a name and an address only.
        assert set(node) == {"name", "url"}, path
        return
    assert kind in SCHEMA_PROPERTIES, f"{path}: unexpected type {kind}"
    unknown = set(node) - SCHEMA_PROPERTIES[kind]
    assert not unknown, f"{path} ({kind}): {unknown}"
    for key, value in node.items():
        assert value not in ("", [], {}, None), f"{path}.{key} is empty"
        check_schema(value, f"{path}.{key}")


# Sitemap and robots.txt


def test_sitemap_lists_every_show_episode_person_ceremony_and_article(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert len(locations) == len(set(locations))
    expected = {"http://testserver/", "http://testserver/shows/", "http://testserver/news/"}
    for model in (Show, Person, Ceremony):
        expected |= {f"http://testserver{o.get_absolute_url()}" for o in model.objects.all()}
    expected |= {f"http://testserver{e.get_absolute_url()}" for e in Episode.objects.select_related("show")}
    expected |= {f"http://testserver{a.get_absolute_url()}" for a in Article.objects.published()}
    assert expected <= set(locations), expected - set(locations)
    assert "http://testserver/shows/queen-of-tears/soundtrack/" in locations
    shows = Show.objects.count()
    assert len(locations) == (
        7
        + shows * 5
        + Episode.objects.count()
        + Person.objects.count()
        + Ceremony.objects.count()
        + Article.objects.published().count()
    )
    article = root.find(
        "s:url[s:loc='http://testserver/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/']",
        SITEMAP_NS,
    )
    # lastmod is when the page last changed, which the portal knows even when the story's date is unknown.
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.find("s:lastmod", SITEMAP_NS).text)
    assert "http://testserver/people/queen-of-tears-co-director/" not in locations


def test_sitemap_leaves_out_scheduled_articles(client):
    ArticleFactory(slug="not-yet", published_at=timezone.now() + datetime.timedelta(days=2))
    assert b"/news/not-yet/" not in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("User-agent: *\n")
    assert "Disallow: /admin/\n" in text and "Disallow: /accounts/\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /\n" not in text  # the public pages stay crawlable


# Tags in <head>


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_canonical_description_open_graph_and_twitter_tags(client, url):
    html = get_html(client, url)
    path = url.split("?")[0]
    assert f'<link rel="canonical" href="http://testserver{path}">' in head(html)
    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    description = meta(html, "name", "description")
    assert description and len(description) >= 10
    assert meta(html, "property", "og:title") == title
    assert meta(html, "property", "og:description") == description
    assert meta(html, "property", "og:url") == f"http://testserver{path}"
    assert meta(html, "property", "og:site_name") == "Drama Portal"
    assert meta(html, "property", "og:type") in {
        "website",
        "video.tv_show",
        "video.episode",
        "profile",
        "article",
    }
    assert meta(html, "name", "twitter:card") == "summary"  # the demo has no pictures
    assert meta(html, "name", "twitter:title") == title
    assert meta(html, "name", "twitter:description") == description
    feeds = re.findall(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', head(html))
    assert ("application/rss+xml", "Drama Portal news (RSS)", "/feeds/news.rss") in feeds
    assert ("application/atom+xml", "Drama Portal news (Atom)", "/feeds/news.atom") in feeds
    for block in json_ld(html):
        check_schema(block)


def test_canonical_address_drops_filters_but_keeps_the_page_number(client):
    html = get_html(client, "/awards/nominations/?page=2&ceremony=korea-drama-awards")
    assert '<link rel="canonical" href="http://testserver/awards/nominations/?page=2">' in html
    html = get_html(client, "/awards/nominations/?page=abc")
    assert '<link rel="canonical" href="http://testserver/awards/nominations/">' in html


def test_page_types_for_link_previews(client):
    assert meta(get_html(client, "/shows/queen-of-tears/"), "property", "og:type") == "video.tv_show"
    assert (
        meta(get_html(client, "/shows/queen-of-tears/episodes/8/"), "property", "og:type") == "video.episode"
    )
    assert meta(get_html(client, "/people/kim-soo-hyun/"), "property", "og:type") == "profile"
    html = get_html(client, "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/")
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "article:published_time") is None  # not given in our sources
    dated = ArticleFactory(slug="dated")
    published = meta(get_html(client, dated.get_absolute_url()), "property", "article:published_time")
    assert published == "2024-05-01T00:00:00+00:00"


# JSON-LD


def only_block(client, url):
    blocks = json_ld(get_html(client, url))
    assert len(blocks) == 1, url
    check_schema(blocks[0])
    return blocks[0]


def test_show_page_describes_the_series_with_episodes_actors_director_and_awards(client):
    data = only_block(client, "/shows/queen-of-tears/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "TVSeries"
    assert data["name"] == "Queen of Tears" and data["url"] == "http://testserver/shows/queen-of-tears/"
    assert data["startDate"] == "2024-03-09" and data["numberOfEpisodes"] == 16
    assert len(data["episode"]) == 18 and {e["@type"] for e in data["episode"]} == {"TVEpisode"}
    assert data["episode"][7] == {
        "@type": "TVEpisode",
        "name": "Queen of Tears Episode 8",
        "episodeNumber": 8,
        "datePublished": "2024-03-31",
        "url": "http://testserver/shows/queen-of-tears/episodes/8/",
    }
    actors = [a["name"] for a in data["actor"]]
    assert actors[:2] == ["Kim Soo-hyun", "Kim Ji-won"]
    assert [d["name"] for d in data["director"]] == ["Kim Hee-won"]  # the other one is not named
    assert [a["name"] for a in data["author"]] == ["Park Ji-eun"]
    assert len(data["award"]) == 4 and "Best Drama, Korea Drama Awards 2024" in data["award"]
    assert "image" not in data  # no poster in the demo: nothing is made up


def test_episode_person_article_and_home_pages_have_their_types(client):
    episode = only_block(client, "/shows/queen-of-tears/episodes/8/")
    assert episode["@type"] == "TVEpisode" and episode["partOfSeries"]["name"] == "Queen of Tears"
    assert "Song Joong-ki" in [a["name"] for a in episode["actor"]]
    special = only_block(client, "/shows/queen-of-tears/specials/1/")
    assert special["name"] == "Queen of Tears Special 1" and "episodeNumber" not in special
    person = only_block(client, "/people/kim-soo-hyun/")
    assert person["@type"] == "Person" and person["name"] == "Kim Soo-hyun"
    group = only_block(client, "/people/zerobaseone/")
    assert group["@type"] == "PerformingGroup" and "Kim Tae-rae" in [m["name"] for m in group["member"]]
    assert json_ld(get_html(client, "/people/bss/")) == []  # person or group: our sources do not say
    article = only_block(client, "/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/")
    assert article["@type"] == "NewsArticle" and article["publisher"]["name"] == "Drama Portal"
    assert "Song Joong-ki" in [p["name"] for p in article["mentions"]]
    assert "datePublished" not in article  # the sources do not date the story
    dated = only_block(client, ArticleFactory(slug="dated").get_absolute_url())
    assert dated["datePublished"] == "2024-05-01T00:00:00Z"
    home = only_block(client, "/")
    assert home["@type"] == "WebSite" and home["url"] == "http://testserver/"


def test_soundtrack_songs_are_music_recordings(client, qot):
    data = only_block(client, "/shows/queen-of-tears/soundtrack/")
    recordings = data["@graph"]
    assert {r["@type"] for r in recordings} == {"MusicRecording"}
    assert len(recordings) == qot.songs.count()
    first = next(r for r in recordings if r["name"] == "The Reason of My Smiles")
    # Our sources do not say whether BSS is a person or a group, so the reference claims neither.
    assert first["byArtist"] == [{"name": "BSS", "url": "http://testserver/people/bss/"}]
    more = next(r for r in recordings if r["name"] == "More Than Enough")
    assert more["byArtist"] == [
        {"@type": "Person", "name": "Kim Tae-rae", "url": "http://testserver/people/kim-tae-rae/"}
    ]
    assert first["inAlbum"]["name"] == "Queen of Tears OST"
    assert first["alternateName"] == ["The Reasons of My Smile"]


def test_json_ld_cannot_be_broken_out_of(client):
    nasty = 'Fans write </script><script>alert("x")</script> & <!-- more'
    article = ArticleFactory(slug="escaping", title=nasty, standfirst=nasty)
    html = get_html(client, article.get_absolute_url())
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["headline"] == nasty and data["description"] == nasty
    assert '<script>alert("x")' not in html


# Feeds


def test_news_feeds_list_published_articles_newest_first(client):
    ArticleFactory(
        slug="tomorrow", title="Not out yet", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    published = list(Article.objects.published().newest_first())

    rss = client.get("/feeds/news.rss")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("title") == "Drama Portal: news"
    assert channel.findtext("link") == "http://testserver/news/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [a.title for a in published]
    assert items[0].findtext("link") == f"http://testserver{published[0].get_absolute_url()}"
    assert items[0].findtext("description") == published[0].standfirst
    assert "Not out yet" not in rss.content.decode()

    atom = client.get("/feeds/news.atom")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("a:entry", ATOM_NS)
    assert [e.findtext("a:title", namespaces=ATOM_NS) for e in entries] == [a.title for a in published]


def test_news_feeds_date_only_what_is_known(client):
    ArticleFactory(slug="dated", title="A dated story")
    items = ET.fromstring(client.get("/feeds/news.rss").content).find("channel").findall("item")
    # Dated articles first, then the demo's two, whose sources give no date: RSS leaves pubDate out.
    assert [i.findtext("title") for i in items][0] == "A dated story"
    assert [i.findtext("pubDate") for i in items] == ["Wed, 01 May 2024 00:00:00 +0000", None, None]

    entries = ET.fromstring(client.get("/feeds/news.atom").content).findall("a:entry", ATOM_NS)
    published = [e.findtext("a:published", namespaces=ATOM_NS) for e in entries]
    assert published == ["2024-05-01T00:00:00+00:00", None, None]
    # Atom requires <updated> on every entry: it is when our record last changed, never a publication date.
    assert all(e.findtext("a:updated", namespaces=ATOM_NS) for e in entries)


@pytest.fixture
def discussion(django_user_model):
    episode = Episode.objects.select_related("show").get(
        show__slug="queen-of-tears", kind="regular", number=8
    )
    author = django_user_model.objects.create_user("haein", "h@example.org", "a-long-test-password")
    make = lambda body, **extra: Comment.objects.create(episode=episode, author=author, body=body, **extra)  # noqa: E731
    return {
        "episode": episode,
        "visible": make("What a cameo!"),
        "spoiler": make("The lawyer turns out to be Vincenzo.", is_spoiler=True),
        "hidden": make("Rude words", status=Comment.Status.HIDDEN),
        "deleted": make("Gone", is_deleted=True),
    }


def test_episode_discussion_feeds_carry_visible_comments_only(client, discussion):
    rss = client.get("/feeds/shows/queen-of-tears/episodes/8/comments.rss")
    assert rss.status_code == 200
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("title") == "Queen of Tears episode 8: discussion on Drama Portal"
    items = channel.findall("item")
    assert len(items) == 2
    text = rss.content.decode()
    assert "What a cameo!" in text
    assert "Rude words" not in text and "Gone" not in text
    assert "Vincenzo" not in text  # the spoiler is announced, not printed
    titles = [i.findtext("title") for i in items]
    assert "Spoiler warning: haein on episode 8" in titles and "haein on episode 8" in titles
    visible = discussion["visible"]
    links = [i.findtext("link") for i in items]
    assert f"http://testserver/shows/queen-of-tears/episodes/8/#comment-{visible.pk}" in links

    atom = client.get("/feeds/shows/queen-of-tears/episodes/8/comments.atom")
    entries = ET.fromstring(atom.content).findall("a:entry", ATOM_NS)
    assert len(entries) == 2
    assert entries[0].find("a:author/a:name", ATOM_NS).text == "haein"


def test_episode_pages_link_their_discussion_feeds(client):
    html = head(get_html(client, "/shows/queen-of-tears/episodes/8/"))
    assert 'href="/feeds/shows/queen-of-tears/episodes/8/comments.rss"' in html
    assert 'href="/feeds/shows/queen-of-tears/episodes/8/comments.atom"' in html
    html = head(get_html(client, "/shows/queen-of-tears/specials/2/"))
    assert 'href="/feeds/shows/queen-of-tears/specials/2/comments.rss"' in html
    assert client.get("/feeds/shows/queen-of-tears/specials/2/comments.atom").status_code == 200


def test_feed_of_an_unknown_episode_is_not_found(client):
    assert client.get("/feeds/shows/queen-of-tears/episodes/99/comments.rss").status_code == 404
    assert client.get("/feeds/shows/no-such-show/episodes/1/comments.atom").status_code == 404
