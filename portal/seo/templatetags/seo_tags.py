"""Tags for the <head>: canonical address, link-preview image, JSON-LD, and {% capture %} so one block's
text (the title, the description) can fill several tags."""

import json
import re

from django import template
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from portal.listing.querystring import positive_int
from portal.pictures.thumbnails import share_image_url

register = template.Library()

# Inside <script> only these can end the element or start markup; escaped they are still the same JSON.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, variable):
        self.nodelist = nodelist
        self.variable = variable

    def render(self, context):
        # Blocks inside are rendered (and escaped) as usual; whitespace is collapsed for attribute values.
        output = re.sub(r"\s+", " ", self.nodelist.render(context)).strip()
        context[self.variable] = mark_safe(output)  # noqa: S308 - rendered, hence escaped, template output
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render the contents into the variable `name`, output nothing."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% capture variable %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


def absolute(request, path):
    """The address on the host the page was asked for; just the path when the host is not one of ours
    (the 400 page for a bad Host header is rendered with this template too)."""
    if request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without its querystring (filtered views are variations of one page), except the
    page number of a long list."""
    request = context.get("request")
    if request is None:
        return ""
    url = absolute(request, request.path)
    page = positive_int(request.GET.get("page"), default=1)
    if page > 1:
        url += f"?page={page}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return absolute(context.get("request"), path) if path else ""


@register.simple_tag(takes_context=True)
def share_image(context, image):
    """The absolute address of a picture's link-preview image, or '' when there is no picture."""
    url = share_image_url(image) if image else ""
    return absolute(context.get("request"), url) if url else ""


@register.simple_tag
def json_ld(data):
    """schema.org data as a <script type="application/ld+json"> element that no value can break out of."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - the only markup-significant characters are escaped above
        f'<script type="application/ld+json">{text.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    """The home page's schema.org WebSite description."""
    from portal.seo.structured_data import StructuredData

    request = context.get("request")
    if request is None:
        return ""
    return json_ld(StructuredData(request).website(context.get("page_description", "")))
