"""The discussion's and the account pages' forms on a phone (390×844) and a wide screen: buttons and boxes big
enough to tap, a reply box as wide as its form, and each spoiler checkbox at the start of its label's line."""

from django.conf import settings

from shows.models import Episode

from ..helpers_comments import make_comment
from .conftest import DESKTOP, PHONE, new_page, screenshot
from .test_phone_layout import member_session

EPISODE = "/shows/queen-of-tears/episodes/8/"

# A checkbox and the line of its label (a <label for> beside it, or a <label> around it): their boxes.
CHECKBOX_AND_LABEL = """el => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height});
  return {checkbox: box(el.getBoundingClientRect()), label: box(el.labels[0].getBoundingClientRect())};
}"""


def member_page(browser, site, django_user_model, viewport):
    page = new_page(browser, viewport)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": member_session(django_user_model), "url": site}]
    )
    return page


def with_a_comment(django_user_model):
    author = django_user_model.objects.create_user("replyfan", "replyfan@example.org", "a-long-test-password")
    episode = Episode.objects.get(show__slug="queen-of-tears", number=8)
    return make_comment(author, episode, "Hong Hae-in's face at the divorce papers!")


def open_reply_form(page, comment):
    """The reply form under `comment`, its "Reply" toggle opened."""
    article = page.locator(f"#comment-{comment.pk}")
    article.locator("details.reply > summary").click()
    form = article.locator("details.reply form")
    form.wait_for(state="visible")
    return form


def too_short(name, locator):
    height = locator.bounding_box()["height"]
    return [f"{name} is {height:.1f}px tall"] if height < 24 else []


def misplaced_checkbox(name, checkbox):
    boxes = checkbox.evaluate(CHECKBOX_AND_LABEL)
    box, label = boxes["checkbox"], boxes["label"]
    problems = []
    if box["right"] > label["left"] + 2:
        problems.append(
            f"{name}: the checkbox (right {box['right']:.0f}) is not left of its label ({label['left']:.0f})"
        )
    off = abs((box["top"] + box["bottom"]) / 2 - (label["top"] + label["bottom"]) / 2)
    if off >= 12:
        problems.append(f"{name}: the checkbox's centre is {off:.0f}px above or below its label's")
    if label["height"] < 24:
        problems.append(f"{name}: the label is {label['height']:.1f}px tall")
    return problems


def test_discussion_and_account_forms_are_big_enough_and_aligned_on_a_phone(site, browser, django_user_model):
    comment = with_a_comment(django_user_model)
    problems = []

    member = member_page(browser, site, django_user_model, PHONE)
    member.goto(site + EPISODE)
    comment_form = member.locator("form#comment-form")
    problems += too_short('"Post comment"', comment_form.get_by_role("button", name="Post comment"))
    problems += misplaced_checkbox("comment form", comment_form.locator("input[name=is_spoiler]"))

    reply = open_reply_form(member, comment)
    textarea = reply.locator("textarea")
    problems += too_short("the reply box", textarea)
    problems += too_short('"Post reply"', reply.get_by_role("button", name="Post reply"))
    problems += misplaced_checkbox("reply form", reply.locator("input[name=is_spoiler]"))
    box, form = textarea.bounding_box()["width"], reply.bounding_box()["width"]
    if box < 0.9 * form:
        problems.append(f"the reply box is {box:.0f}px wide in a {form:.0f}px form")
    screenshot(member, "discussion-reply-member-phone")
    member.context.close()

    visitor = new_page(browser, PHONE)
    visitor.goto(site + "/accounts/signup/")
    problems += too_short('"Create account"', visitor.get_by_role("button", name="Create account"))
    visitor.goto(site + "/awards/nominations/")
    problems += too_short('"Filter"', visitor.get_by_role("button", name="Filter"))
    screenshot(visitor, "filter-form-phone")
    visitor.context.close()
    assert problems == [], "\n".join(problems)


def test_the_reply_box_is_wide_on_a_wide_screen(site, browser, django_user_model):
    comment = with_a_comment(django_user_model)
    member = member_page(browser, site, django_user_model, DESKTOP)
    member.goto(site + EPISODE)
    width = open_reply_form(member, comment).locator("textarea").bounding_box()["width"]
    screenshot(member, "discussion-reply-member-wide")
    member.context.close()
    assert width > 300, f"the reply box is {width:.0f}px wide"
