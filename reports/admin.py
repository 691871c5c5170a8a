"""Committees, meetings and decisions, set up by administrators. Published reports are read-only."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple

from reports.models import Committee, Decision, DecisionStatus, Meeting, MeetingCommentary


class LinkedIndicators:
    """The suite's and the decisions' indicators picked as before, side by side.

    Their links are models of their own only so that deleting an indicator is refused while it is
    linked; the admin hides such fields unless asked, and `filter_horizontal` refuses them.
    """

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("widget", FilteredSelectMultiple(db_field.verbose_name, is_stacked=False))
        return db_field.formfield(**kwargs)


@admin.register(Committee)
class CommitteeAdmin(LinkedIndicators, admin.ModelAdmin):
    list_display = ["name", "exceptions_red", "exceptions_amber"]


class DecisionForm(forms.ModelForm):
    """A decision becomes implemented only by applying it on the decision log, which changes the
    suite; choosing "implemented" here would claim a change that never happened."""

    class Meta:
        model = Decision
        fields = ["text", "status", "effect", "indicators", "new_indicators", "target_year", "target_value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status == DecisionStatus.IMPLEMENTED:
            self.fields["status"].disabled = True
        else:
            self.fields["status"].choices = [
                choice for choice in self.fields["status"].choices if choice[0] != DecisionStatus.IMPLEMENTED
            ]


class DecisionInline(LinkedIndicators, admin.StackedInline):
    model = Decision
    extra = 0
    readonly_fields = ["implemented_at", "implemented_by"]
    form = DecisionForm


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "committee", "as_at", "status", "published_at"]
    list_filter = ["committee", "status"]
    readonly_fields = ["status", "published_at", "published_by"]
    filter_horizontal = ["breakdowns"]
    inlines = [DecisionInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "breakdowns":
            # Only indicators reported by a dimension have a breakdown to offer.
            kwargs["queryset"] = db_field.related_model.objects.select_related("indicator", "dimension")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return ["committee", "date", "as_at", "breakdowns", *self.readonly_fields]
        return self.readonly_fields


@admin.register(MeetingCommentary)
class MeetingCommentaryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "indicator", "written_by", "updated_at"]
    list_filter = ["meeting"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.meeting.is_published:
            return False
        return super().has_change_permission(request, obj)
