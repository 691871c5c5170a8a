"""A published report as open data (CSV and JSON). Each view says who may use it.

Only a published report is open data: a draft's figures may still change, so its download is
refused to everyone. Readers see in the download what the report page shows them.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from breakdowns.export import COLUMN_NAMES as PART_COLUMN_NAMES
from breakdowns.export import breakdown_csv
from indicators.access import public_page
from indicators.opendata import CODES, LICENCE, LICENCE_URL, csv_text, json_document, rows_for
from indicators.opendata_views import csv_response, file_name_for, json_response
from reports import selectors
from reports.models import Meeting
from reports.opendata import line_from_report, part_rows, published_record


def _published_report(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting.is_published:
        raise Http404("No such published report.")
    report = selectors.report_for(meeting, reader=request.reader)
    record = published_record(meeting, report.lines)
    sees = report.shows_small_numbers
    rows = rows_for([line_from_report(line, record, sees_small_numbers=sees) for line in report.lines])
    name = file_name_for(meeting.committee.name, "report", meeting.date.isoformat(), sees_restricted=sees)
    return meeting, rows, name


@require_GET
@public_page
def report_csv(request, pk):
    _, rows, name = _published_report(request, pk)
    return csv_response(csv_text(rows), name)


def _published_parts(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting.is_published:
        raise Http404("No such published report.")
    report = selectors.report_for(meeting, reader=request.reader)
    sees = report.shows_small_numbers
    name = file_name_for(
        meeting.committee.name, "report-by-part", meeting.date.isoformat(), sees_restricted=sees
    )
    return meeting, part_rows(report.breakdowns), name


def _metadata(request, meeting) -> dict:
    return {
        "council": settings.COUNCIL_NAME,
        "title": f"Performance report to {meeting.committee.name}",
        "committee": meeting.committee.name,
        "meeting": meeting.date.isoformat(),
        "as_at": meeting.as_at.isoformat(),
        "published": timezone.localtime(meeting.published_at).isoformat(timespec="seconds"),
        "generated": timezone.now().isoformat(timespec="seconds"),
        "report": request.build_absolute_uri(meeting.get_absolute_url()),
        "documentation": request.build_absolute_uri(reverse("indicators:open_data")),
    }


@require_GET
@public_page
def report_json(request, pk):
    meeting, rows, name = _published_report(request, pk)
    return json_response(json_document(_metadata(request, meeting), rows), name)


@require_GET
@public_page
def report_parts_csv(request, pk):
    """The published report's parts by locality or team (breakdowns.export.COLUMNS)."""
    _, rows, name = _published_parts(request, pk)
    return csv_response(breakdown_csv(rows), name)


@require_GET
@public_page
def report_parts_json(request, pk):
    meeting, rows, name = _published_parts(request, pk)
    metadata = {
        **_metadata(request, meeting),
        "title": f"Performance report to {meeting.committee.name}, by locality or team",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "columns": list(PART_COLUMN_NAMES),
        "codes": CODES,
    }
    return json_response({"metadata": metadata, "rows": rows}, name)
