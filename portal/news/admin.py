from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_tools.formsets import image_preview

from .models import Article


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "published_at", "story_date", "has_spoilers", "image_preview"]
    list_filter = ["has_spoilers", "shows"]
    search_fields = ["title", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["shows", "episodes", "people"]
    date_hierarchy = "published_at"
    readonly_fields = ["image_preview"]
    image_preview = image_preview("image")
