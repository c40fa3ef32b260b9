from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_tools.formsets import CheckedInline, image_preview
from portal.admin_tools.imports import ImportExportWithTemplateMixin
from portal.admin_tools.return_to import ReturnToReferringPageMixin

from .forms import CharacterForm
from .models import CastGroup, Casting, Character, CrewCredit, Person
from .resources import CastingResource, CharacterResource


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "native_name", "photo_preview"]
    list_filter = ["kind"]
    search_fields = ["name", "native_name", "alternative_names"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["member_of"]
    readonly_fields = ["photo_preview"]
    fields = [
        "name",
        "slug",
        "native_name",
        "alternative_names",
        "kind",
        "member_of",
        "bio",
        "photo",
        "photo_preview",
    ]
    photo_preview = image_preview("photo")


class CastingInline(CheckedInline):
    model = Casting
    fields = ["person", "age", "billing", "is_cameo", "episodes"]
    autocomplete_fields = ["person", "episodes"]


@admin.register(Character)
class CharacterAdmin(ReturnToReferringPageMixin, ImportExportWithTemplateMixin, SimpleHistoryAdmin):
    form = CharacterForm
    list_display = ["display_name", "show", "group", "order", "photo_preview"]
    list_filter = ["show", "group"]
    list_select_related = ["show", "group", "group__parent"]
    search_fields = ["name", "native_name", "alternative_names", "show__title", "castings__person__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["show"]
    readonly_fields = ["former_slugs", "photo_preview"]
    inlines = [CastingInline]
    resource_classes = [CharacterResource]
    photo_preview = image_preview("photo")


@admin.register(CastGroup)
class CastGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show", "order", "is_main"]
    list_filter = ["is_main", "show"]
    list_select_related = ["show", "parent"]
    search_fields = ["name", "show__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["show", "parent"]


@admin.register(Casting)
class CastingAdmin(ImportExportWithTemplateMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "show_title", "age", "billing", "is_cameo"]
    list_filter = ["age", "is_cameo", "character__show"]
    list_select_related = ["person", "character", "character__show"]
    search_fields = ["person__name", "character__name", "character__show__title"]
    autocomplete_fields = ["person", "character", "episodes"]
    resource_classes = [CastingResource]

    @admin.display(description="show", ordering="character__show__title")
    def show_title(self, obj):
        return obj.character.show.title


@admin.register(CrewCredit)
class CrewCreditAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show", "role", "order"]
    list_filter = ["role", "show"]
    list_select_related = ["person", "show"]
    search_fields = ["person__name", "show__title", "note"]
    autocomplete_fields = ["person", "show"]
