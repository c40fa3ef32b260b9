"""What a phone (390×844) shows: chart labels that never overlap, tables that fit their column, and controls
big enough to tap. Each test walks several pages, so the live server loads the demo content once per test."""

import pytest
from django.conf import settings
from django.test import Client

from .conftest import PHONE, new_page, screenshot

CHART_PAGES = {
    "show": "/shows/queen-of-tears/",
    "episodes": "/shows/queen-of-tears/episodes/",
    "one-episode-range": "/shows/queen-of-tears/episodes/?aired_after=2024-04-28&aired_before=2024-04-28",
    "soundtrack": "/shows/queen-of-tears/soundtrack/",
    "show-awards": "/shows/queen-of-tears/awards/",
    "ceremonies": "/awards/",
    "ceremony": "/awards/korea-drama-awards/",
}
TABLE_PAGES = {
    "show": "/shows/queen-of-tears/",
    "episodes": "/shows/queen-of-tears/episodes/",
    "all-episodes": "/episodes/",
    "soundtrack": "/shows/queen-of-tears/soundtrack/",
    "show-awards": "/shows/queen-of-tears/awards/",
    "nominations": "/awards/nominations/",
    "person": "/people/kim-soo-hyun/",
}
TARGET_PAGES = {
    "home": "/",
    "show": "/shows/queen-of-tears/",
    "episode": "/shows/queen-of-tears/episodes/8/",
    "cast": "/shows/queen-of-tears/cast/",
    "soundtrack": "/shows/queen-of-tears/soundtrack/",
    "episodes": "/episodes/",
    "people": "/people/",
    "person": "/people/kim-soo-hyun/",
    "nominations": "/awards/nominations/",
    "nominations-page-2": "/awards/nominations/?page=2",
    "ceremony": "/awards/korea-drama-awards/",
    "news": "/news/",
    "search": "/search/?q=kim",
    "search-people": "/search/?q=kim&kind=person",
    "signup": "/accounts/signup/",
    "login": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
}

# Labels of each chart: its <text> elements, and each legend entry (swatch and label) as one box. Hidden
# labels (display: none) have no box. Two boxes closer than 2px count as touching; a box past the chart's
# edge is cut off.
CHART_COLLISIONS = """() => {
  const found = [];
  document.querySelectorAll("svg.chart-svg").forEach((svg, index) => {
    const name = svg.querySelector("title").textContent;
    const frame = svg.getBoundingClientRect();
    const items = [
      ...[...svg.querySelectorAll("text")].filter(t => !t.closest(".legend-item")),
      ...svg.querySelectorAll(".legend-item"),
    ].map(el => [el.textContent.trim(), el.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
    items.forEach(([label, r], i) => {
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5
          || r.bottom > frame.bottom + 0.5) found.push(`${name}: "${label}" is cut off at the edge`);
      for (const [other, o] of items.slice(i + 1)) {
        if (r.left < o.right + 2 && o.left < r.right + 2 && r.top < o.bottom + 2 && o.top < r.bottom + 2) {
          found.push(`${name}: "${label}" touches "${other}"`);
        }
      }
    });
  });
  return found;
}"""

# Every table in the main column, and each of its cells and its caption, within the box that holds it.
# Every table in the main column, and each of its cells and its caption, within the box that holds it.
# A header row moved off-screen for screen readers only (the phone layout of stacked rows) is not drawn.
TABLES_TOO_WIDE = """() => {
  const found = [];
  document.querySelectorAll("main table").forEach(table => {
    const box = (table.closest(".table-wrap") || table.parentElement);
    const frame = box.getBoundingClientRect();
    const name = table.querySelector("caption")?.textContent.trim().slice(0, 40) || table.className;
    const hidden = box.scrollWidth - box.clientWidth;
    if (hidden > 0) found.push(`${name}: scrolls sideways by ${hidden}px`);
    for (const el of [table, ...table.querySelectorAll("caption, th, td")]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= 0) continue;
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5) {
        const text = el.textContent.trim().slice(0, 30), wide = Math.round(r.width);
        found.push(`${name}: ${el.tagName.toLowerCase()} "${text}" (${wide}px) reaches past its box`);
      }
    }
  });
  return found;
}"""

# Targets a visitor taps: buttons, form controls, disclosure toggles, and links that stand alone as controls
# (navigation, tabs, pagination, filter and call-to-action links). Links inside running text are exempt
# (WCAG 2.5.8's inline exception). Off-screen elements (the skip link until focused, the honeypot) are not
# targets.
TARGETS = (
    "button, input:not([type=hidden]), select, textarea, summary, nav a, .pagination a, .subnav a, "
    ".kind-tabs a, a.button, .explore a, .filters a, .prev-next a, .account a, .comment-actions a"
)
SMALL_TARGETS = """selector => [...document.querySelectorAll(selector)].flatMap(el => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= 0 || r.left >= document.documentElement.clientWidth) return [];
  if (el.closest(".honeypot")) return [];
  const name = (el.textContent.trim() || el.getAttribute("aria-label") || el.name || el.type).slice(0, 30);
  return r.height < 24 ? [`${el.tagName.toLowerCase()} "${name}" is ${r.height.toFixed(1)}px tall`] : [];
})"""


@pytest.fixture
def wide(browser):
    page = new_page(browser, {"width": 1280, "height": 900})
    yield page
    page.context.close()


def test_chart_labels_never_overlap_on_a_phone_or_a_wide_screen(site, phone, wide):
    problems = []
    for name, path in CHART_PAGES.items():
        for width, target in (("390", phone), ("1280", wide)):
            target.goto(site + path)
            assert target.locator("svg.chart-svg").count() >= 1, f"no chart on {path}"
            problems += [f"{path} at {width}px: {problem}" for problem in target.evaluate(CHART_COLLISIONS)]
        screenshot(phone, f"chart-{name}-phone")
    assert problems == [], "\n".join(problems)


def test_no_table_is_wider_than_its_column_on_a_phone(site, phone):
    problems = []
    for name, path in TABLE_PAGES.items():
        phone.goto(site + path)
        assert phone.locator("main table").count() >= 1, f"no table on {path}"
        problems += [f"{path}: {problem}" for problem in phone.evaluate(TABLES_TOO_WIDE)]
        screenshot(phone, f"tables-{name}-phone")
    assert problems == [], "\n".join(problems)


def member_session(django_user_model):
    user = django_user_model.objects.create_user("phonefan", "phonefan@example.org", "a-long-test-password")
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_buttons_and_controls_are_at_least_24px_tall_on_a_phone(site, browser, django_user_model):
    problems = []
    visitor = new_page(browser, PHONE)
    for path in TARGET_PAGES.values():
        visitor.goto(site + path)
        problems += [f"{path}: {problem}" for problem in visitor.evaluate(SMALL_TARGETS, TARGETS)]
    visitor.context.close()

    # A member sees the account links, the comment form and, under their own comment, its controls.
    member = new_page(browser, PHONE)
    member.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": member_session(django_user_model), "url": site}]
    )
    episode = TARGET_PAGES["episode"]
    member.goto(site + episode)
    member.get_by_label("Your comment").fill("The divorce office scene!")
    member.get_by_role("button", name="Post comment").click()
    member.locator("article.comment").first.get_by_text("Reply", exact=True).click()
    screenshot(member, "targets-episode-member-phone")
    for path in [episode, "/accounts/password/change/", "/news/"]:
        if path != episode:
            member.goto(site + path)
        problems += [f"{path} (member): {problem}" for problem in member.evaluate(SMALL_TARGETS, TARGETS)]
    member.context.close()
    assert problems == [], "\n".join(problems)


def test_a_person_is_found_by_the_name_typed_on_a_phone(site, phone):
    phone.goto(site + "/awards/nominations/")
    box = phone.get_by_label("Person")
    assert box.get_attribute("list") == "id_person_suggestions"
    options = phone.locator("#id_person_suggestions option")
    assert "Kim Soo-hyun" in [options.nth(i).get_attribute("value") for i in range(options.count())]
    box.fill("kim soo hyun")
    phone.get_by_role("button", name="Filter").click()
    phone.wait_for_url("**/awards/nominations/?person=kim-soo-hyun")
    assert phone.get_by_role("heading", level=1).inner_text() == "Nominations naming Kim Soo-hyun"
    assert box.input_value() == "kim-soo-hyun"
