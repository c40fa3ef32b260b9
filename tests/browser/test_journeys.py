"""What people do on the portal, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import fill_sign_up, screenshot

PASSWORD = "browser-test-password-42"
KEY_PAGES = {
    "home": "/",
    "show": "/shows/queen-of-tears/",
    "episode": "/shows/queen-of-tears/episodes/8/",
    "person": "/people/kim-soo-hyun/",
    "cast": "/shows/queen-of-tears/cast/",
    "search": "/search/?q=kim+soo+hyun",
    "awards": "/shows/queen-of-tears/awards/",
    "nominations": "/awards/nominations/",
}


def test_a_visitor_finds_their_way_from_search_to_the_awards(site, page):
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search the portal").fill("kim soo hyun")
    page.get_by_role("searchbox", name="Search the portal").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=kim\+soo\+hyun"))
    page.get_by_role("link", name="Kim Soo-hyun", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Soo-hyun")

    page.get_by_role("link", name="Queen of Tears", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Queen of Tears")
    page.get_by_role("link", name="Episode 8", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Episode 8")
    expect(page.get_by_text("16.143%")).to_be_visible()

    page.get_by_role("navigation", name="Queen of Tears sections").get_by_role(
        "link", name="Cast & crew"
    ).click()
    expect(page.get_by_text("teen Baek Hyun-woo")).to_be_visible()
    page.get_by_role("navigation", name="Queen of Tears sections").get_by_role("link", name="Awards").click()
    expect(page.get_by_text("69 nominations")).to_be_visible()

    page.goto(site + "/awards/nominations/")
    page.get_by_label("Ceremony").select_option(label="Korea Drama Awards")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"ceremony=korea-drama-awards"))
    expect(page.locator(".stats-line").first).to_contain_text("14 nominations")


def test_a_newcomer_signs_up_and_discusses_an_episode(site, page):
    page.goto(site + "/shows/queen-of-tears/episodes/8/")
    page.locator("#discussion").get_by_role("link", name="create an account").click()
    fill_sign_up(page, "newfan", PASSWORD)
    expect(page).to_have_url(re.compile(r"/episodes/8/#discussion$"))
    expect(page.get_by_text("Signed in as")).to_contain_text("newfan")

    page.get_by_label("Your comment").fill("Vincenzo shows up in the divorce office!")
    page.get_by_label(re.compile("Contains spoilers")).first.check()
    page.get_by_role("button", name="Post comment").click()

    comment = page.locator("article.comment").first
    spoiler_text = comment.get_by_text("Vincenzo shows up in the divorce office!")
    expect(spoiler_text).to_be_hidden()  # collapsed behind the spoiler control
    comment.get_by_text("Spoiler — show").click()
    expect(spoiler_text).to_be_visible()

    comment.get_by_text("Reply", exact=True).click()
    comment.get_by_label("Your reply").fill("Best cameo of the year.")
    comment.get_by_role("button", name="Post reply").click()
    expect(page.locator(".replies").get_by_text("Best cameo of the year.")).to_be_visible()

    page.locator("article.comment").first.get_by_role("link", name="Edit").click()
    page.get_by_label("Your comment").fill("Vincenzo shows up! (edited to add: episode 8)")
    page.get_by_role("button", name="Save changes").click()
    first = page.locator("article.comment").first
    expect(first.get_by_text("(edited)")).to_be_visible()
    screenshot(page, "discussion-desktop")


def test_staff_edit_an_audience_share_and_see_it_on_the_page(site, page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Site administration")).to_be_visible()
    from shows.models import Episode

    episode = Episode.objects.get(show__slug="queen-of-tears", kind="regular", number=1)
    page.goto(site + f"/admin/shows/episode/{episode.pk}/change/")
    page.get_by_label("Nationwide audience share (%)").fill("6.789")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(site + "/shows/queen-of-tears/episodes/1/")
    expect(page.get_by_text("6.789%")).to_be_visible()


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_pages_fit_a_phone_and_are_captured(site, page, phone, name):
    url = site + KEY_PAGES[name]
    for view, target in (("desktop", page), ("phone", phone)):
        target.goto(url)
        screenshot(target, f"{name}-{view}")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways on a 390px phone by {overflow}px"


@pytest.mark.parametrize("name", ["home", "show", "episode", "person", "search", "awards", "nominations"])
def test_no_serious_accessibility_violations(site, page, axe_source, name):
    page.goto(site + KEY_PAGES[name])
    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], "\n".join(serious)


def test_keyboard_users_get_a_skip_link_and_a_visible_focus(site, page):
    page.goto(site + "/shows/queen-of-tears/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link must come into view when focused"
    outline = skip.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert not outline.startswith("none"), outline
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link, the next Tab lands inside the main content"


# Each word of a label, as a DOM range: a word broken across two lines has two client rectangles.
WORDS_BROKEN_ACROSS_LINES = """els => els.flatMap(el => {
  const node = el.firstChild, text = node.textContent, broken = [];
  for (const match of text.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(match[0]);
  }
  return broken;
})"""

TEXT_AND_LINE_HEIGHT = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return [range.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)];
}"""


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_infobox_labels_keep_their_words_whole(site, request, viewport):
    target = request.getfixturevalue(viewport)
    target.goto(site + "/shows/queen-of-tears/")
    labels = target.locator(".infobox dt")
    assert "Cinematographers" in labels.all_inner_texts()
    assert target.eval_on_selector_all(".infobox dt", WORDS_BROKEN_ACROSS_LINES) == []
    # The text itself (the <dt> box stretches to its row) is one line high.
    height, line = labels.filter(has_text="Cinematographers").evaluate(TEXT_AND_LINE_HEIGHT)
    assert height < 1.5 * line, f"'Cinematographers' takes {height}px, more than one {line}px line"
    overflow = target.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the show page scrolls sideways by {overflow}px"
