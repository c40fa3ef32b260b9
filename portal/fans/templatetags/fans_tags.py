import zlib

from django import template

from portal.addresses import reverse_path

register = template.Library()
# site.css has .avatar-0 to .avatar-11.
AVATAR_COLOURS = 12


@register.filter
def avatar(name):
    """A member's stand-in picture: their initial on one of AVATAR_COLOURS that their name picks (no upload,
    no request; a class, since the content security policy allows no inline style)."""
    name = str(name or "")
    initial = name[:1].upper() if name else "?"
    return {"initial": initial, "hue": zlib.crc32(name.casefold().encode()) % AVATAR_COLOURS}


@register.filter
def profile_url(member):
    """The profile address of an active member; '' for a deleted or deactivated account."""
    if member is None or not member.is_active:
        return ""
    return reverse_path("fans:profile", member.get_username())


@register.inclusion_tag("includes/_fan_rating.html")
def fan_rating(average, votes):
    """'8.4 / 10 from 12 fans', or a note that nobody has rated it yet."""
    return {"average": average, "votes": votes or 0}
