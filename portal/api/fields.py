"""Serializer fields for what the API's data owes its users: unknowns as null, links as absolute URLs."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.addresses import reverse_path


class OptionalText(serializers.CharField):
    """A text the source may not give: blank means unknown, so it is null, never ''."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return str(value) if value else None


class OptionalChoice(serializers.ChoiceField):
    """A choice the source may leave unsaid (blank): null then."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class Lines(serializers.ListField):
    """A one-per-line text field (alternative titles, filming locations) as a list; [] when there are none."""

    def __init__(self, source, **kwargs):
        super().__init__(child=serializers.CharField(), source=source, **kwargs)


def origin(context):
    """'https://host' of the request, worked out once per response (nested serializers share the context)."""
    if "origin" not in context:
        request = context["request"]
        context["origin"] = f"{request.scheme}://{request.get_host()}"
    return context["origin"]


@extend_schema_field(OpenApiTypes.URI)
class PageLink(serializers.Field):
    """The absolute address of the object's page on the site (its get_absolute_url())."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return origin(self.context) + obj.get_absolute_url()


@extend_schema_field(OpenApiTypes.URI)
class ApiLink(serializers.Field):
    """The absolute API address of the object: the URL name `view_name` with the object's `attributes` as
    arguments (dotted paths, e.g. "show.slug")."""

    def __init__(self, view_name, *attributes, **kwargs):
        self.view_name, self.attributes = view_name, attributes
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        arguments = []
        for path in self.attributes:
            value = obj
            for name in path.split("."):
                value = getattr(value, name)
            arguments.append(value)
        return origin(self.context) + reverse_path(f"api:{self.view_name}", *arguments)


@extend_schema_field(OpenApiTypes.URI)
class ApiAddress(serializers.Field):
    """An absolute API address with a querystring, e.g. a ceremony's nominations (`address(obj)` gives the
    path)."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return origin(self.context) + self.address(obj)
