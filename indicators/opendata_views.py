"""The performance index as open data (CSV and JSON), and the page that says what each column means.

Each view says who may use it: the same readers as the index, who see in the download exactly
what the index shows them.
"""

from datetime import date

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from indicators import selectors
from indicators.access import public_page
from indicators.dfe import opendata as benchmarking
from indicators.filters import IndexFilter
from indicators.kept_lines import open_data_lines
from indicators.opendata import (
    CODES,
    COLUMNS,
    LICENCE,
    LICENCE_URL,
    csv_text,
    json_document,
    line_from_assessment,
    rows_for,
)
from indicators.reader import Reader
from indicators.views import with_figures

FILTERS = ("q", "service_area", "frequency", "rating", "direction")


def csv_response(text: str, file_name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    return response


def json_response(document: dict, file_name: str) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{file_name}.json"'
    return response


def file_name_for(*parts: str, reader: Reader) -> str:
    """A file name that says what the file holds, and whether it holds restricted figures."""
    name = "-".join(slugify(part) for part in (settings.COUNCIL_NAME, *parts) if part)
    return f"{name}-restricted" if reader.sees_restricted else name


def _index_rows(request, as_at: date, opens_at: date) -> tuple[list[dict], bool]:
    """The index's rows as the page shows them to this reader, with the same filters; and whether
    any filter narrowed them. As at the date the index opens at, read from the kept lines (as the
    page reads them); as at another date, assessed for this reader."""
    suite = selectors.indicators_in_suite(reader=request.reader, as_at=as_at)
    filterset = IndexFilter(request.GET, queryset=suite)
    indicators = filterset.qs if filterset.is_valid() else suite
    keep = filterset.keep if filterset.is_valid() else lambda line: True
    if as_at == opens_at:
        lines = open_data_lines(indicators, reader=request.reader, as_at=as_at, keep=keep)
    else:
        assessments = selectors.assessments_for(indicators, reader=request.reader, as_at=as_at)
        lines = [line_from_assessment(a, reader=request.reader) for a in assessments if keep(a)]
    is_filtered = filterset.is_valid() and any(request.GET.get(key) for key in FILTERS)
    return rows_for(lines), is_filtered


def _index_file_name(request, as_at: date, is_filtered: bool) -> str:
    return file_name_for(
        "performance-index-as-at",
        as_at.isoformat(),
        "filtered" if is_filtered else "",
        reader=request.reader,
    )


@require_GET
@public_page
@with_figures("Performance index")
def index_csv(request, as_at, _as_at_choices, opens_at):
    rows, is_filtered = _index_rows(request, as_at, opens_at)
    return csv_response(csv_text(rows), _index_file_name(request, as_at, is_filtered))


@require_GET
@public_page
@with_figures("Performance index")
def index_json(request, as_at, _as_at_choices, opens_at):
    rows, is_filtered = _index_rows(request, as_at, opens_at)
    metadata = {
        "council": settings.COUNCIL_NAME,
        "title": "Performance index",
        "as_at": as_at.isoformat(),
        # Only the filters applied: one refused (a search too long) is not echoed back.
        "filters": {key: request.GET[key] for key in FILTERS if request.GET.get(key)} if is_filtered else {},
        "generated": timezone.now().isoformat(timespec="seconds"),
        "documentation": request.build_absolute_uri(reverse("indicators:open_data")),
    }
    return json_response(json_document(metadata, rows), _index_file_name(request, as_at, is_filtered))


def _benchmarking_file_name(request) -> str:
    return file_name_for("dfe-benchmarking", reader=request.reader)


@require_GET
@public_page
def benchmarking_csv(request):
    rows = benchmarking.rows_for(benchmarking.benchmark_lines(reader=request.reader))
    text = csv_text(rows, columns=benchmarking.COLUMN_NAMES)
    return csv_response(text, _benchmarking_file_name(request))


@require_GET
@public_page
def benchmarking_json(request):
    rows = benchmarking.rows_for(benchmarking.benchmark_lines(reader=request.reader))
    metadata = {
        "council": settings.COUNCIL_NAME,
        "title": "Compared with other councils: DfE's figures by year",
        "generated": timezone.now().isoformat(timespec="seconds"),
        "documentation": request.build_absolute_uri(reverse("indicators:open_data")),
    }
    document = json_document(metadata, rows, columns=benchmarking.COLUMN_NAMES)
    return json_response(document, _benchmarking_file_name(request))


@require_GET
@public_page
def documentation(request):
    context = {
        "benchmarking_columns": benchmarking.COLUMNS,
        "columns": COLUMNS,
        "codes": CODES,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }
    return render(request, "indicators/open_data.html", context)
