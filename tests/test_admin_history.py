"""Every admin save of what staff edit is recorded (who, what, when); staff see the changes and can revert.
The schedule action adds numbered, dated episodes and is safe to repeat."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from shows.models import Episode
from shows.services import add_scheduled_episodes, schedule_dates

from .test_admin import form_data

pytestmark = pytest.mark.django_db

TRACKED = [
    "shows.show",
    "shows.episode",
    "people.person",
    "people.character",
    "people.casting",
    "shows.song",
    "awards.nomination",
    "awards.ceremony",
    "news.article",
]


def model_of(label):
    from django.apps import apps

    return apps.get_model(label)


@pytest.mark.parametrize("label", TRACKED)
def test_each_edited_model_keeps_a_history_that_staff_can_open(staff_client, label):
    model = model_of(label)
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    obj = model.objects.order_by("pk").first()
    opts = model._meta
    history = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))
    assert history.status_code == 200
    version = obj.history.earliest()  # the demo loader's save
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.pk])
    assert staff_client.get(url).status_code == 200


def change(staff_client, obj, **values):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = form_data(staff_client.get(url))
    data.update(values)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_show_edit_records_who_changed_what_and_a_revert_restores_the_public_page(
    staff_client, client, qot
):
    old_slot = qot.broadcast_slot
    assert old_slot
    change(staff_client, qot, broadcast_slot="Sundays at noon")

    latest = qot.history.latest()
    assert latest.history_user.username == "editor"
    assert latest.history_type == "~"
    assert latest.broadcast_slot == "Sundays at noon"
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["broadcast_slot"]

    history = staff_client.get(reverse("admin:shows_show_history", args=[qot.pk])).content.decode()
    assert "Broadcast slot:" in history and old_slot in history and "Sundays at noon" in history
    assert "editor" in history

    page = "/shows/queen-of-tears/"
    assert "Sundays at noon" in client.get(page).content.decode()  # now cached with the edit

    # Revert: the version before the edit, as its history page shows it, saved again.
    before = latest.prev_record
    url = reverse("admin:shows_show_simple_history", args=[qot.pk, before.pk])
    response = staff_client.get(url)
    assert "Revert" in response.content.decode()
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    assert staff_client.post(url, data).status_code == 302

    qot.refresh_from_db()
    assert qot.broadcast_slot == old_slot
    html = client.get(page).content.decode()
    assert old_slot in html and "Sundays at noon" not in html
    reverted = qot.history.latest()
    assert reverted.history_user.username == "editor" and reverted.broadcast_slot == old_slot


def test_inline_edits_in_the_show_are_recorded_for_the_editor(staff_client, qot):
    episode = Episode.objects.get(show=qot, kind="regular", number=2)
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    index = next(
        key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == str(episode.pk)
    )
    data[f"episodes-{index}-title"] = "A title from the inline"
    assert staff_client.post(url, data).status_code == 302
    latest = episode.history.latest()
    assert latest.title == "A title from the inline" and latest.history_user.username == "editor"


def test_a_person_edit_shows_old_and_new_value_in_the_history(staff_client):
    from people.models import Person

    person = Person.objects.get(slug="kim-soo-hyun")
    change(staff_client, person, native_name="김수현 (edited)")
    history = staff_client.get(reverse("admin:people_person_history", args=[person.pk])).content.decode()
    assert "Native name:" in history and "김수현 (edited)" in history


# The schedule: the date logic, then the admin action.


def test_schedule_dates_fall_on_the_weekdays_from_the_first_date():
    wednesday = datetime.date(2024, 3, 6)
    dates = schedule_dates(wednesday, [2, 3], 4)
    assert dates == [
        datetime.date(2024, 3, 6),
        datetime.date(2024, 3, 7),
        datetime.date(2024, 3, 13),
        datetime.date(2024, 3, 14),
    ]
    # A first date off the schedule starts on the next scheduled day.
    assert schedule_dates(datetime.date(2024, 3, 8), [5], 2) == [
        datetime.date(2024, 3, 9),
        datetime.date(2024, 3, 16),
    ]
    with pytest.raises(ValueError):
        schedule_dates(wednesday, [], 3)
    with pytest.raises(ValueError):
        schedule_dates(wednesday, [7], 3)


def test_add_scheduled_episodes_keeps_existing_numbers():
    from .factories import EpisodeFactory, ShowFactory

    show = ShowFactory()
    kept = EpisodeFactory(show=show, number=3, air_date=datetime.date(2020, 1, 1), title="Kept")
    added = add_scheduled_episodes(show, first_date=datetime.date(2024, 3, 6), weekdays=[2, 3], count=4)
    assert [e.number for e in added] == [1, 2, 4]
    assert [e.air_date for e in added] == [
        datetime.date(2024, 3, 6),
        datetime.date(2024, 3, 7),
        datetime.date(2024, 3, 14),
    ]
    kept.refresh_from_db()
    assert kept.air_date == datetime.date(2020, 1, 1) and kept.title == "Kept"
    assert add_scheduled_episodes(show, first_date=datetime.date(2024, 3, 6), weekdays=[2, 3], count=4) == []
    more = add_scheduled_episodes(
        show, first_date=datetime.date(2024, 3, 20), weekdays=[2, 3], count=2, first_number=5
    )
    assert [(e.number, e.air_date) for e in more] == [
        (5, datetime.date(2024, 3, 20)),
        (6, datetime.date(2024, 3, 21)),
    ]
    assert show.episodes.count() == 6


def run_schedule_action(staff_client, show, **fields):
    url = reverse("admin:shows_show_changelist")
    return staff_client.post(
        url,
        {
            "action": "add_episodes_from_schedule",
            "_selected_action": [show.pk],
            "apply_schedule": "1",
            **fields,
        },
    )


def test_schedule_action_adds_sixteen_dated_episodes_once(staff_client, client):
    from .factories import ShowFactory

    show = ShowFactory(
        title="Scheduled Drama",
        slug="scheduled-drama",
        first_aired=datetime.date(2024, 3, 6),
        episode_count=16,
    )
    changelist = reverse("admin:shows_show_changelist")
    # The action's intermediate page: the form, with the selected show and what its record says.
    page = staff_client.post(
        changelist, {"action": "add_episodes_from_schedule", "_selected_action": [show.pk]}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "First air date" in html and "Wednesday" in html and "Scheduled Drama" in html
    assert 'value="2024-03-06"' in html and 'value="16"' in html

    schedule = {"first_date": "2024-03-06", "weekdays": ["2", "3"], "count": "16", "first_number": "1"}
    response = run_schedule_action(staff_client, show, **schedule)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:shows_show_change", args=[show.pk])
    episodes = list(show.episodes.order_by("number"))
    assert [e.number for e in episodes] == list(range(1, 17))
    assert {e.kind for e in episodes} == {"regular"}
    assert {e.air_date.weekday() for e in episodes} == {2, 3}
    assert episodes[0].air_date == datetime.date(2024, 3, 6)
    assert episodes[-1].air_date == datetime.date(2024, 4, 25)
    message = staff_client.get(response["Location"]).content.decode()
    assert "added 16 episodes" in message
    assert episodes[0].history.latest().history_user.username == "editor"

    # Again: nothing added, nothing changed.
    episodes[0].title = "Edited since"
    episodes[0].save()
    response = run_schedule_action(staff_client, show, **schedule)
    assert show.episodes.count() == 16
    assert show.episodes.get(number=1).title == "Edited since"
    assert "no episodes added" in staff_client.get(response["Location"]).content.decode()

    assert client.get("/shows/scheduled-drama/episodes/16/").status_code == 200


def test_schedule_action_explains_a_missing_weekday(staff_client):
    from .factories import ShowFactory

    show = ShowFactory()
    response = run_schedule_action(staff_client, show, first_date="2024-03-06", count="16", first_number="1")
    assert response.status_code == 200
    assert "Tick the weekdays the show airs on." in response.content.decode()
    assert not show.episodes.exists()
