from django.contrib import admin

from portal.admin_tools.formsets import CheckedInline, image_preview

from .models import CastGroup, Casting, Character, CrewCredit, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
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
class CharacterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "show", "group", "order", "photo_preview"]
    list_filter = ["show", "group"]
    list_select_related = ["show", "group", "group__parent"]
    search_fields = ["name", "alternative_names", "show__title", "castings__person__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["show"]
    readonly_fields = ["photo_preview"]
    inlines = [CastingInline]
    photo_preview = image_preview("photo")


@admin.register(CastGroup)
class CastGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show", "order"]
    list_filter = ["show"]
    list_select_related = ["show", "parent"]
    search_fields = ["name", "show__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["show", "parent"]


@admin.register(Casting)
class CastingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show_title", "age", "billing", "is_cameo"]
    list_filter = ["age", "is_cameo", "character__show"]
    list_select_related = ["person", "character", "character__show"]
    search_fields = ["person__name", "character__name", "character__show__title"]
    autocomplete_fields = ["person", "character", "episodes"]

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
