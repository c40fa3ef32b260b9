"""A staff member adds a whole show in the admin in a few page loads; visitors then see all of it."""

import csv
import re

import pytest
from playwright.sync_api import expect

from .conftest import new_page, screenshot

TITLE = "The Night Ferry"
SLUG = "the-night-ferry"
WRITER = "Seo Hye-rin"
DIRECTOR = "Oh Jin-seok"
# The four main characters, each with the actor who plays them.
MAIN_CAST = [
    ("Han Do-yoon", "Kang Min-jae"),
    ("Cha Eun-seo", "Yoon Ha-neul"),
    ("Ji Tae-oh", "Baek Seung-ho"),
    ("Nam Yu-ri", "Moon Ga-eun"),
]
# Fridays and Saturdays from Friday 8 March 2024: 16 episodes, the last on Saturday 27 April.
FIRST_AIRED, LAST_AIRED = "2024-03-08", "2024-04-27"
# Nationwide and Seoul shares as a ratings agency reports them, with the places it gives.
SHARES = [
    ("4.1", "4.6"),
    ("5.3", "5.8"),
    ("5.9", "6.4"),
    ("6.2", "6.9"),
    ("6.8", "7.1"),
    ("7.7", "8.3"),
    ("7.4", "8.0"),
    ("8.12", "8.87"),
    ("8.6", "9.2"),
    ("9.0", "9.9"),
    ("9.4", "10.2"),
    ("10.1", "11.0"),
    ("10.9", "11.8"),
    ("11.3", "12.4"),
    ("12.05", "13.1"),
    ("13.6", "14.9"),
]
MAX_ADMIN_PAGE_LOADS = 8


@pytest.fixture
def visitor(browser):
    """A second browser, signed out."""
    page = new_page(browser)
    yield page
    page.context.close()


def log_in_by_session_cookie(page, site, user):
    """The staff member is signed in already: no login page loads to count."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])


def count_page_loads(page):
    """Page loads of the main frame: one per navigation request. The GET that follows a POST's redirect is
    part of the same load (Playwright chains it to the redirected request), and the select2 searches and
    other XHRs are not navigations."""
    loads = []

    def on_request(request):
        if (
            request.is_navigation_request()
            and request.frame == page.main_frame
            and request.redirected_from is None
        ):
            loads.append(f"{request.method} {request.url}")

    page.on("request", on_request)
    return loads


def add_inline_row(page, prefix, label):
    """Click the inline's "Add another …" link; return the new row's form prefix (e.g. characters-2)."""
    total = page.locator(f'[name="{prefix}-TOTAL_FORMS"]')
    index = int(total.input_value())
    page.locator(f"#{prefix}-group").get_by_role("button", name=f"Add another {label}").click()
    expect(total).to_have_value(str(index + 1))
    return f"{prefix}-{index}"


def choose_person(page, select_name, name):
    """Pick a person in an autocomplete (select2) field by typing the name."""
    page.locator(f'select[name="{select_name}"] + .select2 .select2-selection').click()
    page.locator(".select2-container--open input.select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()
    expect(page.locator(f'select[name="{select_name}"] option:checked')).to_have_text(name)


def write_shares_file(path):
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["show", "kind", "number", "nationwide_share", "seoul_share"])
        for number, (nationwide, seoul) in enumerate(SHARES, start=1):
            writer.writerow([SLUG, "regular", number, nationwide, seoul])
    return path


def test_staff_add_a_whole_show_in_eight_page_loads_and_visitors_see_it(
    site, page, visitor, django_user_model, tmp_path
):
    from people.models import Person

    # The writer, the director and the actors have worked on other shows: the portal knows them already.
    for name in [WRITER, DIRECTOR, *(actor for _character, actor in MAIN_CAST)]:
        Person.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=Person.Kind.PERSON)
    editor = django_user_model.objects.create_user(
        "editor", "editor@example.org", "an-editor-password-42", is_staff=True, is_superuser=True
    )
    log_in_by_session_cookie(page, site, editor)
    loads = count_page_loads(page)

    # 1. The show add form: the show, its main cast group, its characters and its writer and director.
    page.goto(site + "/admin/shows/show/add/")
    page.get_by_label("Title:", exact=True).press_sequentially(TITLE)  # typed: the slug follows
    page.get_by_label("Native title:", exact=True).fill("밤의 여객선")
    expect(page.get_by_label("Slug:", exact=True)).to_have_value(SLUG)
    page.get_by_label("First aired:", exact=True).fill(FIRST_AIRED)
    page.get_by_label("Last aired:", exact=True).fill(LAST_AIRED)
    page.get_by_label("Start year:", exact=True).fill("2024")
    page.get_by_label("End year:", exact=True).fill("2024")
    page.get_by_label("Broadcast slot:", exact=True).fill("Fridays and Saturdays 22:30")
    page.get_by_label("Regular episodes:", exact=True).fill("16")
    page.get_by_label("Country:", exact=True).fill("South Korea")
    page.get_by_label("Language:", exact=True).fill("Korean")
    page.locator("summary", has=page.get_by_role("heading", name="Text")).click()
    page.get_by_label("Synopsis:", exact=True).fill(
        "A night ferry's crew keeps the secrets of its passengers."
    )

    group = add_inline_row(page, "cast_groups", "Cast group")
    page.locator(f'[name="{group}-name"]').press_sequentially("Main cast")
    expect(page.locator(f'[name="{group}-slug"]')).to_have_value("main-cast")
    page.locator(f'[name="{group}-is_main"]').check()
    for order, (character, _actor) in enumerate(MAIN_CAST, start=1):
        row = add_inline_row(page, "characters", "Character")
        page.locator(f'[name="{row}-name"]').press_sequentially(character)
        expect(page.locator(f'[name="{row}-slug"]')).to_have_value(character.lower().replace(" ", "-"))
        page.locator(f'[name="{row}-order"]').fill(str(order))
    for role, person in [("Writer", WRITER), ("Director", DIRECTOR)]:
        row = add_inline_row(page, "crew_credits", "Crew credit")
        page.locator(f'[name="{row}-role"]').select_option(label=role)
        choose_person(page, f"{row}-person", person)

    # 2. Saved, the show is on the changelist, where the schedule action is.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"The show “{TITLE}” was added successfully.")
    page.get_by_label(f"Select this object for an action - {TITLE}").check()
    page.locator('select[name="action"]').select_option(label="Add episodes from the schedule")

    # 3. The schedule page starts from what the show's record says.
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("First air date:", exact=True)).to_have_value(FIRST_AIRED)
    expect(page.get_by_label("Number of episodes:", exact=True)).to_have_value("16")
    page.get_by_label("Friday").check()
    page.get_by_label("Saturday").check()

    # 4. Back on the show's change form with 16 dated episodes: the characters join the main cast group
    # (saved now, so it can be chosen) and each gets their actor.
    page.get_by_role("button", name="Add episodes").click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"{TITLE}: added 16 episodes (1–16, {FIRST_AIRED} to {LAST_AIRED})."
    )
    expect(page.locator('#episodes-group tr.has_original [name$="-number"]')).to_have_count(16)
    characters = dict(MAIN_CAST)
    for index in range(len(MAIN_CAST)):
        name = page.locator(f'[name="characters-{index}-name"]').input_value()
        assert name in characters, f"an unexpected character row: {name!r}"
        page.locator(f'[name="characters-{index}-group"]').select_option(label="Main cast")
    for billing, (character, actor) in enumerate(MAIN_CAST, start=1):
        row = add_inline_row(page, "castings", "Casting")
        page.locator(f'[name="{row}-character"]').select_option(label=character)
        choose_person(page, f"{row}-person", actor)
        page.locator(f'[name="{row}-billing"]').fill(str(billing))

    # 5. Saved again.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"The show “{TITLE}” was changed successfully.")
    # A fan finds the new show before its shares are in (and the page is cached as it is now).
    visitor.goto(site + f"/shows/{SLUG}/")
    expect(visitor.locator("#main-cast .cast-line")).to_have_count(4)
    expect(visitor.locator('#episodes tbody [data-label="Nationwide"]', has_text="n/a")).to_have_count(16)

    # 6–8. The audience shares from a file: the import page, its preview, the confirmed import.
    page.goto(site + "/admin/shows/episode/import/")
    page.get_by_label("File to import:", exact=True).set_input_files(
        write_shares_file(tmp_path / "shares.csv")
    )
    page.get_by_role("button", name="Submit").click()
    confirm = page.get_by_role("button", name="Confirm import")
    expect(confirm).to_be_visible()
    expect(page.locator("table.import-preview tbody tr")).to_have_count(16)
    confirm.click()
    expect(page.locator(".messagelist")).to_contain_text("Import finished")
    expect(page.locator(".messagelist")).to_contain_text("16 updated")
    screenshot(page, "admin-journey-after-import")

    # Admin page loads of the editor's tab (count_page_loads), signed in by cookie so none is a login page.
    assert len(loads) <= MAX_ADMIN_PAGE_LOADS, "the admin pages loaded:\n" + "\n".join(loads)

    # The visitor comes back and sees all of it, the shares included.
    visitor.goto(site + f"/shows/{SLUG}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator('.page-header .native [lang="ko"]')).to_have_text("밤의 여객선")
    facts = visitor.get_by_role("complementary", name="Key facts")
    expect(facts.locator("dt", has_text=re.compile(r"^Writer$")).locator("+ dd")).to_have_text(WRITER)
    expect(facts.locator("dt", has_text=re.compile(r"^Director$")).locator("+ dd")).to_have_text(DIRECTOR)
    main_cast = visitor.locator("#main-cast .cast-line")
    expect(main_cast).to_have_count(4)
    for line, (character, actor) in zip(main_cast.all(), MAIN_CAST, strict=True):
        expect(line).to_contain_text(actor)
        expect(line).to_contain_text(f"as {character}")
    rows = visitor.locator("#episodes tbody tr")
    expect(rows).to_have_count(16)
    for number, (row, (nationwide, seoul)) in enumerate(zip(rows.all(), SHARES, strict=True), 1):
        expect(row.locator("th")).to_have_text(f"Episode {number}")
        expect(row.locator('[data-label="Nationwide"]')).to_have_text(f"{nationwide}%")
        expect(row.locator('[data-label="Seoul"]')).to_have_text(f"{seoul}%")
    expect(rows.first.locator("time")).to_have_attribute("datetime", FIRST_AIRED)
    expect(rows.last.locator("time")).to_have_attribute("datetime", LAST_AIRED)
    screenshot(visitor, "journey-new-show-page")

    visitor.get_by_role("link", name="Full cast & crew →").click()
    main_group = visitor.locator("section.cast-group", has=visitor.get_by_role("heading", name="Main cast"))
    for character, actor in MAIN_CAST:
        expect(main_group.locator(".cast-line", has_text=character)).to_contain_text(actor)
    crew = visitor.locator("#crew")
    expect(crew.locator("dt", has_text="Writer").locator("+ dd")).to_have_text(WRITER)
    expect(crew.locator("dt", has_text="Director").locator("+ dd")).to_have_text(DIRECTOR)

    visitor.goto(site + f"/shows/{SLUG}/episodes/8/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Episode 8")
    facts = visitor.locator("dl.facts")
    expect(facts.locator("dt", has_text="Nationwide share").locator("+ dd")).to_have_text("8.12%")
    expect(facts.locator("dt", has_text="Seoul share").locator("+ dd")).to_have_text("8.87%")
    expect(facts.locator("time")).to_have_attribute("datetime", "2024-03-30")
