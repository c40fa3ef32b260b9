"""{% picture %}: a stored picture as a responsive <picture>, or a generated placeholder when it has none."""

from dataclasses import dataclass

from django import template

from portal.pictures.placeholders import initials, placeholder_colour
from portal.pictures.thumbnails import picture_size, thumbnail_set

register = template.Library()


@dataclass(frozen=True)
class Slot:
    """Where a picture appears: its width on the page in CSS pixels, the `sizes` hint and the CSS class."""

    width: int
    sizes: str
    css: str


SLOTS = {
    "poster": Slot(192, "12rem", "poster"),  # show page, home page
    "poster-thumb": Slot(64, "4rem", "poster-thumb"),  # show list
    "portrait": Slot(192, "12rem", "portrait"),  # person page
    "avatar": Slot(48, "3rem", "avatar"),  # cast lists
    "card": Slot(400, "(min-width: 40rem) 22rem, calc(100vw - 4rem)", "card-image"),  # news cards
    "lead": Slot(800, "(min-width: 48rem) 44rem, calc(100vw - 2rem)", "lead-image"),  # an article's image
}


@register.inclusion_tag("includes/_picture.html")
def picture(image, slot, alt="", name="", eager=False):
    """`image` is a picture field's value (show.poster, person.photo, …); `name` gives the placeholder's
    initials and colour. Pictures load lazily unless `eager` (for those at the top of the page)."""
    spec = image.field.spec
    place = SLOTS[slot]
    width, height = place.width, spec.height_for(place.width)
    context = {"css": place.css, "width": width, "height": height, "alt": alt, "eager": eager}
    # Only a file that passed the checks has its size recorded; one stored around them (or refused by
    # make_thumbnails) is never linked, and shows the placeholder.
    size = picture_size(image) if image else None
    if size is None:
        return context | {
            "placeholder": True,
            "initials": initials(name),
            "colour": placeholder_colour(name),
            "font_size": round(min(width, height) * 0.4),
        }
    thumbnails = thumbnail_set(image, size)
    # The fallback <img src> is the smallest thumbnail at least twice the slot's width, else the largest.
    src = next((t[3] for t in thumbnails if t[0] >= 2 * width), thumbnails[-1][3])
    return context | {
        "src": src,
        "sizes": place.sizes,
        "webp_srcset": ", ".join(f"{t[2]} {t[0]}w" for t in thumbnails),
        "fallback_srcset": ", ".join(f"{t[3]} {t[0]}w" for t in thumbnails),
    }


@register.inclusion_tag("includes/_picture.html")
def character_avatar(character):
    """A cast entry's picture: the character's still, else the (adult) actor's photo, else a placeholder
    with the character's initials. Uses the castings prefetched for the cast lists."""
    if character.photo:
        return picture(character.photo, "avatar", name=character.display_name)
    actor = next((c.person for c in character.castings.all() if c.age == c.Age.ADULT and c.person_id), None)
    if actor is not None and actor.photo:
        return picture(actor.photo, "avatar", name=actor.name)
    return picture(character.photo, "avatar", name=character.display_name)
