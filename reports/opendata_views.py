"""A published report as open data (CSV and JSON). Each view says who may use it.

Only a published report is open data: a draft's figures may still change, so its download is
refused to everyone. Readers see in the download what the report page shows them: the file kept
for their permission when the report was published (reports/files.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from indicators.access import can_view_restricted, public_page
from reports.files import file_response, report_file
from reports.models import Meeting, ReportFileKind


def _published_file(request, pk: int, kind: ReportFileKind):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting.is_published:
        raise Http404("No such published report.")
    kept = report_file(
        meeting,
        kind=kind,
        sees_restricted=can_view_restricted(request.user),
        absolute_uri=request.build_absolute_uri,
    )
    return file_response(request, kept)


@require_GET
@public_page
def report_csv(request, pk):
    return _published_file(request, pk, ReportFileKind.REPORT_CSV)


@require_GET
@public_page
def report_json(request, pk):
    return _published_file(request, pk, ReportFileKind.REPORT_JSON)


@require_GET
@public_page
def report_parts_csv(request, pk):
    """The published report's parts by locality or team (breakdowns.export.COLUMNS)."""
    return _published_file(request, pk, ReportFileKind.PARTS_CSV)


@require_GET
@public_page
def report_parts_json(request, pk):
    return _published_file(request, pk, ReportFileKind.PARTS_JSON)
