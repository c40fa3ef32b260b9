from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def share(value):
    """An audience share as '16.143%', or a visible 'not available' when the source leaves it blank."""
    if value is None:
        return format_html('<span class="unknown" title="{}">n/a</span>', "Not given in our sources")
    return f"{value:.3f}%"


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
