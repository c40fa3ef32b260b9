"""How much to generate: the default sizes (the issue's), scaled, and the combinations refused."""

SIZES = {
    "shows": 2_000,
    "episodes": 40_000,
    "people": 50_000,
    "castings": 200_000,
    "nominations": 100_000,
    "ceremonies": 300,
    "songs": 20_000,
    "members": 50_000,
    "comments": 1_000_000,
    "articles": 2_000,
}
# What each size needs more than 0 of.
NEEDS = {
    "episodes": ["shows"],
    "castings": ["shows", "people"],
    "songs": ["shows"],
    "articles": ["shows"],
    "nominations": ["ceremonies", "shows"],
    "comments": ["members", "episodes"],
}


def scaled_sizes(scale=1.0, **given):
    """The default sizes times `scale` (at least 1 each), with any size given explicitly taking precedence."""
    sizes = {name: max(1, round(default * scale)) for name, default in SIZES.items()}
    sizes.update({name: value for name, value in given.items() if value is not None})
    return sizes


def check_sizes(sizes):
    """Refuse sizes the catalogue cannot honour exactly (say, episodes without any show to belong to)."""
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"Unknown sizes: {', '.join(sorted(unknown))}")
    if any(value < 0 for value in sizes.values()):
        raise ValueError("Sizes cannot be negative.")
    for size, required in NEEDS.items():
        missing = [name for name in required if not sizes[name]]
        if sizes[size] and missing:
            raise ValueError(f"{size.capitalize()} need {' and '.join(missing)}: give more than 0.")
