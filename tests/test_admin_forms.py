"""The admin's forms speak to people: a broken rule is a sentence beside its field, "7,7" is 7.7, shares keep
the places they were entered with, the main cast is a choice, renamed characters keep their old anchors,
and saving a record opened from its show goes back to the show."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.models import CastGroup, Character
from portal.admin_tools.fields import DecimalTextField
from portal.constraints import constraint_error_field
from shows.models import Episode

from .test_admin import add_inline_row, form_data

pytestmark = pytest.mark.django_db


def named_constraints():
    for label in ["shows", "people", "awards", "news"]:
        for model in apps.get_app_config(label).get_models():
            for constraint in model._meta.constraints:
                yield model, constraint


def inline_index(data, prefix, pk):
    """The row number of the object `pk` in an inline formset's POST data."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.endswith("-id") and key.startswith(f"{prefix}-") and value == str(pk)
    )


def field_cell(html, name):
    """The markup of the tabular inline cell (or form row) that holds the input called `name`."""
    position = html.index(f'name="{name}"')
    start = max(html.rfind("<td", 0, position), html.rfind('<div class="form-row', 0, position))
    return html[start:position]


# Constraints


def test_every_named_constraint_has_a_sentence_for_people():
    for _model, constraint in named_constraints():
        message = constraint.get_violation_error_message()
        assert constraint.violation_error_message != constraint.default_violation_error_message, (
            constraint.name
        )
        assert constraint.name not in message and "_" not in message, constraint.name
        assert message[0].isupper() and message.endswith("."), constraint.name


def test_every_constraint_is_reported_on_a_field_of_its_model():
    for model, constraint in named_constraints():
        model._meta.get_field(constraint_error_field(model, constraint))  # raises for anything but a field


def test_air_dates_out_of_order_are_explained_beside_the_last_air_date(staff_client, qot):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    data["last_aired"] = "2024-03-01"  # before the first air date, 9 March
    response = staff_client.post(url, data)
    assert response.status_code == 200
    message = "The last air date cannot be before the first air date."
    assert response.context["adminform"].form.errors["last_aired"] == [message]
    html = response.content.decode()
    assert message in field_cell(html, "last_aired")
    assert "show_air_dates_in_order" not in html and "is violated" not in html
    qot.refresh_from_db()
    assert str(qot.last_aired) == "2024-04-28"


def test_a_share_over_100_is_explained_in_its_episode_row(staff_client, qot):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    row = inline_index(data, "episodes", Episode.objects.get(show=qot, kind="regular", number=3).pk)
    data[f"episodes-{row}-nationwide_share"] = "120"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    message = "An audience share is a percentage: enter a number from 0 to 100."
    assert message in field_cell(html, f"episodes-{row}-nationwide_share")
    assert "episode_nationwide_share_percent" not in html


def test_two_new_rows_that_clash_are_told_why_on_the_field(staff_client, qot):
    """Two unnamed actors for one character and age: a conditional constraint Django's formsets leave out."""
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    character = Character.objects.get(show=qot, slug="hong-man-dae")
    for _ in range(2):
        add_inline_row(data, "castings", character=str(character.pk), person="", age="teen", billing="5")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    last = int(data["castings-TOTAL_FORMS"]) - 1
    assert (
        "Two rows here clash: This character already has an unnamed actor at this age: name the actor, "
        "or choose another age variant."
    ) in field_cell(html, f"castings-{last}-person")
    assert "casting_one_unknown_actor_per_age" not in html and "one unknown actor" not in html


# Decimals typed with a comma


@pytest.mark.parametrize(
    ("typed", "number"), [("7,7", "7.7"), ("7.7", "7.7"), (" 16,143 ", "16.143"), ("24.850", "24.850")]
)
def test_a_decimal_typed_with_a_comma_or_a_point_is_the_same_number(typed, number):
    field = Episode._meta.get_field("nationwide_share").formfield()
    assert isinstance(field, DecimalTextField)
    assert str(field.clean(typed)) == number


@pytest.mark.parametrize("typed", ["1,234.5", "1.234,5", "7,7,7", "1.234.5"])
def test_a_number_with_a_thousands_separator_is_refused_with_a_message(typed):
    field = Episode._meta.get_field("nationwide_share").formfield()
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert error.value.messages == [
        "Write the number with one decimal mark and no thousands separator, for example 7.7 or 1234.5."
    ]


def test_share_inputs_send_what_was_typed(staff_client, qot):
    """A number input would let Chromium turn "7,7" into 77 before the server sees it."""
    episode = Episode.objects.get(show=qot, kind="regular", number=1)
    html = staff_client.get(reverse("admin:shows_episode_change", args=[episode.pk])).content.decode()
    share_input = re.search(r'<input[^>]*name="nationwide_share"[^>]*>', html).group(0)
    assert 'type="text"' in share_input and 'inputmode="decimal"' in share_input
    assert 'type="number"' not in share_input


def test_7_comma_7_in_the_admin_is_stored_and_shown_as_7_7(
    staff_client, client, qot, django_capture_on_commit_callbacks
):
    episode = Episode.objects.get(show=qot, kind="regular", number=1)
    url = reverse("admin:shows_episode_change", args=[episode.pk])
    data = form_data(staff_client.get(url))
    data["nationwide_share"], data["seoul_share"] = "7,7", "1,234.5"
    response = staff_client.post(url, data)
    assert response.status_code == 200  # the Seoul share is refused, with its message beside it
    assert "no thousands separator" in field_cell(response.content.decode(), "seoul_share")
    data["seoul_share"] = "8.25"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    episode.refresh_from_db()
    assert str(episode.nationwide_share) == "7.7" and str(episode.seoul_share) == "8.25"
    html = client.get("/shows/queen-of-tears/episodes/1/").content.decode()
    assert "7.7%" in html and "7.700%" not in html and "8.25%" in html


# Shares shown with the places they were entered with


@pytest.mark.parametrize(
    ("entered", "shown"), [("7.7", "7.7%"), ("16.143", "16.143%"), ("24.850", "24.850%"), ("10", "10%")]
)
def test_a_share_is_shown_with_the_places_it_was_entered_with(
    client, qot, entered, shown, django_capture_on_commit_callbacks
):
    episode = Episode.objects.get(show=qot, kind="regular", number=5)
    with django_capture_on_commit_callbacks(execute=True):
        episode.nationwide_share = Decimal(entered)
        episode.save()
    assert str(Episode.objects.get(pk=episode.pk).nationwide_share) == entered
    assert f"<dd>{shown}</dd>" in client.get("/shows/queen-of-tears/episodes/5/").content.decode()
    assert f'"Nationwide">{shown}</td>' in client.get("/shows/queen-of-tears/episodes/").content.decode()


def test_shares_stored_before_their_places_were_lose_only_the_padding():
    from importlib import import_module

    migration = import_module("shows.migrations.0004_readable_constraints_decimal_text")
    Episode.objects.filter(show__slug="queen-of-tears").update(nationwide_share_places=None)
    migration.places_of_stored_shares(apps, None)
    episodes = Episode.objects.filter(show__slug="queen-of-tears", kind="regular")
    shares = {e.number: str(e.nationwide_share) for e in episodes}
    assert shares[8] == "16.143" and shares[16] == "24.85" and shares[2] == "8.66"


# The main cast


def main_cast(client):
    html = client.get("/shows/queen-of-tears/").content.decode()
    return html.split('<section id="main-cast">')[1].split("</section>")[0] if "main-cast" in html else ""


def test_the_main_cast_is_the_groups_marked_main_whatever_their_slug(
    client, qot, django_capture_on_commit_callbacks
):
    main = CastGroup.objects.get(show=qot, slug="main")
    assert main.is_main and "Kim Soo-hyun" in main_cast(client)
    with django_capture_on_commit_callbacks(execute=True):
        main.slug = "leads"
        main.save()
    assert "Kim Soo-hyun" in main_cast(client)
    with django_capture_on_commit_callbacks(execute=True):
        main.is_main = False
        main.save()
        CastGroup.objects.filter(show=qot, slug="extended").update(is_main=True)
        qot.save()  # the update() went around the page cache's invalidation
    cast = main_cast(client)
    assert "Kim Soo-hyun" not in cast and cast


def test_groups_slugged_main_were_marked_main_by_the_migration(qot):
    from importlib import import_module

    migration = import_module("people.migrations.0007_main_cast_native_name_former_slugs")
    CastGroup.objects.update(is_main=False)
    migration.mark_main_groups(apps, None)
    assert list(CastGroup.objects.filter(is_main=True).values_list("slug", flat=True)) == ["main"]


def test_the_admin_offers_main_cast_as_a_choice(staff_client, qot):
    html = staff_client.get(reverse("admin:shows_show_change", args=[qot.pk])).content.decode()
    assert "Main cast" in html and 'name="cast_groups-0-is_main"' in html
    changelist = staff_client.get(reverse("admin:people_castgroup_changelist")).content.decode()
    assert "column-is_main" in changelist


# Renamed characters


def test_a_renamed_characters_slug_follows_the_name_and_its_old_anchor_still_leads_there(
    staff_client, client, django_capture_on_commit_callbacks
):
    character = Character.objects.get(show__slug="vincenzo", slug="role-of-jeon-yeo-been")
    url = reverse("admin:people_character_change", args=[character.pk])
    data = form_data(staff_client.get(url))
    data["name"] = "Hong Cha-young"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    character.refresh_from_db()
    assert character.slug == "hong-cha-young" and character.former_slug_list == ["role-of-jeon-yeo-been"]
    assert character.get_absolute_url() == "/shows/vincenzo/cast/#character-hong-cha-young"
    html = client.get("/shows/vincenzo/cast/").content.decode()
    new = html.index('id="character-hong-cha-young"')
    old = html.index('id="character-role-of-jeon-yeo-been"')
    # The old anchor is inside the renamed character's entry.
    assert new < old < html.index("<strong>Hong Cha-young</strong>")


def test_a_slug_chosen_with_the_new_name_is_kept_and_a_taken_one_is_numbered(qot):
    def rename(character, name, slug=None):
        character.name, character.slug = name, slug or character.slug
        character.follow_name()
        character.save()

    character = Character.objects.get(show=qot, slug="hong-beom-seok")
    rename(character, "Hong Beom-seok Jr.", "beom-seok")
    assert character.slug == "beom-seok" and character.former_slug_list == ["hong-beom-seok"]
    other = Character.objects.get(show=qot, slug="hong-hae-in")
    rename(other, "Beom Seok")
    assert other.slug == "beom-seok-2" and other.former_slug_list == ["hong-hae-in"]
    rename(character, "Hong Beom-seok", "hong-beom-seok")  # back again
    assert character.former_slug_list == ["beom-seok"]
    rename(character, "홍범석")  # nothing to make a slug of: it stays
    assert character.slug == "hong-beom-seok"


def test_imports_and_the_demo_loader_keep_the_slug_they_find_a_character_by(qot):
    character = Character.objects.get(show=qot, slug="hong-beom-seok")
    character.name = "Someone Else"
    character.save()
    character.refresh_from_db()
    assert character.slug == "hong-beom-seok" and character.former_slugs == ""


def test_alternative_and_native_names_are_edited_in_the_shows_character_rows(staff_client, qot):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    character = Character.objects.get(show=qot, slug="hong-hae-in")
    row = inline_index(data, "characters", character.pk)
    data[f"characters-{row}-alternative_names"] = "Queen Hae-in\nHae-in Hong"
    data[f"characters-{row}-native_name"] = "홍해인"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    character.refresh_from_db()
    assert character.alternative_name_list == ["Queen Hae-in", "Hae-in Hong"]
    assert character.native_name == "홍해인"


# Back to the show after saving


@pytest.mark.parametrize(
    ("admin_url", "pick"),
    [
        ("admin:people_character_change", lambda qot: Character.objects.get(show=qot, slug="hong-hae-in")),
        ("admin:shows_episode_change", lambda qot: Episode.objects.get(show=qot, kind="regular", number=8)),
    ],
)
def test_saving_a_record_opened_from_its_show_returns_to_the_show(staff_client, qot, admin_url, pick):
    show_url = reverse("admin:shows_show_change", args=[qot.pk])
    url = reverse(admin_url, args=[pick(qot).pk])
    response = staff_client.get(url, HTTP_REFERER=f"http://testserver{show_url}")
    form_url = response.context["form_url"]
    assert form_url.startswith(f"{url}?_return=") and f'action="{form_url}"' in response.content.decode()
    data = form_data(response)
    continued = staff_client.post(form_url, {**data, "_continue": "1"})
    assert continued.status_code == 302 and "_return=" in continued["Location"]
    saved = staff_client.post(form_url, data)
    assert saved.status_code == 302 and saved["Location"] == show_url


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/admin/", "//evil.example/admin/", "/accounts/logout/", "/admin/../accounts/", ""],
)
def test_only_admin_pages_of_this_site_are_returned_to(staff_client, qot, target):
    character = Character.objects.get(show=qot, slug="hong-hae-in")
    url = reverse("admin:people_character_change", args=[character.pk])
    data = form_data(staff_client.get(url))
    response = staff_client.post(f"{url}?{urlencode({'_return': target})}", data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:people_character_changelist"))


def test_a_record_opened_from_its_list_still_returns_to_the_list(staff_client, qot):
    character = Character.objects.get(show=qot, slug="hong-hae-in")
    url = reverse("admin:people_character_change", args=[character.pk])
    changelist = reverse("admin:people_character_changelist")
    response = staff_client.get(url, HTTP_REFERER=f"http://testserver{changelist}?q=hae")
    assert response.context["form_url"] == ""
    saved = staff_client.post(url, form_data(response), HTTP_REFERER=f"http://testserver{url}")
    assert saved["Location"].startswith(changelist)
