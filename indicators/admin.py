"""The suite, arranged for how officers work: search, filters, targets inline, history of each object.

Who uses these pages: administrators, who are staff, change the suite (indicators, targets and
their tolerances, comparators, service areas, periods) and users. Performance officers are not
staff: they enter and correct figures on the portal's "Enter figures" pages, which keep the checks,
the stale-form guard and the corrections that an edit here would bypass, and they read each
indicator's corrections on its page. So figures and corrections are read-only here, for everyone.
Scrutiny members read the portal only.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from indicators.assignment import AssignOfficersForm, assign_officers
from indicators.models import Comparator, Correction, Indicator, Outturn, ReportingPeriod, ServiceArea, Target
from indicators.read_only_admin import ReadOnlyAdmin


class ComparatorInline(admin.TabularInline):
    model = Comparator
    extra = 0
    fields = ["year", "year_label", "kind", "value", "unavailable_reason", "neighbours_used", "source"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["year", "value", "range_lower", "range_upper", "kind", "tolerance", "tolerance_kind", "note"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "service_area",
        "unit",
        "polarity",
        "frequency",
        "is_target_measure",
        "is_restricted",
    ]
    list_filter = [
        "service_area",
        "frequency",
        "polarity",
        "unit",
        "is_target_measure",
        "is_restricted",
        "source",
        ("retired_on", admin.EmptyFieldListFilter),
    ]
    search_fields = ["reference", "title", "definition", "lead_officer", "data_owner"]
    inlines = [TargetInline, ComparatorInline]
    actions = ["assign_officers"]
    filter_horizontal = ["predecessors"]
    fieldsets = [
        (None, {"fields": ["reference", "title", "definition", "service_area", "display_order"]}),
        (
            "Measurement",
            {
                "fields": [
                    "unit",
                    "decimal_places",
                    "polarity",
                    "no_change_band",
                    "frequency",
                    "year_basis",
                    "measure_basis",
                ]
            },
        ),
        (
            "Ownership",
            {
                "fields": [
                    "source",
                    ("lead_officer_user", "lead_officer"),
                    "second_officer_user",
                    ("data_owner_user", "data_owner"),
                    "due_working_days",
                    "plan_priority",
                    "success_looks_like",
                ]
            },
        ),
        ("Rating and publication", {"fields": ["is_target_measure", "is_restricted"]}),
        ("Variation", {"fields": ["spc_fix_after"]}),
        ("Lifecycle", {"fields": ["introduced_on", "retired_on", "predecessors"]}),
    ]

    @admin.action(description="Assign officers to the selected indicators", permissions=["change"])
    def assign_officers(self, request, queryset):
        """Choose a data owner, lead officer or second officer for every ticked indicator at once."""
        form = AssignOfficersForm(request.POST if "assign" in request.POST else None)
        if form.is_bound and form.is_valid():
            changed = assign_officers(queryset, form.chosen)
            self.message_user(
                request,
                f"Assigned {', '.join(f'{user.get_full_name() or user}' for user in form.chosen.values())}"
                f" to {changed} of {queryset.count()} indicators.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign officers to the selected indicators",
            "opts": self.model._meta,
            "form": form,
            "indicators": queryset.order_by("display_order", "reference"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/indicators/indicator/assign_officers.html", context)


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "year",
        "value",
        "range_lower",
        "range_upper",
        "kind",
        "tolerance",
        "tolerance_kind",
    ]
    list_filter = ["year", "kind", "indicator__service_area"]
    search_fields = ["indicator__reference", "indicator__title"]
    autocomplete_fields = ["indicator"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "basis", "start", "end"]
    list_filter = ["kind", "basis"]
    ordering = ["-end"]


@admin.register(Outturn)
class OutturnAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Figures change through the entry form, which keeps corrections and stale-form checks; a figure
    is corrected, never deleted: the record of what committees saw stays."""

    list_display = [
        "indicator",
        "period",
        "value",
        "numerator",
        "denominator",
        "status",
        "entered_by",
        "updated_at",
        "first_published_at",
    ]
    list_filter = [
        "status",
        "period__kind",
        "indicator__service_area",
        ("first_published_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["indicator__reference", "indicator__title", "commentary"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator", "period", "entered_by"]
    readonly_fields = [
        "value",
        "entered_by",
        "updated_at",
        "version",
        "first_published_at",
        "validated_by",
        "validated_at",
    ]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["outturn", "previous_value", "new_value", "reason", "corrected_by", "corrected_at"]
    list_filter = ["corrected_at", "outturn__indicator__service_area"]
    list_select_related = ["outturn__indicator", "outturn__period", "corrected_by"]
    search_fields = ["outturn__indicator__reference", "reason"]
    date_hierarchy = "corrected_at"


@admin.register(Comparator)
class ComparatorAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year_label", "kind", "value", "neighbours_used", "source"]
    list_filter = ["kind", "year", "indicator__service_area"]
    search_fields = ["indicator__reference", "indicator__title", "source"]
    autocomplete_fields = ["indicator"]


from indicators.dfe import admin as dfe_admin  # noqa: E402, F401  registers DfE mappings and neighbour groups
