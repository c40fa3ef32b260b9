"""Hangul titles and names: entered in the admin for shows, people, characters and songs, shown marked
lang="ko", found by search, and carried in the structured data as alternateName."""

import pytest
from django.urls import reverse

from people.models import Character, Person
from portal.search.models import SearchEntry
from shows.models import Song

from .test_admin import form_data
from .test_seo import check_schema, json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def hangul(qot, django_capture_on_commit_callbacks):
    """Native names on the demo's show, lead actor, lead character and first OST part."""
    with django_capture_on_commit_callbacks(execute=True):
        qot.native_title = "눈물의 여왕"
        qot.save()
        person = Person.objects.get(slug="kim-soo-hyun")
        person.native_name = "김수현"
        person.save()
        character = Character.objects.get(show=qot, slug="baek-hyun-woo")
        character.native_name = "백현우"
        character.save()
        song = Song.objects.filter(show=qot, kind="part").order_by("part").first()
        song.native_title = "청혼"
        song.save()
    return {"show": qot, "person": person, "character": character, "song": song}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("admin_url", "field"),
    [
        ("admin:shows_show_add", "native_title"),
        ("admin:people_person_add", "native_name"),
        ("admin:people_character_add", "native_name"),
        ("admin:shows_song_add", "native_title"),
    ],
)
def test_the_admin_takes_a_native_name_for_each_kind(staff_client, admin_url, field):
    assert f'name="{field}"' in page(staff_client, reverse(admin_url))


def test_a_characters_native_name_is_entered_in_the_shows_character_rows(staff_client, qot):
    data = form_data(staff_client.get(reverse("admin:shows_show_change", args=[qot.pk])))
    assert "characters-0-native_name" in data


def test_pages_mark_hangul_as_korean(client, hangul):
    assert '<span lang="ko">눈물의 여왕</span>' in page(client, "/shows/queen-of-tears/")
    assert '<span lang="ko">김수현</span>' in page(client, "/people/kim-soo-hyun/")
    cast = page(client, "/shows/queen-of-tears/cast/")
    assert '<span lang="ko">백현우</span>' in cast
    assert '<span lang="ko">백현우</span>' in page(client, "/shows/queen-of-tears/")  # the main cast
    assert '<span lang="ko">청혼</span>' in page(client, "/shows/queen-of-tears/soundtrack/")


def test_a_native_name_in_another_script_is_not_called_korean(
    client, qot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        qot.native_title = "Kraliçe"
        qot.save()
    html = page(client, "/shows/queen-of-tears/")
    assert '<p class="native">Kraliçe</p>' in html and 'lang="ko">Kraliçe' not in html


def test_structured_data_carries_native_names_as_alternate_names(client, hangul):
    [series] = json_ld(page(client, "/shows/queen-of-tears/"))
    check_schema(series)
    assert series["alternateName"][0] == "눈물의 여왕"
    hyun_woo = next(c for c in series["character"] if c["name"] == "Baek Hyun-woo")
    assert hyun_woo["@type"] == "Person" and "백현우" in hyun_woo["alternateName"]
    assert hyun_woo["url"] == "http://testserver/shows/queen-of-tears/cast/#character-baek-hyun-woo"
    [person] = json_ld(page(client, "/people/kim-soo-hyun/"))
    assert person["alternateName"][0] == "김수현"
    [soundtrack] = json_ld(page(client, "/shows/queen-of-tears/soundtrack/"))
    check_schema(soundtrack)
    recording = next(r for r in soundtrack["@graph"] if r["name"] == hangul["song"].title)
    assert recording["alternateName"][0] == "청혼"


@pytest.mark.parametrize(
    ("query", "title"),
    [("눈물의 여왕", "Queen of Tears"), ("김수현", "Kim Soo-hyun"), ("백현우", "Baek Hyun-woo")],
)
def test_search_finds_hangul_names(client, hangul, query, title):
    assert SearchEntry.objects.matching(query).first().title == title
    assert title in page(client, f"/search/?q={query}")


def test_search_finds_a_songs_hangul_title(hangul):
    assert SearchEntry.objects.matching("청혼").first().title == hangul["song"].title
