"""Staff can edit everything from /admin/; nobody else can reach it."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PORTAL_APPS = {"shows", "people", "awards", "news"}
MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PORTAL_APPS
)


def test_every_portal_model_has_an_admin():
    from django.apps import apps

    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            assert model in admin.site._registry, model


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_changelist_add_and_change_forms_render_for_staff(staff_client, app, model):
    changelist = staff_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert changelist.status_code == 200
    assert staff_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200
    model_class = next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app, model)
    )
    obj = model_class.objects.first()
    assert obj is not None, f"the demo content has no {model}"
    assert staff_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200


def test_changelist_search_and_filters(staff_client):
    url = reverse("admin:people_person_changelist")
    response = staff_client.get(url, {"q": "Kim Soo"})
    assert "Kim Soo-hyun" in response.content.decode()
    response = staff_client.get(reverse("admin:awards_nomination_changelist"), {"result__exact": "won"})
    assert "4 nominations" in response.content.decode()


def test_autocomplete_finds_people(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "Song Joong", "app_label": "people", "model_name": "casting", "field_name": "person"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Song Joong-ki"]


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_non_staff_and_visitors_are_refused(client, django_user_model, app, model):
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    member = django_user_model.objects.create_user("member", "m@example.org", "a-long-test-password")
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 302


def test_staff_edit_shows_on_the_public_page(staff_client, client, qot):
    from shows.models import Episode

    episode = Episode.objects.get(show=qot, kind="regular", number=1)
    url = reverse("admin:shows_episode_change", args=[episode.pk])
    response = staff_client.post(
        url,
        {
            "show": qot.pk,
            "kind": "regular",
            "number": 1,
            "title": "",
            "air_date": "2024-03-09",
            "synopsis": "",
            "nationwide_share": "5.850",
            "seoul_share": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "5.850%" in client.get("/shows/queen-of-tears/episodes/1/").content.decode()


def test_admin_rejects_an_out_of_range_share_without_losing_data(staff_client, qot):
    from shows.models import Episode

    episode = Episode.objects.get(show=qot, kind="regular", number=8)
    response = staff_client.post(
        reverse("admin:shows_episode_change", args=[episode.pk]),
        {
            "show": qot.pk,
            "kind": "regular",
            "number": 8,
            "air_date": "2024-03-31",
            "nationwide_share": "150",
            "seoul_share": "17.886",
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "errornote" in response.content.decode()
    episode.refresh_from_db()
    assert str(episode.nationwide_share) == "16.143"


def test_admin_rejects_a_duplicate_episode_number(staff_client, qot):
    response = staff_client.post(
        reverse("admin:shows_episode_add"),
        {"show": qot.pk, "kind": "regular", "number": 8, "air_date": "2024-03-31"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["number"] == ["This show already has an episode of this kind with this number."]
    assert "episode_unique_number_per_kind" not in response.content.decode()


def form_data(response):
    """The POST data a browser would send for an admin change form as rendered, inlines included."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                data[key] = ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.initial_forms:
            add(form)
    return data


def add_inline_row(data, prefix, **values):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value


def test_episode_added_inline_in_its_show(staff_client, client, qot):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    add_inline_row(
        data, "episodes", kind="special", number="3", air_date="2024-05-12", nationwide_share="2.500"
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert "2.500%" in client.get("/shows/queen-of-tears/specials/3/").content.decode()
    assert qot.episodes.count() == 19


def test_song_added_inline_in_its_album_belongs_to_the_show(staff_client, client, qot):
    album = qot.albums.get()
    url = reverse("admin:shows_album_change", args=[album.pk])
    data = form_data(staff_client.get(url))
    add_inline_row(data, "songs", kind="track", title="Main Theme", slug="main-theme", artist_credit="")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    song = album.songs.get(slug="main-theme")
    assert song.show == qot
    assert "Main Theme" in client.get("/shows/queen-of-tears/soundtrack/").content.decode()


def test_nomination_added_inline_in_its_ceremony(staff_client, client, qot):
    from awards.models import Ceremony

    ceremony = Ceremony.objects.get(slug="baeksang-arts-awards")
    category = ceremony.categories.get()
    url = reverse("admin:awards_ceremony_change", args=[ceremony.pk])
    data = form_data(staff_client.get(url))
    add_inline_row(
        data,
        "nominations",
        year="2025",
        position="1",
        category=str(category.pk),
        nominee_text="Someone New",
        result="nominated",
        show=str(qot.pk),
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert ceremony.nominations.filter(year=2025, nominee_text="Someone New").exists()
    assert "Someone New" in client.get("/awards/baeksang-arts-awards/").content.decode()


def test_nomination_form_refuses_a_taken_position(staff_client, qot):
    from awards.models import Nomination

    taken = Nomination.objects.get(ceremony__slug="baeksang-arts-awards")
    response = staff_client.post(
        reverse("admin:awards_nomination_add"),
        {"category": taken.category_id, "year": taken.year, "position": taken.position, "result": "won"},
    )
    assert response.status_code == 200
    assert "already has position" in response.content.decode()


def assert_form_error_and_nothing_saved(response, model, count_before):
    assert response.status_code == 200, "expected the form back with an error, not a redirect or a crash"
    assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    assert model.objects.count() == count_before


@pytest.mark.parametrize(
    "song",
    [
        {"kind": "track", "title": "Promise again", "slug": "promise"},  # slug taken in this show
        {"kind": "part", "part": "3", "title": "Another part 3", "slug": "another-part-3"},  # part taken
    ],
)
def test_album_inline_refuses_a_clashing_song_with_a_message(staff_client, qot, song):
    from shows.models import Song

    album = qot.albums.get()
    url = reverse("admin:shows_album_change", args=[album.pk])
    data = form_data(staff_client.get(url))
    add_inline_row(data, "songs", artist_credit="", **song)
    before = Song.objects.count()
    assert_form_error_and_nothing_saved(staff_client.post(url, data), Song, before)


@pytest.mark.parametrize("person_slug", ["kim-kap-soo", None])
def test_casting_inline_refuses_two_identical_new_rows(staff_client, person_slug):
    from people.models import Casting, Character, Person

    character = Character.objects.get(slug="hong-man-dae")
    url = reverse("admin:people_character_change", args=[character.pk])
    data = form_data(staff_client.get(url))
    person = str(Person.objects.get(slug=person_slug).pk) if person_slug else ""
    for _ in range(2):
        add_inline_row(data, "castings", person=person, age="teen", billing="5")
    before = Casting.objects.count()
    assert_form_error_and_nothing_saved(staff_client.post(url, data), Casting, before)


def test_cast_is_edited_inline_in_the_show(staff_client, client, qot):
    from people.models import Character, Person

    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    character = Character.objects.get(show=qot, slug="hong-beom-seok")
    newcomer = Person.objects.create(name="Test Actor", slug="test-actor")
    add_inline_row(
        data, "castings", character=str(character.pk), person=str(newcomer.pk), age="child", billing="2"
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert character.castings.filter(person=newcomer, age="child", show=qot).exists()
    assert "Test Actor" in client.get("/shows/queen-of-tears/cast/").content.decode()


def test_show_inlines_offer_only_that_shows_characters_and_groups(staff_client, qot):
    response = staff_client.get(reverse("admin:shows_show_change", args=[qot.pk]))
    html = response.content.decode()
    casting_select = html.split('name="castings-0-character"')[1].split("</select>")[0]
    assert "Baek Hyun-woo" in casting_select and "role-of-jeon-yeo-been" not in casting_select
    assert casting_select.count("<option") == 45 + 1  # the show's characters and the empty choice


def test_a_character_cannot_join_another_shows_cast_group(staff_client):
    from people.models import CastGroup, Character

    character = Character.objects.get(show__slug="vincenzo", slug="vincenzo-cassano")
    foreign_group = CastGroup.objects.get(show__slug="queen-of-tears", slug="main")
    url = reverse("admin:people_character_change", args=[character.pk])
    data = form_data(staff_client.get(url))
    data["group"] = str(foreign_group.pk)
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "Choose a cast group of this" in response.content.decode()
    character.refresh_from_db()
    assert character.group is None


def test_the_show_admin_saves_a_full_drama_in_one_form(staff_client, qot):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    assert sum(len(v) if isinstance(v, list) else 1 for v in data.values()) > 1000  # Django's default limit
    assert staff_client.post(url, data).status_code == 302
