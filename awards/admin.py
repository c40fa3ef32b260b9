from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_tools.formsets import CheckedInline, ParentScopedChoicesMixin
from portal.admin_tools.imports import ImportExportWithTemplateMixin

from .forms import NominationForm
from .models import Category, Ceremony, Nomination
from .resources import NominationResource


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


class NominationInline(ParentScopedChoicesMixin, CheckedInline):
    model = Nomination
    fields = [
        "year",
        "position",
        "category",
        "nominee_text",
        "result",
        "show",
        "nominee_show",
        "nominee_people",
        "nominee_songs",
        "note",
    ]
    autocomplete_fields = ["show", "nominee_show", "nominee_people", "nominee_songs"]
    ordering = ["-year", "position"]
    # Only this ceremony's categories can be picked for its nominations.
    scoped_choices = {"category": lambda ceremony: Category.objects.filter(ceremony=ceremony)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category", "show", "nominee_show")


@admin.register(Ceremony)
class CeremonyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nomination_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryInline]

    def get_queryset(self, request):
        return Ceremony.objects.with_result_counts()

    @admin.display(description="nominations", ordering="total")
    def nomination_count(self, obj):
        return obj.total

    def get_inlines(self, request, obj):
        # Nominations are edited inside their ceremony once it exists (their category must belong to it).
        return [CategoryInline, NominationInline] if obj else [CategoryInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "ceremony"]
    list_filter = ["ceremony"]
    list_select_related = ["ceremony"]
    search_fields = ["name", "ceremony__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["ceremony"]


@admin.register(Nomination)
class NominationAdmin(ImportExportWithTemplateMixin, SimpleHistoryAdmin):
    list_display = ["ceremony", "year", "category_name", "nominee_text", "result", "show"]
    list_filter = ["result", "year", "ceremony"]
    list_select_related = ["category", "ceremony", "show"]
    search_fields = ["nominee_text", "category__name", "ceremony__name", "nominee_people__name"]
    autocomplete_fields = ["category", "show", "nominee_show", "nominee_people", "nominee_songs"]
    form = NominationForm
    resource_classes = [NominationResource]

    @admin.display(description="category", ordering="category__name")
    def category_name(self, obj):
        return obj.category.name
