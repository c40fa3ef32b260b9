from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "reason", "comment", "created_at", "read_at"]
    list_filter = ["reason", "read_at"]
    search_fields = ["recipient__username"]
    list_select_related = [
        "recipient",
        "comment__author",
        "comment__episode__show",
        "comment__article",
        "comment__show",
    ]
    readonly_fields = ["recipient", "comment", "reason", "created_at", "read_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
