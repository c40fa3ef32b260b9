"""Admin import and export of a show's characters and of who plays them (castings)."""

from import_export.fields import Field

from portal.admin_tools.resources import (
    ChoiceWidget,
    LinesWidget,
    LookupWidget,
    PortalResource,
    ShowScopedLookupWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from shows.models import Show

from .models import CastGroup, Casting, Character, Person


def show_field():
    return Field("show", "show", widget=LookupWidget(Show, ("slug", "title")))


class CharacterResource(PortalResource):
    show = show_field()
    group = Field("group", "group", widget=ShowScopedLookupWidget(CastGroup, ("slug", "name")))
    order = Field("order", "order", widget=WholeNumberWidget(default=0))
    alternative_names = Field("alternative_names", "alternative_names", widget=LinesWidget())

    derived_slugs = {"slug": "name"}
    import_help = (
        "One row per character: the show's slug and the character's slug say which (a blank slug is made "
        "from the name). The group is one of the show's cast groups, by slug or name; alternative names "
        "are separated by semicolons."
    )
    example_rows = [
        {
            "show": "my-new-show",
            "name": "Hong Hae-in",
            "slug": "",
            "group": "main",
            "order": 1,
            "alternative_names": "",
            "description": "",
        }
    ]

    class Meta(PortalResource.Meta):
        model = Character
        fields = ["show", "name", "slug", "group", "order", "alternative_names", "description"]
        import_id_fields = ["show", "slug"]


class CastingResource(PortalResource):
    show = show_field()
    character = Field("character", "character", widget=ShowScopedLookupWidget(Character, ("slug", "name")))
    person = Field("person", "person", widget=LookupWidget(Person, ("slug", "name", "native_name")))
    age = Field("age", "age", widget=ChoiceWidget(Casting.Age, default=Casting.Age.ADULT))
    billing = Field("billing", "billing", widget=WholeNumberWidget(default=0))
    is_cameo = Field("is_cameo", "is_cameo", widget=YesNoWidget())

    import_help = (
        "One row per actor and role: the show's slug, the character's slug or name (import the characters "
        "first), the age variant (adult, teen or child; blank for adult) and the actor's slug or name say "
        "which. A blank actor means the source does not name one."
    )
    example_rows = [
        {
            "show": "my-new-show",
            "character": "hong-hae-in",
            "person": "kim-ji-won",
            "age": "adult",
            "billing": 1,
            "is_cameo": "no",
        }
    ]

    class Meta(PortalResource.Meta):
        model = Casting
        fields = ["show", "character", "person", "age", "billing", "is_cameo"]
        import_id_fields = ["character", "age", "person"]
