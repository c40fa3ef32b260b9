from django.contrib import admin, messages

from . import services
from .models import EpisodeRating, FanProfile, ShowRating, WatchlistEntry


@admin.register(FanProfile)
class FanProfileAdmin(admin.ModelAdmin):
    """Moderators hide a profile's text or a member's ratings (which then leave every average)."""

    list_display = ["member", "short_bio", "bio_hidden", "ratings_hidden", "lists_are_private"]
    list_filter = ["bio_hidden", "ratings_hidden", "lists_are_private"]
    search_fields = ["member__username", "bio"]
    list_select_related = ["member"]
    fields = ["member", "bio", "bio_hidden", "ratings_hidden", "lists_are_private", "spoiler_shield"]
    readonly_fields = ["member", "lists_are_private", "spoiler_shield"]
    actions = ["hide_bio", "show_bio", "hide_ratings", "show_ratings"]

    @admin.display(description="about")
    def short_bio(self, profile):
        return profile.bio[:60]

    def has_add_permission(self, request):
        return False  # a profile is made by its member

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "ratings_hidden" in form.changed_data:
            services.hide_ratings([obj], hidden=obj.ratings_hidden)

    @admin.action(description="Hide the profile text of the selected members", permissions=["change"])
    def hide_bio(self, request, queryset):
        self.message_user(
            request, f"Hid the text of {queryset.update(bio_hidden=True)} profiles.", messages.SUCCESS
        )

    @admin.action(description="Show the profile text of the selected members again", permissions=["change"])
    def show_bio(self, request, queryset):
        self.message_user(
            request, f"Showed the text of {queryset.update(bio_hidden=False)} profiles.", messages.SUCCESS
        )

    @admin.action(description="Hide the ratings of the selected members", permissions=["change"])
    def hide_ratings(self, request, queryset):
        count = services.hide_ratings(list(queryset), hidden=True)
        self.message_user(
            request, f"Hid the ratings of {count} members: they count in no average.", messages.SUCCESS
        )

    @admin.action(description="Count the ratings of the selected members again", permissions=["change"])
    def show_ratings(self, request, queryset):
        count = services.hide_ratings(list(queryset), hidden=False)
        self.message_user(request, f"The ratings of {count} members count again.", messages.SUCCESS)


class RatingAdmin(admin.ModelAdmin):
    list_display = ["member", "target", "score", "hidden", "rated_at"]
    list_filter = ["hidden", "score"]
    search_fields = ["member__username"]
    readonly_fields = ["member", "score", "rated_at"]
    fields = ["member", "score", "hidden", "rated_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="rated")
    def target(self, rating):
        return getattr(rating, rating.rated)


@admin.register(EpisodeRating)
class EpisodeRatingAdmin(RatingAdmin):
    list_select_related = ["member", "episode__show"]


@admin.register(ShowRating)
class ShowRatingAdmin(RatingAdmin):
    list_select_related = ["member", "show"]


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(admin.ModelAdmin):
    list_display = ["member", "show", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["member__username", "show__title"]
    list_select_related = ["member", "show"]
    readonly_fields = ["member", "show", "status", "added_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a member's own list: staff look, members change
