from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from people.forms import CharacterForm
from people.models import CastGroup, Casting, Character, CrewCredit
from portal.admin_tools.formsets import (
    CheckedInline,
    ConstraintCheckingFormSet,
    ParentScopedChoicesMixin,
    image_preview,
)
from portal.admin_tools.imports import ImportExportWithTemplateMixin
from portal.admin_tools.return_to import ReturnToReferringPageMixin

from .forms import EpisodeScheduleForm
from .models import (
    Album,
    AlbumChartPeak,
    Availability,
    Chart,
    Company,
    CriticReview,
    Episode,
    Genre,
    Listicle,
    Show,
    ShowRelation,
    Song,
    SongChartPeak,
)
from .resources import EpisodeResource, SongChartPeakResource, SongResource
from .services import add_scheduled_episodes


class EpisodeInline(CheckedInline):
    model = Episode
    fields = ["kind", "number", "title", "air_date", "nationwide_share", "seoul_share"]
    show_change_link = True


class CastGroupInline(ParentScopedChoicesMixin, CheckedInline):
    model = CastGroup
    fields = ["name", "slug", "parent", "order", "is_main"]
    prepopulated_fields = {"slug": ["name"]}
    scoped_choices = {"parent": lambda show: CastGroup.objects.filter(show=show)}


class CharacterInline(ParentScopedChoicesMixin, CheckedInline):
    model = Character
    form = CharacterForm
    fields = ["name", "slug", "native_name", "alternative_names", "group", "order"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 24})}}
    show_change_link = True
    scoped_choices = {"group": lambda show: CastGroup.objects.filter(show=show).select_related("parent")}


class CastingInline(ParentScopedChoicesMixin, CheckedInline):
    """Who plays whom, for the whole show; add the character first, then its actors here."""

    model = Casting
    fields = ["character", "person", "age", "billing", "is_cameo", "episodes"]
    autocomplete_fields = ["person", "episodes"]
    verbose_name_plural = "cast (who plays whom)"
    scoped_choices = {"character": lambda show: Character.objects.filter(show=show)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("character", "person")


class CrewCreditInline(CheckedInline):
    model = CrewCredit
    fields = ["role", "person", "order", "note"]
    autocomplete_fields = ["person"]


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0
    classes = ["collapse"]
    autocomplete_fields = ["platform"]


class RelationInline(admin.TabularInline):
    model = ShowRelation
    fk_name = "show"
    extra = 0
    classes = ["collapse"]
    autocomplete_fields = ["related"]


class ReviewInline(admin.StackedInline):
    model = CriticReview
    extra = 0
    classes = ["collapse"]


class ListicleInline(admin.TabularInline):
    model = Listicle
    extra = 0
    classes = ["collapse"]


@admin.register(Show)
class ShowAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "network",
        "start_year",
        "episode_count",
        "is_featured",
        "poster_preview",
    ]
    list_filter = ["kind", "network", "genres", "is_featured"]
    list_select_related = ["network"]
    search_fields = ["title", "native_title", "alternative_titles"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["network", "developer", "production_companies", "genres", "remake_of"]
    readonly_fields = ["poster_preview"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "native_title",
                    "alternative_titles",
                    "kind",
                    "genres",
                    "is_featured",
                ]
            },
        ),
        (
            "Broadcast",
            {
                "fields": [
                    "network",
                    "first_aired",
                    "last_aired",
                    "start_year",
                    "end_year",
                    "broadcast_slot",
                    "air_time",
                    "air_time_zone",
                    "episode_count",
                    "special_count",
                    "runtime_min",
                    "runtime_max",
                    "country",
                    "language",
                ]
            },
        ),
        (
            "Production",
            {
                "fields": [
                    "developer",
                    "production_companies",
                    "filming_locations",
                    "budget_note",
                    "remake_of",
                ],
                "classes": ["collapse"],
            },
        ),
        ("Text", {"fields": ["synopsis", "production_notes", "reception_notes"], "classes": ["collapse"]}),
        ("Poster", {"fields": ["poster", "poster_preview"], "classes": ["collapse"]}),
    ]
    inlines = [
        EpisodeInline,
        CastGroupInline,
        CharacterInline,
        CastingInline,
        CrewCreditInline,
        AvailabilityInline,
        RelationInline,
        ReviewInline,
        ListicleInline,
    ]
    poster_preview = image_preview("poster")
    actions = ["add_episodes_from_schedule"]

    class Media:
        css = {"all": ["css/admin-show-form.css"]}  # the form fits a 1280 px window

    def has_add_episode_permission(self, request):
        return request.user.has_perm("shows.add_episode")

    @admin.action(description="Add episodes from the schedule", permissions=["add_episode"])
    def add_episodes_from_schedule(self, request, queryset):
        """An intermediate page asks for the schedule; the episodes it gives are added to each show."""
        if "apply_schedule" in request.POST:
            form = EpisodeScheduleForm(request.POST)
        else:
            # One show: start from what its record says (first air date, number of regular episodes).
            show = queryset[0] if len(queryset) == 1 else None
            initial = {"first_date": show.first_aired, "count": show.episode_count} if show else {}
            form = EpisodeScheduleForm(initial={**initial, "first_number": 1})
        if form.is_valid():
            for show in queryset:
                added = add_scheduled_episodes(show, **form.cleaned_data)
                self.message_user(request, schedule_message(show, added, form.cleaned_data["count"]))
            if len(queryset) == 1:
                return HttpResponseRedirect(reverse("admin:shows_show_change", args=[queryset[0].pk]))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Add episodes from the schedule",
            "opts": self.opts,
            "form": form,
            "shows": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/shows/show/add_episodes_from_schedule.html", context)


def schedule_message(show, added, count):
    if not added:
        return f"{show}: no episodes added; the schedule's {count} episode numbers were all there already."
    kept = count - len(added)
    first, last = added[0], added[-1]
    text = f"{show}: added {len(added)} episodes ({first.number}–{last.number}, "
    text += f"{first.air_date} to {last.air_date})"
    return text + (f"; kept the {kept} that were there already." if kept else ".")


@admin.register(Episode)
class EpisodeAdmin(ReturnToReferringPageMixin, ImportExportWithTemplateMixin, SimpleHistoryAdmin):
    list_display = ["show", "kind", "number", "air_date", "nationwide_share", "seoul_share"]
    list_filter = ["kind", "show"]
    list_select_related = ["show"]
    search_fields = ["show__title", "title", "synopsis"]
    autocomplete_fields = ["show"]
    date_hierarchy = "air_date"
    resource_classes = [EpisodeResource]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "native_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Chart)
class ChartAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "order"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class AlbumSongFormSet(ConstraintCheckingFormSet):
    def prepare_instance(self, instance):
        # A song added to an album belongs to the album's show.
        instance.show_id = self.instance.show_id


class SongInline(admin.TabularInline):
    model = Song
    formset = AlbumSongFormSet
    extra = 0
    fields = ["kind", "part", "title", "slug", "artist_credit", "release_date"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


class AlbumChartPeakInline(admin.TabularInline):
    model = AlbumChartPeak
    extra = 0
    fields = ["chart", "year", "position"]  # listed, or the base ChartPeak's position would come first


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    list_display = ["title", "show", "release_date"]
    list_select_related = ["show"]
    search_fields = ["title", "show__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["show", "artists"]
    inlines = [SongInline, AlbumChartPeakInline]


class SongChartPeakInline(admin.TabularInline):
    model = SongChartPeak
    extra = 0
    fields = ["chart", "position"]


@admin.register(Song)
class SongAdmin(ReturnToReferringPageMixin, ImportExportWithTemplateMixin, SimpleHistoryAdmin):
    list_display = ["title", "show", "kind", "part", "artist_credit", "release_date"]
    list_filter = ["kind", "show"]
    list_select_related = ["show"]
    search_fields = ["title", "alternative_titles", "artist_credit", "artists__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["show", "album", "artists"]
    inlines = [SongChartPeakInline]
    resource_classes = [SongResource]


@admin.register(CriticReview)
class CriticReviewAdmin(admin.ModelAdmin):
    list_display = ["publication", "critic", "show", "score", "score_out_of"]
    list_select_related = ["show"]
    search_fields = ["publication", "critic", "show__title"]
    autocomplete_fields = ["show"]


@admin.register(Listicle)
class ListicleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year", "show", "placement"]
    list_filter = ["year"]
    list_select_related = ["show"]
    search_fields = ["title", "publisher", "show__title"]
    autocomplete_fields = ["show"]


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["show", "platform", "region"]
    list_filter = ["platform"]
    list_select_related = ["show", "platform"]
    search_fields = ["show__title", "platform__name", "region"]
    autocomplete_fields = ["show", "platform"]


@admin.register(ShowRelation)
class ShowRelationAdmin(admin.ModelAdmin):
    list_display = ["show", "related", "note"]
    list_select_related = ["show", "related"]
    search_fields = ["show__title", "related__title", "note"]
    autocomplete_fields = ["show", "related"]


@admin.register(AlbumChartPeak)
class AlbumChartPeakAdmin(admin.ModelAdmin):
    list_display = ["album", "chart", "year", "position"]
    fields = ["album", "chart", "year", "position"]
    list_filter = ["chart"]
    list_select_related = ["album", "chart"]
    search_fields = ["album__title", "chart__name"]
    autocomplete_fields = ["album", "chart"]


@admin.register(SongChartPeak)
class SongChartPeakAdmin(ImportExportWithTemplateMixin, admin.ModelAdmin):
    list_display = ["song", "chart", "position"]
    fields = ["song", "chart", "position"]
    list_filter = ["chart"]
    list_select_related = ["song", "chart"]
    search_fields = ["song__title", "chart__name"]
    autocomplete_fields = ["song", "chart"]
    resource_classes = [SongChartPeakResource]
