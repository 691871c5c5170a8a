"""Administration of DfE comparators: mappings, importing a file, indicators from DfE's catalogue,
and every council's figures as imported (read-only)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from indicators.dfe import catalogue
from indicators.dfe.forms import CatalogueIndicatorForm, DfeImportForm, DfeMappingForm
from indicators.dfe.models import DfeMapping, DfeValue, NeighbourGroup
from indicators.dfe.services import catalogue_measures, create_indicator_from_catalogue, import_dfe_file
from indicators.dfe.tidy import DfeFileError
from indicators.read_only_admin import ReadOnlyAdmin

SEARCH_RESULTS = 50


@admin.register(DfeMapping)
class DfeMappingAdmin(admin.ModelAdmin):
    form = DfeMappingForm
    list_display = ["indicator", "publication", "value_column", "filters", "last_file"]
    search_fields = ["indicator__reference", "indicator__title", "publication", "value_column"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator"]

    def get_urls(self):
        return [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="indicators_dfemapping_import"
            ),
            path(
                "catalogue/",
                self.admin_site.admin_view(self.catalogue_view),
                name="indicators_dfemapping_catalogue",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = DfeImportForm(request.POST or None, request.FILES or None)
        if request.method == "GET" and request.GET.get("mapping"):
            form = DfeImportForm(initial={"mappings": [request.GET["mapping"]]})
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            chosen = form.cleaned_data["mappings"] or None
            try:
                result = import_dfe_file(
                    upload.open("rb"),
                    file_name=upload.name,
                    mappings=chosen,
                    older=form.cleaned_data["older"],
                )
            except DfeFileError as error:
                form.add_error("file", f"{upload.name} was not imported, and nothing changed: {error}")
            else:
                level = messages.WARNING if result.warnings else messages.SUCCESS
                self.message_user(request, result.describe(), level)
                return redirect("admin:indicators_dfemapping_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import comparators from a DfE file",
            "form": form,
        }
        return TemplateResponse(request, "admin/indicators/dfemapping/import.html", context)

    def catalogue_view(self, request):
        if not request.user.has_perm("indicators.add_indicator"):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        form = CatalogueIndicatorForm(request.POST or None)
        try:
            measures = catalogue_measures()
        except DfeFileError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:indicators_dfemapping_changelist")
        if request.method == "POST" and form.is_valid():
            measure = _measure_at(measures, form.cleaned_data["position"], form.cleaned_data["title"])
            if measure is None:
                form.add_error(None, "That measure is no longer in DfE's catalogue: search again.")
            else:
                indicator = create_indicator_from_catalogue(
                    measure,
                    reference=form.cleaned_data["reference"],
                    service_area=form.cleaned_data["service_area"],
                )
                self.message_user(request, f"Created indicator {indicator} from DfE's catalogue.")
                return redirect(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
        found = catalogue.search(measures, query) if query else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Create an indicator from DfE's catalogue",
            "query": query,
            "found": found[:SEARCH_RESULTS],
            "more": max(len(found) - SEARCH_RESULTS, 0),
            "form": form,
            "total": len(measures),
        }
        return TemplateResponse(request, "admin/indicators/dfemapping/catalogue.html", context)


def _measure_at(measures, position: int, title: str):
    for measure in measures:
        if measure.position == position and measure.title == title:
            return measure
    return None


@admin.register(NeighbourGroup)
class NeighbourGroupAdmin(admin.ModelAdmin):
    list_display = ["la_name", "la_code", "year", "model_name", "region_name"]
    list_filter = ["year", "model_name"]
    readonly_fields = [
        "la_code",
        "year",
        "model_name",
        "source_file",
        "la_name",
        "region_name",
        "neighbours",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Recorded once per year, so the comparators of that year stay as they were.
        return False


@admin.register(DfeValue)
class DfeValueAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Every area's figure as DfE published it: changed only by importing DfE's file again, and
    removed with its mapping (a figure deleted alone would bend the bands and ranks)."""

    list_display = ["area_name", "area_code", "level", "year_label", "value", "unavailable_reason", "mapping"]
    list_filter = ["level", "year", "mapping"]
    search_fields = ["area_name", "area_code", "mapping__indicator__reference", "mapping__indicator__title"]
    list_select_related = ["mapping__indicator"]
    readonly_fields = [
        "mapping",
        "year",
        "year_label",
        "level",
        "area_code",
        "area_name",
        "value",
        "unavailable_reason",
        "source_file",
    ]
    show_full_result_count = False
