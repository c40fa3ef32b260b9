"""Bulk entry through the admin's imports: a preview first (a dry run), errors listed by line number, nothing
saved while any row fails, and a template file on every import page."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shows.models import Episode

pytestmark = pytest.mark.django_db

IMPORTS = [
    "shows.episode",
    "people.character",
    "people.casting",
    "shows.song",
    "shows.songchartpeak",
    "awards.nomination",
]


def url(label, view):
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}")


def csv_file(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("upload.csv", out.getvalue().encode(), content_type="text/csv")


def preview(staff_client, label, rows):
    """Upload a file: the import page with its dry run's result."""
    response = staff_client.post(
        url(label, "import"), {"resource": "0", "format": "0", "import_file": csv_file(rows)}
    )
    assert response.status_code == 200
    return response


def confirm(staff_client, label, response):
    form = response.context["confirm_form"]
    assert form is not None, "the preview offers no confirmation"
    data = {name: form[name].value() for name in form.fields}
    return staff_client.post(url(label, "process_import"), data)


@pytest.fixture
def new_show(db):
    from .factories import ShowFactory

    return ShowFactory(title="Import Drama", slug="import-drama")


@pytest.mark.parametrize("label", IMPORTS)
def test_every_import_page_offers_a_template_file(staff_client, label):
    page = staff_client.get(url(label, "import"))
    assert page.status_code == 200
    template_url = url(label, "import_template")
    assert f'href="{template_url}"' in page.content.decode()
    response = staff_client.get(template_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, example = rows[0], rows[1]
    assert len(header) == len(example) and len(header) >= 3
    assert staff_client.get(url(label, "changelist")).status_code == 200
    assert staff_client.get(url(label, "export")).status_code == 200


def test_the_template_file_is_for_staff_only(client):
    response = client.get(url("shows.episode", "import_template"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("label", IMPORTS)
def test_staff_who_may_not_edit_the_records_cannot_import_them(client, moderator, label):
    client.force_login(moderator)
    assert client.get(url(label, "import")).status_code == 403
    assert client.get(url(label, "import_template")).status_code == 403
    rows = [{"show": "queen-of-tears", "kind": "regular", "number": "1", "nationwide_share": "1"}]
    assert (
        client.post(url(label, "import"), {"format": "0", "import_file": csv_file(rows)}).status_code == 403
    )


def test_episodes_with_shares_preview_then_confirm(staff_client, client, new_show, qot):
    rows = [
        {
            "show": "import-drama",
            "kind": "",
            "number": "1",
            "air_date": "2024-03-06",
            "nationwide_share": "7.7",
        },
        {
            "show": "import-drama",
            "kind": "regular",
            "number": "2",
            "air_date": "2024-03-07",
            "nationwide_share": "8,1",
        },
        {
            "show": "Import Drama",
            "kind": "Episode",
            "number": "3",
            "air_date": "2024-03-13",
            "nationwide_share": "",
        },
        {
            "show": "queen-of-tears",
            "kind": "special",
            "number": "1",
            "air_date": "",
            "nationwide_share": "3.2",
        },
    ]
    before = Episode.objects.count()
    response = preview(staff_client, "shows.episode", rows)
    html = response.content.decode()
    assert "Preview" in html and "Confirm import" in html
    result = response.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new", "new", "new", "update"]
    assert Episode.objects.count() == before  # a dry run

    response = confirm(staff_client, "shows.episode", response)
    assert response.status_code == 302
    assert "Import finished: 3 new, 1 updated" in staff_client.get(response["Location"]).content.decode()
    episodes = list(new_show.episodes.order_by("number"))
    assert [(e.number, e.nationwide_share) for e in episodes] == [
        (1, Decimal("7.7")),
        (2, Decimal("8.1")),
        (3, None),
    ]
    special = qot.episodes.get(kind="special", number=1)
    assert special.nationwide_share == Decimal("3.2")
    assert special.air_date is None
    assert episodes[0].history.latest().history_user.username == "editor"
    assert "8.1" in client.get("/shows/import-drama/episodes/2/").content.decode()


def test_a_file_with_one_bad_row_saves_nothing_and_names_the_line(staff_client, new_show):
    rows = [
        {"show": "import-drama", "kind": "regular", "number": "1", "nationwide_share": "7.7"},
        {"show": "import-drama", "kind": "regular", "number": "2", "nationwide_share": "seven"},
        {"show": "no-such-show", "kind": "regular", "number": "3", "nationwide_share": "6.1"},
        {"show": "import-drama", "kind": "regular", "number": "4", "nationwide_share": "150"},
        {"show": "import-drama", "kind": "regular", "number": "5", "nationwide_share": "6.0"},
    ]
    before = Episode.objects.count()
    response = preview(staff_client, "shows.episode", rows)
    assert response.context["confirm_form"] is None if "confirm_form" in response.context else True
    result = response.context["result"]
    assert sorted(row.number for row in result.invalid_rows) == [2, 3, 4]
    html = response.content.decode()
    assert "Some rows failed to validate" in html and "Confirm import" not in html
    assert "“seven” is not a number" in html
    assert "There is no show “no-such-show”" in html
    assert Episode.objects.count() == before


def test_a_confirmed_import_that_fails_after_its_preview_saves_nothing(staff_client, new_show):
    rows = [
        {"show": "import-drama", "kind": "regular", "number": str(n), "nationwide_share": "5"} for n in (1, 2)
    ]
    response = preview(staff_client, "shows.episode", rows)
    new_show.slug = "renamed-meanwhile"  # the file's show no longer exists by that slug
    new_show.save()
    response = confirm(staff_client, "shows.episode", response)
    assert response.status_code == 302 and response["Location"] == url("shows.episode", "import")
    assert "Nothing was imported" in staff_client.get(response["Location"]).content.decode()
    assert not new_show.episodes.exists()


def test_characters_then_castings_import(staff_client, client, new_show):
    from people.models import CastGroup, Casting, Character

    CastGroup.objects.create(show=new_show, name="Main", slug="main")
    characters = [
        {
            "show": "import-drama",
            "name": "Hero Han",
            "slug": "",
            "group": "main",
            "order": "1",
            "alternative_names": "Han; The Hero",
        },
        {
            "show": "import-drama",
            "name": "Rival Ryu",
            "slug": "rival",
            "group": "Main",
            "order": "2",
            "alternative_names": "",
        },
    ]
    assert (
        confirm(
            staff_client, "people.character", preview(staff_client, "people.character", characters)
        ).status_code
        == 302
    )
    hero = Character.objects.get(show=new_show, slug="hero-han")
    assert hero.group.slug == "main" and hero.alternative_name_list == ["Han", "The Hero"]

    castings = [
        {
            "show": "import-drama",
            "character": "Hero Han",
            "person": "Kim Soo-hyun",
            "age": "",
            "billing": "1",
            "is_cameo": "",
        },
        {
            "show": "import-drama",
            "character": "rival",
            "person": "",
            "age": "teen",
            "billing": "",
            "is_cameo": "yes",
        },
    ]
    assert (
        confirm(staff_client, "people.casting", preview(staff_client, "people.casting", castings)).status_code
        == 302
    )
    assert Casting.objects.filter(
        show=new_show, character=hero, person__slug="kim-soo-hyun", age="adult"
    ).exists()
    unknown = Casting.objects.get(character__slug="rival", show=new_show)
    assert unknown.person is None and unknown.age == "teen" and unknown.is_cameo
    assert "Hero Han" in client.get("/shows/import-drama/cast/").content.decode()

    # Importing the same file again changes nothing and duplicates nothing.
    response = preview(staff_client, "people.casting", castings)
    assert {row.import_type for row in response.context["result"].valid_rows()} == {"skip"}


def test_a_character_of_another_show_is_not_found(staff_client, new_show):
    castings = [
        {"show": "import-drama", "character": "baek-hyun-woo", "person": "kim-soo-hyun", "age": "adult"}
    ]
    response = preview(staff_client, "people.casting", castings)
    html = response.content.decode()
    assert "There is no character “baek-hyun-woo” in the show “import-drama”" in html
    assert "Confirm import" not in html


def test_songs_and_chart_peaks_import(staff_client, client, new_show):
    from shows.models import Song, SongChartPeak

    songs = [
        {
            "show": "import-drama",
            "title": "First Song",
            "slug": "",
            "kind": "part",
            "part": "1",
            "artist_credit": "Crush",
            "artists": "crush",
            "release_date": "2024-03-09",
        },
        {
            "show": "import-drama",
            "title": "Second Song",
            "slug": "",
            "kind": "part",
            "part": "2",
            "artist_credit": "",
            "artists": "",
            "release_date": "",
        },
    ]
    assert confirm(staff_client, "shows.song", preview(staff_client, "shows.song", songs)).status_code == 302
    first = Song.objects.get(show=new_show, slug="first-song")
    assert [p.slug for p in first.artists.all()] == ["crush"]

    peaks = [
        {"show": "import-drama", "song": "first-song", "chart": "KOR Circle", "position": "4"},
        {"show": "import-drama", "song": "Second Song", "chart": "kor-songs", "position": ""},
    ]
    assert (
        confirm(
            staff_client, "shows.songchartpeak", preview(staff_client, "shows.songchartpeak", peaks)
        ).status_code
        == 302
    )
    assert SongChartPeak.objects.get(song=first, chart__slug="kor-circle").position == 4
    assert SongChartPeak.objects.get(song__slug="second-song", song__show=new_show).position is None
    assert "First Song" in client.get("/shows/import-drama/soundtrack/").content.decode()


def test_nominations_import(staff_client, client, new_show):
    from awards.models import Nomination

    rows = [
        {
            "ceremony": "baeksang-arts-awards",
            "year": "2025",
            "position": "1",
            "category": "Best Actor (Television)",
            "result": "won",
            "show": "import-drama",
            "nominee_text": "Kim Soo-hyun and Kim Ji-won",
            "nominee_people": "Kim Soo-hyun; kim-ji-won",
            "note": "",
        }
    ]
    assert (
        confirm(
            staff_client, "awards.nomination", preview(staff_client, "awards.nomination", rows)
        ).status_code
        == 302
    )
    nomination = Nomination.objects.get(ceremony__slug="baeksang-arts-awards", year=2025, position=1)
    assert nomination.result == "won" and nomination.show == new_show
    assert sorted(p.slug for p in nomination.nominee_people.all()) == ["kim-ji-won", "kim-soo-hyun"]
    page = client.get("/awards/baeksang-arts-awards/").content.decode()
    assert f'id="nomination-{nomination.pk}"' in page and "Import Drama" in page

    rows[0]["nominee_people"] = "Nobody Known"
    rows[0]["category"] = "Best Invented Category"
    html = preview(staff_client, "awards.nomination", rows).content.decode()
    assert "There is no person or group “Nobody Known”" in html
    assert "There is no award category “Best Invented Category” at “baeksang-arts-awards”" in html


def test_an_export_imports_back_unchanged(staff_client):
    page = staff_client.get(url("shows.episode", "export"))
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {
        name: "on" if value is True else value for name, value in data.items() if value not in (None, False)
    }
    response = staff_client.post(url("shows.episode", "export"), {**data, "format": "0"})
    assert response["Content-Type"].startswith("text/csv")
    exported = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {"show": "queen-of-tears", "number": "2", "nationwide_share": "8.660"}.items() <= exported[
        1
    ].items()
    result = preview(staff_client, "shows.episode", exported).context["result"]
    assert {row.import_type for row in result.valid_rows()} == {"skip"}
