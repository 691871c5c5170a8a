"""Committees, meetings and decisions, set up by administrators. Published reports are read-only."""

from django.contrib import admin

from reports.models import Committee, Decision, Meeting, MeetingCommentary


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "exceptions_red", "exceptions_amber"]
    filter_horizontal = ["indicators"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    filter_horizontal = ["indicators", "new_indicators"]
    readonly_fields = ["implemented_at", "implemented_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "committee", "as_at", "status", "published_at"]
    list_filter = ["committee", "status"]
    readonly_fields = ["status", "published_at", "published_by"]
    inlines = [DecisionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return ["committee", "date", "as_at", *self.readonly_fields]
        return self.readonly_fields


@admin.register(MeetingCommentary)
class MeetingCommentaryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "indicator", "written_by", "updated_at"]
    list_filter = ["meeting"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.meeting.is_published:
            return False
        return super().has_change_permission(request, obj)
