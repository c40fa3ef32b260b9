import re

from django import template
from django.utils.html import format_html

from portal.display.numbers import percent

register = template.Library()

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@register.simple_tag
def native_name(text):
    """A name in its own script, marked lang="ko" when it is written in Hangul, so browsers pick a Korean font
    and screen readers a Korean voice. Other scripts are left unmarked rather than guessed."""
    if not text:
        return ""
    if HANGUL.search(text):
        return format_html('<span lang="ko">{}</span>', text)
    return text


@register.simple_tag
def share(value):
    """An audience share as entered ('16.143%', '7.7%'), or a visible 'not available' when the source leaves
    it blank."""
    if value is None:
        return format_html('<span class="unknown" title="{}">n/a</span>', "Not given in our sources")
    return percent(value)


@register.simple_tag
def chart_position(peak):
    if peak is None:
        return format_html('<span class="unknown" title="{}">?</span>', "No data")
    if not peak.charted:
        return format_html('<span class="muted" title="{}">—</span>', "Did not chart")
    return str(peak.position)


@register.inclusion_tag("includes/_result.html")
def result_badge(nomination):
    return {"nomination": nomination}


@register.inclusion_tag("includes/_nominee.html")
def nominee(nomination):
    return {"nomination": nomination}


@register.inclusion_tag("includes/_person_name.html")
def person_name(person, fallback="Actor not named in our sources"):
    return {"person": person, "fallback": fallback}
