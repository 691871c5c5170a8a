"""A published report's downloads: its committee pack, appendix and open data, made once and kept.

A published report is a fixed record, and so are its files. Each is made once for each audience
(readers who may see restricted indicators and small numbers, and everyone else), kept in the
database (the portal's servers share no file storage) and sent from there as it was made: a later
correction, a decision applied or a renamed officer never changes it. A reader is sent only the
file made for their permission.

The publish page makes the appendix and open data as soon as the report is published
(`store_report_files`, after the publication commits): the files are made from the frozen record
alone, so the publication is whole whether or not they are made, and they do not hold the meeting's
lock, nor slow a publication recorded by a script. The committee packs are drawn after it, by
`manage.py make_report_files`, which cron runs every few minutes (`DRAWN_LATER`): a pack of 150
indicators with 89 exception cards is some 55 pages and takes WeasyPrint 6 to 8 s on a two-core
server, and the publishing officer's request would draw one for each audience, at the worker's
peak memory.
A file that is not there yet (a pack the command has not drawn yet, a report published before files
were kept, or one whose making failed) is made the first time it is asked for, from the same record;
the unique constraint keeps the first one made.

A draft's figures may still change. Its appendix is made on every request; its pack is worked out
on every request, but drawn only when what it says has changed (`pack.draft_pack_pdf`), and the
same command draws the packs of drafts of meetings still to come before anyone asks.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from breakdowns.export import COLUMN_NAMES as PART_COLUMN_NAMES
from breakdowns.export import breakdown_csv
from indicators.opendata import CODES, LICENCE, LICENCE_URL, csv_text, json_document, rows_for
from indicators.opendata_views import file_name_for
from indicators.reader import Reader
from reports import selectors
from reports.access import PREPARE_MEETING
from reports.appendix import appendix_workbook
from reports.models import Audience, Meeting, MeetingStatus, ReportFile, ReportFileKind
from reports.opendata import line_from_report, part_rows, published_record
from reports.print_layout import PAPERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
OPEN_DATA_TYPES = {"csv": CSV, "json": JSON}


@dataclass(frozen=True)
class Made:
    name: str
    content_type: str
    content: bytes


AUDIENCES = {
    Audience.RESTRICTED: Reader(sees_restricted=True, sees_small_numbers=True),
    Audience.PUBLIC: Reader.PUBLIC,
}
"""The reader each audience's files are made for: one with permission to see restricted indicators
and small numbers, or the public (everyone else). A published report shows no provisional figure,
so nothing else about a reader changes what its files hold."""


def audience_of(reader: Reader) -> Audience:
    return Audience.RESTRICTED if reader.sees_restricted else Audience.PUBLIC


def report_file(meeting: Meeting, *, kind: ReportFileKind, reader: Reader, absolute_uri) -> ReportFile:
    """The published report's file of this kind for this reader's audience: the one kept, or, the
    first time it is asked for, made for the audience and kept. `absolute_uri` turns a path into an
    address (the JSON files name the report's page)."""
    audience = audience_of(reader)
    kept = ReportFile.objects.filter(meeting=meeting, kind=kind, audience=audience).first()
    if kept is not None:
        return kept
    made = made_file(meeting, kind=kind, reader=AUDIENCES[audience], absolute_uri=absolute_uri)
    try:
        with transaction.atomic():
            return ReportFile.objects.create(
                meeting=meeting,
                kind=kind,
                audience=audience,
                name=made.name,
                content_type=made.content_type,
                content=made.content,
                sha256=hashlib.sha256(made.content).hexdigest(),
                made_at=timezone.now(),
            )
    except IntegrityError:
        # Another request made it first: send theirs, so every reader gets the same bytes.
        return ReportFile.objects.get(meeting=meeting, kind=kind, audience=audience)


DRAWN_LATER = frozenset({ReportFileKind.PACK})
"""The files drawn after a publication by `manage.py make_report_files`, not by the publishing
officer's request (see the module's docstring)."""
MADE_ON_PUBLICATION = tuple(kind for kind in ReportFileKind if kind not in DRAWN_LATER)


def store_report_files(
    meeting: Meeting, *, absolute_uri: Callable[[str], str], kinds=MADE_ON_PUBLICATION
) -> None:
    """Make and keep these files of a published report, for each audience."""
    for kind in kinds:
        for reader in AUDIENCES.values():
            report_file(meeting, kind=kind, reader=reader, absolute_uri=absolute_uri)


def files_not_made() -> list[tuple[Meeting, ReportFileKind, Audience]]:
    """Every file of every published report not kept yet, oldest report first: two queries."""
    published = list(Meeting.objects.filter(status=MeetingStatus.PUBLISHED).order_by("published_at", "pk"))
    made = set(ReportFile.objects.filter(meeting__in=published).values_list("meeting_id", "kind", "audience"))
    return [
        (meeting, kind, audience)
        for meeting in published
        for kind in ReportFileKind
        for audience in Audience
        if (meeting.pk, kind.value, audience.value) not in made
    ]


def portal_uri(path: str) -> str:
    """An address of the portal, for a file made without a request (`PORTAL_URL`)."""
    return settings.PORTAL_URL.rstrip("/") + path


def file_response(request, kept: ReportFile) -> HttpResponse:
    """The kept file as a download, with its digest as the ETag: a browser holding it is told so."""
    etag = f'"{kept.sha256}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    content = bytes(kept.content)
    response = HttpResponse(content, content_type=kept.content_type)
    response["Content-Disposition"] = f'attachment; filename="{kept.name}"'
    response["Content-Length"] = str(len(content))
    response["ETag"] = etag
    return response


# Making each file, from the frozen report as its reader sees it.


def made_file(meeting: Meeting, *, kind: ReportFileKind, reader: Reader, absolute_uri) -> Made:
    makers = {
        ReportFileKind.PACK: _pack,
        ReportFileKind.APPENDIX: _appendix,
        ReportFileKind.REPORT_CSV: _report_csv,
        ReportFileKind.REPORT_JSON: _report_json,
        ReportFileKind.PARTS_CSV: _parts_csv,
        ReportFileKind.PARTS_JSON: _parts_json,
    }
    return makers[kind](meeting, reader=reader, absolute_uri=absolute_uri)


def pack_pdf_for(meeting: Meeting, *, reader: Reader) -> Made:
    """The pack as this reader sees it, drawn afresh: a published report's, to be kept."""
    # WeasyPrint is large: loaded by the first pack a worker draws, not by every worker at start.
    from reports.pack import pack_pdf

    data = _pack_data(meeting, reader=reader)
    return Made(data.filename, "application/pdf", pack_pdf(data))


def draft_pack_for(meeting: Meeting, *, reader: Reader) -> Made:
    """A draft's pack as this reader sees it: drawn when what it says has changed, else sent as
    drawn (`pack.draft_pack_pdf`)."""
    from reports.pack import draft_pack_pdf

    data = _pack_data(meeting, reader=reader)
    return Made(data.filename, "application/pdf", draft_pack_pdf(data, slot=draft_slot(meeting, reader)))


def draw_draft_pack(meeting: Meeting, *, reader: Reader) -> bool:
    """Draw and keep a draft's pack for this reader, unless it is kept as it now reads: whether it
    was drawn."""
    from reports.pack import draw_draft_pack as draw

    return draw(_pack_data(meeting, reader=reader), slot=draft_slot(meeting, reader))


def _pack_data(meeting: Meeting, *, reader: Reader):
    """What the pack holds for this reader: the report and decisions the report page shows them."""
    from reports.pack import pack_data_for

    report = selectors.report_for(meeting, reader=reader)
    return pack_data_for(meeting, report=report, decisions=report.decisions)


def draft_slot(meeting: Meeting, reader: Reader) -> str:
    """Where the shared cache keeps a draft's pack for a kind of reader: one pack a slot."""
    sees = (reader.sees_restricted, reader.sees_small_numbers, reader.sees_provisional)
    return f"draft-pack:{meeting.pk}:" + "".join("1" if seen else "0" for seen in sees)


def drafts_to_draw(today) -> list[tuple[Meeting, Reader]]:
    """The draft reports of meetings still to come, each with every reader who prepares reports
    (those who may download a draft's pack), so `make_report_files` can draw their packs before they
    are asked for."""
    # Roles are groups with permissions, which Django's own backend reads (the sign-on backend
    # signs people in to those groups; axes checks attempts).
    preparers = get_user_model().objects.with_perm(
        PREPARE_MEETING, backend="django.contrib.auth.backends.ModelBackend"
    )
    readers = list(dict.fromkeys(Reader.for_user(user) for user in preparers))
    drafts = Meeting.objects.filter(status=MeetingStatus.DRAFT, date__gte=today).select_related("committee")
    return [(meeting, reader) for meeting in drafts.order_by("date", "pk") for reader in readers]


def appendix_for(meeting: Meeting, *, reader: Reader) -> Made:
    """The appendix workbook as this reader sees it, for a draft too."""
    data = selectors.appendix_data_for(meeting, reader=reader)
    who = "restricted" if data.shows_small_numbers else "public"
    name = f"performance-appendix-{meeting.date.isoformat()}-{who}.xlsx"
    return Made(name, XLSX, appendix_workbook(data, paper=PAPERS[settings.APPENDIX_PAPER]))


def _pack(meeting, *, reader, absolute_uri) -> Made:
    return pack_pdf_for(meeting, reader=reader)


def _appendix(meeting, *, reader, absolute_uri) -> Made:
    return appendix_for(meeting, reader=reader)


def _report_rows(meeting: Meeting, *, reader: Reader) -> list[dict[str, str]]:
    report = selectors.report_for(meeting, reader=reader)
    record = published_record(meeting, report.lines)
    return rows_for([line_from_report(line, record, reader=reader) for line in report.lines])


def _open_data(meeting: Meeting, what: str, extension: str, content: bytes, *, reader: Reader) -> Made:
    """An open data file of the report, named for the committee, the meeting and its reader, and
    typed by its extension."""
    stem = file_name_for(meeting.committee.name, what, meeting.date.isoformat(), reader=reader)
    return Made(f"{stem}.{extension}", OPEN_DATA_TYPES[extension], content)


def _json_bytes(document: dict) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


def _metadata(meeting: Meeting, absolute_uri) -> dict:
    return {
        "council": settings.COUNCIL_NAME,
        "title": f"Performance report to {meeting.committee.name}",
        "committee": meeting.committee.name,
        "meeting": meeting.date.isoformat(),
        "as_at": meeting.as_at.isoformat(),
        "published": timezone.localtime(meeting.published_at).isoformat(timespec="seconds"),
        "generated": timezone.now().isoformat(timespec="seconds"),
        "report": absolute_uri(meeting.get_absolute_url()),
        "documentation": absolute_uri(reverse("indicators:open_data")),
    }


def _report_csv(meeting, *, reader, absolute_uri) -> Made:
    rows = _report_rows(meeting, reader=reader)
    return _open_data(meeting, "report", "csv", csv_text(rows).encode(), reader=reader)


def _report_json(meeting, *, reader, absolute_uri) -> Made:
    rows = _report_rows(meeting, reader=reader)
    document = json_document(_metadata(meeting, absolute_uri), rows)
    return _open_data(meeting, "report", "json", _json_bytes(document), reader=reader)


def _part_rows(meeting: Meeting, *, reader: Reader) -> list[dict[str, str]]:
    return part_rows(selectors.report_for(meeting, reader=reader).breakdowns)


def _parts_csv(meeting, *, reader, absolute_uri) -> Made:
    rows = _part_rows(meeting, reader=reader)
    return _open_data(meeting, "report-by-part", "csv", breakdown_csv(rows).encode(), reader=reader)


def _parts_json(meeting, *, reader, absolute_uri) -> Made:
    rows = _part_rows(meeting, reader=reader)
    metadata = {
        **_metadata(meeting, absolute_uri),
        "title": f"Performance report to {meeting.committee.name}, by locality or team",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "columns": list(PART_COLUMN_NAMES),
        "codes": CODES,
    }
    return _open_data(
        meeting, "report-by-part", "json", _json_bytes({"metadata": metadata, "rows": rows}), reader=reader
    )
