"""The `<episode_kind:kind>` path segment: "episodes" is Episode.Kind.REGULAR, "specials" Episode.Kind.SPECIAL
(Episode.KIND_URL_SEGMENTS), for the episode pages and their discussion feeds alike."""

from django.urls import register_converter

from .models import Episode


class EpisodeKindConverter:
    regex = "|".join(Episode.KIND_URL_SEGMENTS.values())
    kinds = {segment: kind for kind, segment in Episode.KIND_URL_SEGMENTS.items()}

    def to_python(self, value):
        return self.kinds[value]

    def to_url(self, kind):
        # Episode.Kind() takes a member or its stored value ("special"); anything else is a ValueError,
        # which reverse() reports as no match.
        return Episode.KIND_URL_SEGMENTS[Episode.Kind(kind)]


# Registered here, once, for every URLconf that imports this module.
register_converter(EpisodeKindConverter, "episode_kind")
