"""A fan's journey in a real browser: a list, watched marks, the spoiler shield, a rating on the chart and
a reply that notifies."""

import re

from playwright.sync_api import expect

from portal.comments import services
from shows.models import Episode

from .conftest import fill_sign_up, new_page, screenshot

PASSWORD = "browser-test-password-42"
EPISODE = "/shows/queen-of-tears/episodes/{}/"
SPOILER = "Hae-in remembers everything in the last minute!"


def test_a_fan_tracks_the_show_is_shielded_from_spoilers_rates_and_is_answered(
    site, page, browser, django_user_model
):
    haein = django_user_model.objects.create_user("haein", "haein@example.org", PASSWORD)
    services.post_comment(
        author=haein,
        target=Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=8),
        body=SPOILER,
        is_spoiler=True,
    )

    # Sign up from the show page and put the show on the list.
    page.goto(site + "/shows/queen-of-tears/")
    page.locator("#fans").get_by_role("link", name="create an account").click()
    fill_sign_up(page, "newfan", PASSWORD)
    expect(page).to_have_url(re.compile(r"/shows/queen-of-tears/$"))
    page.get_by_label("Add to your list as").select_option(label="Watching")
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_label("On your list as")).to_have_value("watching")
    expect(page.locator("#tracker .progress")).to_contain_text("0 of 16")

    # Episodes 1 to 7 at once, from episode 7.
    page.goto(site + EPISODE.format(7))
    page.get_by_role("button", name="Mark all up to here").click()
    expect(page.locator("#tracker")).to_contain_text("Watched")
    expect(page.locator("#tracker .progress")).to_contain_text("7 of 16")

    # Episode 8 is not watched yet: its synopsis and Hae-in's spoiler are folded, each saying why.
    page.goto(site + EPISODE.format(8))
    spoiler = page.locator("article.comment").filter(has_text="haein")
    expect(spoiler.get_by_text("You haven't watched this episode yet")).to_be_visible()
    expect(spoiler.get_by_text(SPOILER)).to_be_hidden()
    expect(page.locator("#synopsis").get_by_text("You haven't watched this episode yet")).to_be_visible()
    expect(page.locator("#synopsis .synopsis")).to_be_hidden()
    screenshot(page, "spoiler-shield")

    page.get_by_role("button", name="Mark watched").click()
    expect(page.locator("#tracker .progress")).to_contain_text("8 of 16")
    expect(spoiler.get_by_text(SPOILER)).to_be_visible()
    expect(page.locator("#synopsis .synopsis")).to_be_visible()

    # A rating of episode 8 appears on the episode chart, over the audience shares.
    page.get_by_label("Your rating").select_option("9")
    page.locator("#tracker").get_by_role("button", name="Rate").click()
    expect(page.locator(".facts")).to_contain_text("9.0 / 10")
    page.goto(site + "/shows/queen-of-tears/episodes/")
    chart = page.locator("figure.chart").filter(has=page.locator("#share-chart-title"))
    fans = chart.locator("g.series-fans path.point")
    expect(fans).to_have_count(1)
    expect(fans.locator("title")).to_have_text(re.compile(r"Episode 8: fans rate it 9\.0 of 10"))
    expect(chart.locator("g.legend-item")).to_contain_text(["Nationwide", "Seoul", "Fan rating"])

    # A reply to Hae-in: her unread count shows 1, and 0 once she has read it.
    page.goto(site + EPISODE.format(8))
    spoiler.get_by_text("Reply", exact=True).click()
    spoiler.get_by_label("Your reply").fill("@haein no spoilers please, I had not seen it!")
    spoiler.get_by_role("button", name="Post reply").click()
    expect(page.locator(".replies")).to_contain_text("no spoilers please")

    hers = new_page(browser)
    try:
        hers.goto(site + "/accounts/login/")
        hers.get_by_label("Username").fill("haein")
        hers.get_by_label("Password").fill(PASSWORD)
        hers.get_by_role("button", name="Log in").click()
        count = hers.locator(".notifications-link .unread-count")
        expect(count).to_have_text("1")
        hers.get_by_role("link", name=re.compile("^Notifications")).click()
        expect(hers.locator(".notification")).to_contain_text("newfan replied to your comment")
        hers.goto(site + "/")
        expect(hers.locator(".notifications-link")).to_be_visible()
        expect(count).to_have_count(0)
    finally:
        hers.context.close()
