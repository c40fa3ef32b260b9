"""Each show's air dates as an iCalendar feed: KST air times as the right instants, unknown times unknown."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from icalendar import Calendar

from portal.calendars.feeds import calendar_for
from portal.calendars.selectors import calendar_episodes
from shows.models import Episode, Show

from .factories import EpisodeFactory, ShowFactory

pytestmark = pytest.mark.django_db
URL = "/shows/queen-of-tears/calendar.ics"
UTC = datetime.UTC


def parsed(response):
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_demo_holds_the_air_time_the_article_gives(qot):
    assert qot.air_time == datetime.time(21, 20) and qot.air_time_zone == "Asia/Seoul"
    # The sources give no other show's slot.
    assert not Show.objects.exclude(pk=qot.pk).filter(air_time__isnull=False).exists()


def test_the_feed_is_a_calendar_with_the_zone_and_its_name(client):
    response = client.get(URL)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="queen-of-tears.ics"'
    calendar = parsed(response)
    assert calendar["VERSION"] == "2.0" and "Drama Portal" in calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Queen of Tears" and calendar["X-WR-TIMEZONE"] == "Asia/Seoul"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]


def test_episode_one_starts_at_2120_kst_which_is_1220_utc(client, qot):
    events = events_by_summary(parsed(client.get(URL)))
    first = events["Queen of Tears · Episode 1"]
    start = first.start
    assert start.tzinfo.key == "Asia/Seoul" and first["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert start == datetime.datetime(2024, 3, 9, 12, 20, tzinfo=UTC)
    assert first.duration == datetime.timedelta(minutes=80)  # the shortest runtime the article gives
    assert "DTEND" not in first
    episode = Episode.objects.get(show=qot, kind="regular", number=1)
    assert first["UID"] == f"episode-{episode.pk}@testserver"
    assert first["URL"] == "http://testserver/shows/queen-of-tears/episodes/1/"
    assert "21:20 Asia/Seoul" in first["DESCRIPTION"] and "80–90 minutes" in first["DESCRIPTION"]
    assert events["Queen of Tears · Episode 16"].start == datetime.datetime(2024, 4, 28, 12, 20, tzinfo=UTC)


def test_specials_air_outside_the_known_slot_so_they_are_all_day(client):
    events = events_by_summary(parsed(client.get(URL)))
    assert len(events) == 18  # 16 episodes and 2 specials, every one with an air date
    special = events["Queen of Tears · Special 1"]
    assert special.start == datetime.date(2024, 5, 4) and not isinstance(special.start, datetime.datetime)
    assert special["DTSTART"].params["VALUE"] == "DATE"
    assert "DURATION" not in special and "DTEND" not in special
    assert "not recorded" in special["DESCRIPTION"]
    assert special["URL"] == "http://testserver/shows/queen-of-tears/specials/1/"


def test_episodes_without_an_air_date_are_left_out(client, qot):
    Episode.objects.filter(show=qot, kind="regular", number=3).update(air_date=None)
    events = events_by_summary(parsed(client.get(URL)))
    assert "Queen of Tears · Episode 3" not in events and len(events) == 17


def test_without_an_air_time_every_event_is_a_day_and_no_length_is_made_up(client):
    show = ShowFactory(slug="no-slot", title="No Slot")
    EpisodeFactory(show=show, number=1, air_date=datetime.date(2024, 6, 1))
    calendar = parsed(client.get("/shows/no-slot/calendar.ics"))
    (event,) = calendar.walk("VEVENT")
    assert event.start == datetime.date(2024, 6, 1) and "DURATION" not in event
    assert calendar.walk("VTIMEZONE") == [] and "X-WR-TIMEZONE" not in calendar


def test_a_timed_show_without_a_runtime_has_events_without_an_end(client):
    show = ShowFactory(slug="timed", title="Timed", air_time=datetime.time(20), air_time_zone="Europe/Berlin")
    EpisodeFactory(show=show, number=1, air_date=datetime.date(2024, 7, 1))
    (event,) = parsed(client.get("/shows/timed/calendar.ics")).walk("VEVENT")
    assert event.start == datetime.datetime(2024, 7, 1, 18, 0, tzinfo=UTC)  # summer time in Berlin
    assert "DURATION" not in event and "DTEND" not in event


def test_an_unknown_zone_is_refused_by_the_form_and_never_breaks_the_feed(client, qot):
    qot.air_time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        qot.full_clean()
    assert "IANA" in refused.value.message_dict["air_time_zone"][0]
    # Written around the form, the zone is unknown: the feed gives days, not made-up instants.
    Show.objects.filter(pk=qot.pk).update(air_time_zone="Mars/Olympus_Mons")
    calendar = parsed(client.get(URL))
    assert "X-WR-TIMEZONE" not in calendar
    assert all(not isinstance(event.start, datetime.datetime) for event in calendar.walk("VEVENT"))


def test_the_admin_form_refuses_an_unknown_zone(staff_client, qot):
    response = staff_client.get(f"/admin/shows/show/{qot.pk}/change/")
    assert response.status_code == 200 and 'name="air_time_zone"' in response.content.decode()
    form_class = response.context["adminform"].form.__class__
    form = form_class(instance=qot, data={"air_time_zone": "Not/AZone"})
    assert not form.is_valid() and "air_time_zone" in form.errors


def test_a_wrong_slug_is_the_sites_404_and_a_post_is_refused(client):
    response = client.get("/shows/no-such-show/calendar.ics")
    assert response.status_code == 404 and b"<html" in response.content
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("extra_episodes", [0, 12])
def test_the_query_count_is_pinned_whatever_the_number_of_episodes(
    client, django_assert_num_queries, extra_episodes
):
    show = ShowFactory(slug="counted", title="Counted", air_time=datetime.time(21, 0))
    EpisodeFactory.create_batch(1 + extra_episodes, show=show)
    with django_assert_num_queries(2):  # the show, its dated episodes with their show and network
        calendar = parsed(client.get("/shows/counted/calendar.ics"))
    assert len(calendar.walk("VEVENT")) == 1 + extra_episodes


def test_cached_like_the_pages_and_an_edit_retires_it(client, qot, django_assert_num_queries):
    first = client.get(URL)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(URL)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert client.get(URL, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    episode = Episode.objects.get(show=qot, kind="regular", number=2)
    episode.air_date = datetime.date(2024, 3, 11)
    episode.save()
    events = events_by_summary(parsed(client.get(URL)))
    assert events["Queen of Tears · Episode 2"].start.date() == datetime.date(2024, 3, 11)


def test_a_new_episode_and_a_new_air_time_show_at_once(client, qot):
    client.get(URL)
    Episode.objects.create(show=qot, kind="special", number=3, air_date=datetime.date(2024, 5, 12))
    assert "Queen of Tears · Special 3" in events_by_summary(parsed(client.get(URL)))
    qot.air_time = datetime.time(21, 10)
    qot.save()
    events = events_by_summary(parsed(client.get(URL)))
    assert events["Queen of Tears · Episode 1"].start == datetime.datetime(2024, 3, 9, 12, 10, tzinfo=UTC)


def test_the_show_page_links_the_feed(client):
    html = client.get("/shows/queen-of-tears/").content.decode()
    assert f'<a href="{URL}" type="text/calendar">Add the air dates to your calendar (iCal)</a>' in html
    assert '<link rel="alternate" type="text/calendar"' in html and f'href="{URL}"' in html


def test_calendar_for_takes_the_episodes_of_several_shows(qot):
    """For the members' calendars of their lists, to come."""
    other = ShowFactory(title="Other", air_time=datetime.time(22, 0))
    EpisodeFactory(show=other, number=1, air_date=datetime.date(2024, 3, 9))
    request = RequestFactory().get("/")
    calendar = calendar_for(calendar_episodes([qot, other]), name="My list", request=request)
    events = events_by_summary(calendar)
    assert len(events) == 19 and calendar["X-WR-CALNAME"] == "My list"
    seoul = ZoneInfo("Asia/Seoul")
    assert events["Other · Episode 1"].start == datetime.datetime(2024, 3, 9, 22, tzinfo=seoul)
    assert calendar["X-WR-TIMEZONE"] == "Asia/Seoul"  # the one zone of its timed events


def test_a_members_calendar_lists_the_shows_on_their_list_at_a_secret_address(
    client, qot, member, django_assert_num_queries
):
    from portal.fans import services as fans

    other = ShowFactory(title="Another Drama")
    EpisodeFactory(show=other, number=1, air_date=datetime.date(2025, 1, 4))
    dropped = ShowFactory(title="Dropped Drama")
    EpisodeFactory(show=dropped, number=1, air_date=datetime.date(2025, 2, 1))
    fans.set_list_status(member=member, show=qot, status="watching")
    fans.set_list_status(member=member, show=other, status="plan_to_watch")
    fans.set_list_status(member=member, show=dropped, status="dropped")
    client.force_login(member)
    settings_page = client.get("/accounts/profile/").content.decode()
    key = str(member.fan_profile.calendar_key)
    address = f"/calendars/members/{key}.ics"
    assert address in settings_page

    client.logout()  # a calendar app has no session
    with django_assert_num_queries(2):  # the profile, the episodes
        response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    summaries = {str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert "Queen of Tears · Episode 1" in summaries and "Another Drama · Episode 1" in summaries
    assert not any(s.startswith("Dropped Drama") for s in summaries)

    # A new address retires the old one; a made-up key is a 404.
    client.force_login(member)
    client.post("/accounts/profile/", {"new_calendar_address": "1"})
    client.logout()
    assert client.get(address).status_code == 404
    member.fan_profile.refresh_from_db()
    assert client.get(f"/calendars/members/{member.fan_profile.calendar_key}.ics").status_code == 200
    assert client.get("/calendars/members/00000000-0000-4000-8000-000000000000.ics").status_code == 404
