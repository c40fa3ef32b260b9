from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import urlize

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_body(text, autoescape=True):
    """Plain text as typed: escaped, line breaks kept, web addresses made into links that pass no ranking
    and no window access (rel="nofollow ugc noopener")."""
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return linebreaksbr(linked, autoescape=False)


@register.filter
def ago(moment):
    """'just now', '3 hours ago', '2 days, 4 hours ago'."""
    from django.utils import timezone
    from django.utils.timesince import timesince

    if (timezone.now() - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment)} ago"
