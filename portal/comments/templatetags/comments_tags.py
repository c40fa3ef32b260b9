from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import urlize

from portal.comments.models import discussion_address
from portal.comments.selectors import discussion_for

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


@register.filter
def discussion_url(target):
    """The address of the page that shows this episode's, article's or show's discussion."""
    return discussion_address(target)


class DiscussionNode(template.Node):
    def __init__(self, target):
        self.target = target

    def render(self, context):
        target = self.target.resolve(context)
        block = context.template.engine.get_template("comments/_discussion.html")
        with context.push(discussion_for(context["request"], target)):
            return block.render(context)


@register.tag
def discussion(parser, token):
    """{% discussion for episode %}: the discussion of an episode or article, with its form and pages."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "for":
        raise template.TemplateSyntaxError("Usage: {% discussion for target %}")
    return DiscussionNode(parser.compile_filter(bits[2]))
