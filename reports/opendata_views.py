"""A published report as open data (CSV and JSON). Each view says who may use it.

Only a published report is open data: a draft's figures may still change, so its download is
refused to everyone. Readers see in the download what the report page shows them: the file kept
for their permission when the report was published (reports/files.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from indicators.access import public_page
from indicators.lines import Shown
from indicators.opendata import WITHHELD, csv_text
from indicators.opendata_views import csv_response, file_name_for
from reports import selectors
from reports.files import file_response, report_file
from reports.models import Meeting, ReportFileKind
from reports.tables import TABLES


def _published_file(request, pk: int, kind: ReportFileKind):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting.is_published:
        raise Http404("No such published report.")
    kept = report_file(meeting, kind=kind, reader=request.reader, absolute_uri=request.build_absolute_uri)
    return file_response(request, kept)


def _published_file_page(kind: ReportFileKind):
    """The page that serves one kind of a published report's kept files."""

    @require_GET
    @public_page
    def page(request, pk):
        return _published_file(request, pk, kind)

    return page


report_csv = _published_file_page(ReportFileKind.REPORT_CSV)
report_json = _published_file_page(ReportFileKind.REPORT_JSON)
# The published report's parts by locality or team (breakdowns.export.COLUMNS).
report_parts_csv = _published_file_page(ReportFileKind.PARTS_CSV)
report_parts_json = _published_file_page(ReportFileKind.PARTS_JSON)


def _open_text(shown: Shown) -> str:
    return WITHHELD if shown.withheld else shown.words


@require_GET
@public_page
def report_table_csv(request, pk, table):
    """One of a published report's tables (reports/tables.py), in the columns it shows in open
    data, as the reader may see it: what is withheld is DfE's `c`."""
    declared = next((declared for declared in TABLES.values() if declared.slug == table), None)
    columns = declared.open_data_columns if declared else []
    if not columns:
        raise Http404("No such table.")
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not meeting.is_published:
        raise Http404("No such published report.")
    data = selectors.appendix_data_for(meeting, reader=request.reader)
    rows = {
        "exceptions": [line for line in data.lines if line.is_exception],
        "actions": data.actions,
        "rating_changes": data.rating_changes,
        "corrections": data.corrections,
        "caveats": [line for line in data.lines if line.caveat],
        "decisions": data.decisions,
    }[declared.key]
    cells = [{column.key: _open_text(column.cell(row)) for column in columns} for row in rows]
    name = file_name_for(
        meeting.committee.name, f"report-{table}", meeting.date.isoformat(), reader=request.reader
    )
    return csv_response(csv_text(cells, columns=[column.key for column in columns]), name)
