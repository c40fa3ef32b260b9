"""Placeholders for a record without a picture: its initials on a colour picked by its name."""

import colorsys
import hashlib


def initials(name):
    """'Queen of Tears' → 'QT', 'Kim Soo-hyun' → 'KS', '10cm' → '1', '눈물의 여왕' → '눈'."""
    skip = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "with"}
    words = str(name).split()
    significant = [w for w in words if w.lower() not in skip] or words
    if not significant:
        return "?"
    letters = significant[0][0] + (significant[-1][0] if len(significant) > 1 else "")
    return letters.upper()


def placeholder_colour(name):
    """A colour picked by the name (the same name always gets the same one), dark enough for white text."""
    digest = hashlib.sha256(str(name).encode()).digest()
    hue = digest[0] / 255
    red, green, blue = colorsys.hls_to_rgb(hue, 0.30, 0.45)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
