"""Admin import and export of award nominations."""

from django.db.models import Q
from import_export.fields import Field

from people.models import Person
from portal.admin_tools.resources import (
    ChoiceWidget,
    LookupManyWidget,
    LookupWidget,
    PortalResource,
    ShowScopedLookupWidget,
    WholeNumberWidget,
)
from shows.models import Show, Song

from .models import Category, Ceremony, Nomination


class CategoryWidget(LookupWidget):
    """A category of the ceremony the row names (by slug or name)."""

    def __init__(self):
        super().__init__(Category, ("name", "slug"), scope=self.of_ceremony)

    @staticmethod
    def of_ceremony(row):
        text = str(row.get("ceremony") or "").strip()
        return Q(ceremony__slug__iexact=text) | Q(ceremony__name__iexact=text)

    def where(self, row):
        return f" at “{row.get('ceremony') or ''}”"


def a_show():
    return LookupWidget(Show, ("slug", "title"))


class NominationResource(PortalResource):
    ceremony = Field("ceremony", "ceremony", widget=LookupWidget(Ceremony, ("slug", "name")))
    year = Field("year", "year", widget=WholeNumberWidget())
    position = Field("position", "position", widget=WholeNumberWidget())
    category = Field("category", "category", widget=CategoryWidget())
    result = Field(
        "result", "result", widget=ChoiceWidget(Nomination.Result, default=Nomination.Result.NOT_RECORDED)
    )
    show = Field("show", "show", widget=a_show())
    nominee_show = Field("nominee_show", "nominee_show", widget=a_show())
    nominee_people = Field(
        "nominee_people",
        "nominee_people",
        widget=LookupManyWidget(LookupWidget(Person, ("slug", "name", "native_name"))),
    )
    nominee_songs = Field(
        "nominee_songs",
        "nominee_songs",
        widget=LookupManyWidget(ShowScopedLookupWidget(Song, ("slug", "title"))),
    )

    import_help = (
        "One row per nomination: the ceremony's slug (or name), the year presented and the row's position "
        "among that year's rows say which. The category is one of the ceremony's, by name; result is won, "
        "nominated or not_recorded (blank). Nominated people and songs (of the row's show) are separated "
        "by semicolons."
    )
    example_rows = [
        {
            "ceremony": "baeksang-arts-awards",
            "year": 2024,
            "position": 1,
            "category": "Best Actress (Television)",
            "result": "nominated",
            "show": "my-new-show",
            "nominee_text": "Kim Ji-won",
            "nominee_show": "",
            "nominee_people": "kim-ji-won",
            "nominee_songs": "",
            "note": "",
        }
    ]

    class Meta(PortalResource.Meta):
        model = Nomination
        fields = [
            "ceremony",
            "year",
            "position",
            "category",
            "result",
            "show",
            "nominee_text",
            "nominee_show",
            "nominee_people",
            "nominee_songs",
            "note",
        ]
        import_id_fields = ["ceremony", "year", "position"]
