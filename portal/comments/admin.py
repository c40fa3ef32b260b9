from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from . import services
from .models import Comment, CommentReport


class ModerationStatusFilter(admin.SimpleListFilter):
    title = "moderation status"
    parameter_name = "moderation"

    def lookups(self, request, model_admin):
        return [("visible", "Visible"), ("hidden", "Hidden"), ("reported", "Reported (open reports)")]

    def queryset(self, request, queryset):
        if self.value() == "visible":
            return queryset.filter(status=Comment.Status.VISIBLE)
        if self.value() == "hidden":
            return queryset.filter(status=Comment.Status.HIDDEN)
        if self.value() == "reported":
            return queryset.filter(open_reports__gt=0)
        return queryset


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    fields = ["reporter", "reason", "created_at", "resolved"]
    readonly_fields = ["reporter", "reason", "created_at"]
    can_delete = False


class CommentModerationForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["status", "body", "is_spoiler"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not self.instance.is_deleted and not body.strip():
            raise forms.ValidationError("A comment cannot be empty; hide it instead.")
        return body


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentModerationForm
    list_display = [
        "excerpt",
        "author",
        "on_page",
        "created_at",
        "moderation_status",
        "is_spoiler",
        "is_deleted",
    ]
    list_filter = [ModerationStatusFilter, "is_spoiler", "is_deleted", "created_at"]
    search_fields = ["body", "author__username", "author__email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "author",
        "episode",
        "article",
        "parent",
        "root",
        "created_at",
        "edited_at",
        "is_deleted",
        "deleted_body",
    ]
    fields = ["status", "body", "is_spoiler", *readonly_fields]
    inlines = [ReportInline]
    actions = ["hide", "restore", "clear_reports", "deactivate_authors"]

    def get_queryset(self, request):
        return Comment.objects.for_moderation()

    def has_add_permission(self, request):
        return False  # comments are written by members on the site

    def save_model(self, request, obj, form, change):
        # A moderator's change of the text is marked "edited" on the page like an author's.
        if {"body", "is_spoiler"} & set(form.changed_data):
            obj.edited_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="on", ordering="created_at")
    def on_page(self, obj):
        return obj.target

    @admin.display(description="status")
    def moderation_status(self, obj):
        label = obj.get_status_display()
        if obj.open_reports:
            label += f" · reported ({obj.open_reports})"
        return label

    @admin.action(description="Hide from public pages", permissions=["change"])
    def hide(self, request, queryset):
        count = services.moderate(queryset, status=Comment.Status.HIDDEN)
        self.message_user(request, f"{count} comment(s) hidden; they stay in the database.", messages.SUCCESS)

    @admin.action(description="Restore to public pages", permissions=["change"])
    def restore(self, request, queryset):
        count = services.moderate(queryset, status=Comment.Status.VISIBLE)
        self.message_user(request, f"{count} comment(s) restored.", messages.SUCCESS)

    @admin.action(description="Clear reports (mark them dealt with)", permissions=["change"])
    def clear_reports(self, request, queryset):
        count = services.moderate(queryset, clear_reports=True)
        self.message_user(request, f"Reports cleared on {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Deactivate the authors' accounts", permissions=["deactivate"])
    def deactivate_authors(self, request, queryset):
        authors = (
            get_user_model()
            .objects.filter(Q(comments__in=queryset), is_active=True, is_staff=False, is_superuser=False)
            .distinct()
        )
        count = authors.update(is_active=False)
        self.message_user(
            request, f"{count} account(s) deactivated: they can no longer log in or post.", messages.WARNING
        )

    def has_deactivate_permission(self, request):
        return request.user.has_perm("comments.deactivate_commenter")


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reporter", "reason", "created_at", "resolved"]
    list_filter = ["resolved", "created_at"]
    list_select_related = ["comment__author", "comment__episode__show", "comment__article", "reporter"]
    search_fields = ["reason", "reporter__username", "comment__body"]
    readonly_fields = ["comment", "reporter", "reason", "created_at"]

    def has_add_permission(self, request):
        return False
