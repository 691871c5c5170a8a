"""Committees, meetings, decisions and actions, set up by administrators. Published reports are
read-only. A save here raises the record's version, so a portal form opened before it is refused
rather than saved over it."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from reports import services
from reports.models import (
    Action,
    ActionStatus,
    Committee,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingCommentary,
)


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
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


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
    exclude = ["version", "actions_at_publication"]
    filter_horizontal = ["breakdowns"]
    inlines = [DecisionInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

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


CHANGEABLE = ("text", "owner", "due", "status", "done_on", "dropped_reason", "update")


class ActionAdminForm(forms.ModelForm):
    """An action changed as the portal's action page changes it (`services.change_action`): done
    keeps its date, dropped its reason, closing stamps when; a save over someone else's is refused."""

    class Meta:
        model = Action
        fields = ["indicator", "meeting", *CHANGEABLE]

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Action.objects.only("version").get(pk=self.instance.pk).version
            if cleaned.get("opened_version") not in (None, current):
                raise forms.ValidationError(
                    "Someone changed this action after you opened it: nothing was saved. Reload the"
                    " page to see it as it is now, and make your change again."
                )
        return cleaned


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    """Actions the committee agreed: an administrator may hand one to a new owner, or put right its
    words or dates; the indicator and the meeting that agreed it stay as agreed."""

    form = ActionAdminForm
    list_display = ["text", "indicator", "meeting", "owner", "due", "status"]
    list_filter = ["status", "meeting__committee"]
    search_fields = ["text", "indicator__reference", "indicator__title", "update"]
    list_select_related = ["indicator", "meeting__committee", "owner"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["closed_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["indicator", "meeting", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            if obj.status != ActionStatus.OPEN:
                obj.closed_at = timezone.now()  # recorded closed: the next report tells of it
            super().save_model(request, obj, form, change)
            return
        fields = form.cleaned_data
        opened = fields.get("opened_version")
        services.change_action(
            action=obj,
            opened_version=obj.version if opened is None else opened,
            **{name: fields[name] for name in CHANGEABLE},
        )

    def has_delete_permission(self, request, obj=None):
        # An action is dropped with a reason, never deleted: the next report says what became of it.
        return False
