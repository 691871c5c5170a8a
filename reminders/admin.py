"""Administrators read the reminders log; nobody edits it, since it is the record of what was sent."""

from django.contrib import admin

from indicators.read_only_admin import ReadOnlyAdmin
from reminders.models import ReminderLog, ReminderPreference


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("recipient", "kind", "indicator", "period_label", "due", "sent_at", "failure")
    list_filter = ("kind", "sent_at")
    search_fields = (
        "recipient__username",
        "recipient__last_name",
        "indicator__reference",
        "indicator__title",
    )
    list_select_related = ("recipient", "indicator")

    @admin.display(description="Period", ordering="period_start")
    def period_label(self, log):
        return log.period.label


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("user", "reminders_on", "updated_at")
    list_filter = ("reminders_on",)
    list_select_related = ("user",)
