"""The show's change form fits a 1280 px window, every section open."""

from .conftest import screenshot

PASSWORD = "browser-test-password-42"


def test_the_show_change_form_fits_a_1280_px_window(site, page, django_user_model):
    from shows.models import Show

    django_user_model.objects.create_superuser("layout", "layout@example.org", PASSWORD)
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("layout")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    show = Show.objects.get(slug="queen-of-tears")
    page.goto(site + f"/admin/shows/show/{show.pk}/change/")
    # Secondary sections start collapsed; opened, they still fit.
    assert page.locator("details").count() >= 7
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    screenshot(page, "admin-show-change-1280")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the show change form is {width}px wide at 1280px"
    assert page.locator("td.delete input").count() > 40  # the rows of episodes, cast, crew, …
    rightmost = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('td.delete')]"
        ".map(cell => cell.getBoundingClientRect().right))"
    )
    assert rightmost <= 1280, f"a Delete box ends at {rightmost}px"
