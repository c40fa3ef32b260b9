from django import template
from django.utils.safestring import mark_safe

from portal.caching import personal

register = template.Library()


@register.simple_tag(takes_context=True)
def personal_slot(context, name, *args):
    """{% personal_slot "account" %}: a part of the page that depends on who asks (caching/personal.py). On a
    cached page it is filled in per request; elsewhere it renders at once."""
    return mark_safe(personal.render_or_mark(name, context["request"], args))  # noqa: S308 (slots escape)
