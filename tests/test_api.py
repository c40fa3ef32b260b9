"""The JSON API under /api/v1/: its data, filters, links, errors, caching, throttle, CORS and query counts."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.filters import NominationFilter
from awards.models import Nomination
from people.models import Casting
from portal.api.throttling import ClientAddressThrottle
from shows.models import Episode, Show

from .factories import count_queries, grow_demo_tenfold
from .test_junk_input import JUNK

pytestmark = pytest.mark.django_db

QOT = "/api/v1/shows/queen-of-tears/"
EVERY_INCLUDE = "episodes,cast,crew,soundtrack,awards"


def relax_throttle(settings, rate="100000/s"):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": rate}}


@pytest.fixture(autouse=True)
def relaxed_throttle(settings):
    """Most tests send more requests than a client may; the throttle tests set their own rate."""
    relax_throttle(settings)


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json", url
    return response.json()


def assert_error(response, status):
    """Every error has the one shape: {"error": {"status", "message", "fields"}}."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "fields"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


# The data


def test_a_show_with_its_links_and_iso_dates(client):
    show = get_json(client, QOT)
    assert show["slug"] == "queen-of-tears" and show["id"] == Show.objects.get(slug="queen-of-tears").pk
    assert show["url"] == "http://testserver/api/v1/shows/queen-of-tears/"
    assert show["html_url"] == "http://testserver/shows/queen-of-tears/"
    assert show["first_aired"] == "2024-03-09" and show["network"]["slug"] == "tvn"
    assert show["episodes_url"] == "http://testserver/api/v1/shows/queen-of-tears/episodes/"
    assert not {"episodes", "cast", "crew", "soundtrack", "awards"} & set(show)  # only when included


def test_include_adds_exactly_the_sections_asked_for(client):
    show = get_json(client, f"{QOT}?include=episodes&include=awards")
    assert {"episodes", "awards"} <= set(show) and not {"cast", "crew", "soundtrack"} & set(show)
    everything = get_json(client, f"{QOT}?include={EVERY_INCLUDE}")
    assert [e["number"] for e in everything["episodes"] if e["kind"] == "regular"] == list(range(1, 17))
    assert any(c["slug"] == "hong-hae-in" for c in everything["cast"])
    assert any(c["role"] == "writer" and c["person"]["slug"] == "park-ji-eun" for c in everything["crew"])
    assert everything["soundtrack"]["songs"] and everything["soundtrack"]["albums"]
    counts = everything["awards"]["counts"]
    assert (
        counts["total"]
        == len(everything["awards"]["nominations"])
        == Nomination.objects.filter(show__slug="queen-of-tears").count()
    )


def test_an_unknown_include_is_a_400_naming_the_allowed_ones(client):
    error = assert_error(client.get(f"{QOT}?include=episodes,bloopers"), 400)
    assert "bloopers" in error["message"] and EVERY_INCLUDE.replace(",", ", ") in error["message"]
    assert list(error["fields"]) == ["include"]


def test_episodes_carry_both_shares_and_unknown_shares_are_null(client):
    first = get_json(client, f"{QOT}episodes/1/")
    assert first["nationwide_share"] is None and first["seoul_share"] is None  # not in our sources
    eighth = get_json(client, f"{QOT}episodes/8/")
    assert (eighth["nationwide_share"], eighth["seoul_share"]) == (16.143, 17.886)
    assert eighth["cameos"][0]["person"]["slug"] == "song-joong-ki"
    assert eighth["cameos"][0]["character"]["url"].endswith(
        "/shows/queen-of-tears/characters/vincenzo-cassano/"
    )
    final = get_json(client, f"{QOT}episodes/16/")
    assert final["nationwide_share"] is not None and final["seoul_share"] is None
    special = get_json(client, f"{QOT}specials/1/")
    assert special["kind"] == "special" and special["url"].endswith("/specials/1/")


def test_a_character_with_younger_versions_and_an_unnamed_actor(client):
    hae_in = get_json(client, f"{QOT}characters/hong-hae-in/")
    assert [c["person"]["slug"] for c in hae_in["played_by"]] == ["kim-ji-won"]
    younger = {c["age"]: c["person"] for c in hae_in["younger_versions"]}
    assert younger["teen"] is None  # the source does not name her; never guessed
    assert younger["child"]["slug"] == "min-seo-hyung"
    assert hae_in["group"] == {"slug": "main", "name": "Main", "parent": None, "is_main": True}


def test_cameo_episodes_of_a_character(client):
    cameo = (
        Casting.objects.filter(is_cameo=True, episodes__isnull=False)
        .select_related("character__show")
        .first()
    )
    character = cameo.character
    data = get_json(client, f"/api/v1/shows/{character.show.slug}/characters/{character.slug}/")
    appearances = [c for c in data["played_by"] + data["younger_versions"] if c["is_cameo"]]
    numbers = {e["number"] for c in appearances for e in c["cameo_episodes"]}
    assert numbers == set(cameo.episodes.values_list("number", flat=True))


def test_a_persons_filmography(client):
    kim = get_json(client, "/api/v1/people/kim-soo-hyun/")
    roles = {(c["character"]["show"]["slug"], c["character"]["name"]) for c in kim["acting"]}
    assert ("queen-of-tears", "Baek Hyun-woo") in roles
    park = get_json(client, "/api/v1/people/park-ji-eun/")
    assert {"show": "queen-of-tears", "role": "writer"} in [
        {"show": c["show"]["slug"], "role": c["role"]} for c in park["crew"]
    ]


def test_songs_with_chart_peaks_and_the_part_filter(client):
    songs = get_json(client, f"{QOT}songs/?part=1")["results"]
    assert [s["part"] for s in songs] == [1]
    peaks = songs[0]["chart_peaks"]
    assert any(p["charted"] and p["position"] for p in peaks)
    assert all(p["position"] is None for p in peaks if not p["charted"])  # did not chart: no position
    assert get_json(client, songs[0]["url"].removeprefix("http://testserver"))["slug"] == songs[0]["slug"]


def test_nominations_filter_as_the_page_does_and_unrecorded_results_are_null(client):
    query = {"ceremony": "korea-drama-awards", "year": "2024", "result": "won"}
    data = get_json(client, "/api/v1/nominations/?ceremony=korea-drama-awards&year=2024&result=won")
    expected = NominationFilter(query, queryset=Nomination.objects.for_nominations_page()).qs
    assert data["count"] == expected.count() > 0
    assert {(n["ceremony"]["slug"], n["year"], n["result"]) for n in data["results"]} == {
        ("korea-drama-awards", 2024, "won")
    }
    unrecorded = get_json(client, "/api/v1/nominations/?result=not_recorded&page_size=5")["results"]
    assert unrecorded and all(n["result"] is None for n in unrecorded)


def test_an_invalid_filter_is_a_400_with_a_message_per_field(client):
    error = assert_error(client.get("/api/v1/nominations/?year=abc&result=maybe"), 400)
    assert set(error["fields"]) == {"year", "result"}
    assert all(isinstance(m, str) for messages in error["fields"].values() for m in messages)
    error = assert_error(client.get("/api/v1/episodes/?aired_after=2024-13-01"), 400)
    assert set(error["fields"]) == {"aired_after"}


def test_ceremonies_news_and_people_lists(client):
    ceremony = get_json(client, "/api/v1/ceremonies/korea-drama-awards/")
    assert ceremony["categories"] and ceremony["counts"]["total"] >= ceremony["counts"]["won"]
    assert ceremony["nominations_url"].endswith("/api/v1/nominations/?ceremony=korea-drama-awards")
    article = get_json(client, "/api/v1/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/")
    assert article["paragraphs"] and {s["slug"] for s in article["shows"]} >= {"queen-of-tears"}
    actors = get_json(client, "/api/v1/people/?role=actor&show=queen-of-tears&page_size=100")["results"]
    assert "kim-soo-hyun" in {p["slug"] for p in actors} and "park-ji-eun" not in {p["slug"] for p in actors}


def test_search(client):
    results = get_json(client, "/api/v1/search/?q=kim+soo+hyun")["results"]
    assert (
        results[0]["kind"] == "person"
        and results[0]["url"] == "http://testserver/api/v1/people/kim-soo-hyun/"
    )
    songs = get_json(client, "/api/v1/search/?q=way+home&kind=song")["results"]
    assert songs and all(r["kind"] == "song" for r in songs)
    assert songs[0]["url"] == "http://testserver/api/v1/shows/queen-of-tears/songs/way-home/"
    for query in ["", "q=", "q=%21%21", "q=kim&kind=bogus"]:
        assert assert_error(client.get(f"/api/v1/search/?{query}"), 400)["fields"], query


# Format, pagination and errors


def test_json_whatever_the_accept_header(client):
    for accept in ["application/json", "text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "image/png"]:
        get_json(client, "/api/v1/shows/", HTTP_ACCEPT=accept)


def test_pagination_links_count_and_strict_numbers(client):
    first = get_json(client, "/api/v1/people/?page_size=10&utm_source=newsletter")
    assert first["count"] > 20 and len(first["results"]) == 10 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/people/?page_size=10&page=2"  # no tracking parameter
    second = get_json(client, first["next"].removeprefix("http://testserver"))
    assert second["previous"] == "http://testserver/api/v1/people/?page_size=10"
    assert {p["id"] for p in first["results"]}.isdisjoint(p["id"] for p in second["results"])
    for query in ["page=abc", "page=0", "page=%C2%B2", "page_size=0", "page_size=-5"]:
        assert assert_error(client.get(f"/api/v1/people/?{query}"), 400)["fields"], query
    assert_error(client.get("/api/v1/people/?page=999"), 404)
    assert len(get_json(client, "/api/v1/people/?page_size=5000")["results"]) <= 100


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/shows/no-such-show/",
        "/api/v1/shows/no-such-show/episodes/",
        "/api/v1/shows/queen-of-tears/episodes/99/",
        "/api/v1/shows/queen-of-tears/episodes/99999999999999999999999/",
        "/api/v1/shows/queen-of-tears/characters/nobody/",
        "/api/v1/nominations/99999999999999999999/",
        "/api/v1/people/%E2%91%A0/",
        "/api/v1/nothing-here/",
        "/api/v1/shows/queen-of-tears/episodes/0/",
        "/api/v1/shows%00/",
        "/api/v1/shows",
    ],
)
def test_unknown_addresses_are_json_404s(client, path):
    assert_error(client.get(path), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, method):
    response = getattr(client, method)(QOT, data="{}", content_type="application/json")
    assert "read-only" in assert_error(response, 405)["message"]
    assert "POST" not in response["Allow"] and "GET" in response["Allow"]


def test_throttled_with_retry_after_counting_cached_answers(client, settings):
    relax_throttle(settings, "3/10s")
    responses = [client.get("/api/v1/shows/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200] * 3 and responses[2]["X-Cache"] == "HIT"
    throttled = client.get("/api/v1/shows/")
    assert "at most 3 every 10 seconds" in assert_error(throttled, 429)["message"]
    assert 1 <= int(throttled["Retry-After"]) <= 10 and throttled["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/shows/", REMOTE_ADDR="10.0.0.2").status_code == 200  # another address


def test_an_ipv6_64_is_one_client(client, settings):
    relax_throttle(settings, "2/min")
    assert client.get("/api/v1/", REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    assert client.get("/api/v1/", REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 200
    assert_error(client.get("/api/v1/", REMOTE_ADDR="2001:db8:1:2::77"), 429)
    assert client.get("/api/v1/", REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [
        ("20/10s", (20, 10)),
        ("100/min", (100, 60)),
        ("5/m", (5, 60)),
        ("1000/h", (1000, 3600)),
        ("9/2day", (9, 172800)),
    ],
)
def test_throttle_rates(rate, parsed):
    assert ClientAddressThrottle.parse_rate(None, rate) == parsed


@pytest.mark.parametrize("rate", ["20", "0/10s", "20/0s", "20/10 fortnights", "many/s"])
def test_a_wrong_throttle_rate_is_refused(rate):
    with pytest.raises(ImproperlyConfigured):
        ClientAddressThrottle.parse_rate(None, rate)


def test_cors_for_get_and_preflight(client):
    response = client.get("/api/v1/shows/", HTTP_ORIGIN="https://fan.example")
    assert (
        response["Access-Control-Allow-Origin"] == "*" and "ETag" in response["Access-Control-Expose-Headers"]
    )
    preflight = client.options(
        "/api/v1/shows/", HTTP_ORIGIN="https://fan.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


# Caching


def test_cached_like_the_pages_and_an_edit_retires_the_copy(client, django_assert_num_queries):
    first = client.get(QOT)
    assert first["X-Cache"] == "MISS" and "show:1" in first["Surrogate-Key"].split() and first["ETag"]
    with django_assert_num_queries(0):
        again = client.get(QOT)
    assert again["X-Cache"] == "HIT" and again.content == first.content
    assert client.get(QOT, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    show = Show.objects.get(slug="queen-of-tears")
    show.title = "Queen of Tears (renamed)"
    show.save()
    after = client.get(QOT)
    assert after["X-Cache"] == "MISS" and after.json()["title"] == "Queen of Tears (renamed)"
    assert client.get(QOT, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_an_episode_edit_reaches_the_show_with_its_episodes(client):
    url = f"{QOT}?include=episodes"
    client.get(url)
    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8)
    episode.nationwide_share = "16.500"
    episode.save()
    episodes = client.get(url).json()["episodes"]
    assert [e["nationwide_share"] for e in episodes if (e["kind"], e["number"]) == ("regular", 8)] == [16.5]


def test_the_cache_key_keeps_api_parameters(client):
    assert len(get_json(client, "/api/v1/people/?page_size=3")["results"]) == 3
    assert len(get_json(client, "/api/v1/people/?page_size=4")["results"]) == 4
    assert "episodes" in get_json(client, f"{QOT}?include=episodes")
    assert "episodes" not in get_json(client, QOT)


# Schema and docs


def test_the_openapi_schema_in_yaml_and_json(client):
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi: 3")
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/shows/{slug}/" in schema["paths"] and "Error" in schema["components"]["schemas"]
    assert schema["info"]["license"]["name"] == "CC BY-SA 4.0"


def test_the_docs_page_is_self_hosted(client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "<style>" not in html and "cdn" not in html.lower() and "https://" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()


# Query counts: every endpoint's are pinned and do not grow with the data.

QUERIES = {
    "/api/v1/shows/": 3,
    "/api/v1/shows/?genre=romantic-comedy&company=tvn": 5,
    QOT: 6,
    f"{QOT}?include={EVERY_INCLUDE}": 21,
    f"{QOT}episodes/": 3,
    f"{QOT}episodes/8/": 3,
    f"{QOT}characters/": 5,
    f"{QOT}characters/baek-hyun-woo/": 3,
    f"{QOT}songs/": 6,
    f"{QOT}songs/?part=1&charted=true&sort=peak": 6,
    f"{QOT}songs/the-reason-of-my-smiles/": 3,
    "/api/v1/episodes/": 2,
    "/api/v1/people/": 2,
    "/api/v1/people/?role=actor&show=queen-of-tears": 3,
    "/api/v1/people/kim-soo-hyun/": 6,
    "/api/v1/ceremonies/": 2,
    "/api/v1/ceremonies/korea-drama-awards/": 2,
    "/api/v1/nominations/": 5,
    "/api/v1/nominations/?ceremony=korea-drama-awards&year=2024&result=won": 6,
    "/api/v1/news/": 3,
    "/api/v1/news/song-joong-ki-returns-as-vincenzo-in-queen-of-tears/": 5,
    "/api/v1/search/?q=kim+soo+hyun": 2,
}


@pytest.mark.parametrize(("url", "expected"), QUERIES.items())
def test_endpoint_query_count_is_pinned(client, url, expected, django_assert_num_queries):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_a_nomination_detail_query_count(client, django_assert_num_queries):
    url = f"/api/v1/nominations/{Nomination.objects.order_by('pk').first().pk}/"
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_query_counts_do_not_grow_with_ten_times_the_data(client):
    before = {url: count_queries(client, url) for url in QUERIES}
    grow_demo_tenfold()
    with CaptureQueriesContext(connection):
        grown = get_json(client, f"{QOT}?include=cast")
    assert len(grown["cast"]) > 100  # the data really grew
    assert {url: count_queries(client, url) for url in QUERIES} == before


# Junk in every parameter the schema documents


def documented_operations(client):
    """(address, what its querystring needs, [query parameter names]) of every operation, with demo records
    in its path."""
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    demo = {
        "slug": "queen-of-tears",
        "kind": "episodes",
        "number": "8",
        "character": "hong-hae-in",
        "song": "way-home",
        "id": str(Nomination.objects.order_by("pk").first().pk),
    }
    people = {"/api/v1/people/{slug}/": "kim-soo-hyun", "/api/v1/ceremonies/{slug}/": "korea-drama-awards"}
    for path, operations in schema["paths"].items():
        parameters = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        values = {**demo, "slug": people.get(path, demo["slug"])}
        if path == "/api/v1/news/{slug}/":
            values["slug"] = "song-joong-ki-returns-as-vincenzo-in-queen-of-tears"
        needed = {"q": "kim"} if path == "/api/v1/search/" else {}
        yield path.format(**values), needed, sorted({*parameters, "page", "format"})


def test_junk_in_every_documented_parameter_is_a_clean_answer(client):
    checked = 0
    for address, needed, parameters in documented_operations(client):
        assert client.get(address, needed).status_code == 200, address
        for parameter in parameters:
            for value in JUNK:
                response = client.get(address, {**needed, parameter: value})
                assert response.status_code < 500, (address, parameter, value[:20])
                if response.status_code >= 400:
                    assert_error(response, response.status_code)
                checked += 1
    assert checked > 19 * 3 * len(JUNK)
