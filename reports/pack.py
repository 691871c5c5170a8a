"""The committee pack: one accessible PDF of a meeting's report, ready to attach to an agenda.

Plain data in, PDF bytes out. The pack is drawn by WeasyPrint from the same section templates as
the report page, for the same reader: it is given the report as that reader may see it, so a pack
never holds more than the page would show. It is tagged (PDF/UA-1), titled, in British English,
bookmarked by its headings and numbered "Page X of Y". WeasyPrint reads nothing but the pack's
own stylesheet from the static folder: it never fetches anything over the network.
"""

import gc
import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.formats import date_format
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from indicators.index_cache import CACHE_UNAVAILABLE, code_version
from reports.selectors import DecisionLine, Report, heading_of

logger = logging.getLogger(__name__)
STYLESHEET = "css/pack.css"
PDF_VARIANT = "pdf/ua-1"
DRAFT_KEPT_FOR = 14 * 24 * 60 * 60
"""How long a draft's pack is kept in the shared cache once drawn: a draft may say the same for
days between the changes an officer makes to it."""


@dataclass(frozen=True)
class PackData:
    council: str
    committee: str
    meeting_date: date
    as_at: date
    status: str
    """"Published 29 October 2019", or a draft's warning."""
    is_published: bool
    report: Report
    """The report as this reader may see it (`selectors.report_for`)."""
    decisions: list[DecisionLine]
    """The decisions taken at the meeting, as the report page lists them to this reader."""
    sign_off: str = ""
    """Who signed the report off and when (`Meeting.sign_off_words`); blank for a draft."""

    @property
    def is_restricted(self) -> bool:
        """Whether the pack holds Part 2 indicators or small numbers, and so is not for publication."""
        return self.report.shows_small_numbers

    @property
    def title(self) -> str:
        return f"{self.committee}: performance report for {date_format(self.meeting_date, 'j F Y')}"

    @property
    def filename(self) -> str:
        """The restricted and the public pack never share a name, so one is not sent for the other."""
        suffix = "-restricted" if self.is_restricted else ""
        return f"committee-pack-{self.meeting_date.isoformat()}{suffix}.pdf"


def pack_data_for(meeting, *, report: Report, decisions) -> PackData:
    """The pack's contents from what the report page shows this reader: its report and decisions."""
    return PackData(
        **heading_of(meeting),
        is_published=meeting.is_published,
        sign_off=meeting.sign_off_words,
        report=report,
        decisions=list(decisions),
    )


def static_folders() -> list[Path]:
    return [Path(folder).resolve() for folder in settings.STATICFILES_DIRS]


class StaticFilesOnly(URLFetcher):
    """Serves files from the static folders and refuses every other address, local or remote."""

    def __init__(self, folders: list[Path]):
        super().__init__()
        self.folders = folders

    def fetch(self, url, headers=None):
        address = urlsplit(url)
        if address.scheme != "file" or address.netloc not in ("", "localhost"):
            raise ValueError(f"The committee pack fetches nothing from outside: {url}")
        path = Path(unquote(address.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise ValueError(f"Not a static file: {url}")
        return URLFetcherResponse(url, path.read_bytes())


def pack_html(data: PackData) -> str:
    return render_to_string(
        "reports/pack/pack.html",
        {"pack": data, "report": data.report, "sees_restricted": data.is_restricted, "can_prepare": False},
    )


def pack_document(data: PackData) -> Document:
    """The pack laid out in pages: its bookmarks and pages can be read before it is written."""
    return _laid_out(pack_html(data))


def _laid_out(html: str) -> Document:
    folders = static_folders()
    fetcher = StaticFilesOnly(folders)
    document = HTML(string=html, base_url=folders[0].as_uri() + "/", url_fetcher=fetcher)
    stylesheet = CSS(filename=_stylesheet(), url_fetcher=fetcher)
    return document.render(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)


def _stylesheet() -> Path:
    return next(folder / STYLESHEET for folder in static_folders() if (folder / STYLESHEET).is_file())


def pack_pdf(data: PackData) -> bytes:
    """The pack drawn afresh."""
    return _drawn(pack_html(data))


def _drawn(html: str) -> bytes:
    with _collector_paused():
        return _laid_out(html).write_pdf(pdf_variant=PDF_VARIANT)


@contextmanager
def _collector_paused():
    """Draw without the garbage collector, then collect once.

    Drawing allocates the laid-out pages (some 400,000 objects for the bench's 57-page pack), held
    until the PDF is written. Left on, the collector scanned them again and again as they grew,
    nine full collections and a quarter of the drawing's time, freeing almost nothing. Paused, the
    worker's peak is the same within a few MB. The pages are reference cycles, so they are let go
    of as the drawing returns, before the worker's next page. Gunicorn's workers draw one request
    at a time, so nothing else runs in the worker while the collector waits."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
        gc.collect()


def draft_pack_pdf(data: PackData, *, slot: str) -> bytes:
    """A draft's pack: drawn once for what it says, and sent as drawn while it says the same.

    A draft changes whenever its figures, commentary or decisions do, so its pack is worked out
    afresh as HTML for each download, but drawn (seconds for a large report) only when that HTML,
    the stylesheet or the portal's code differ from the pack last drawn for this draft and reader
    (`slot`): the shared cache keeps that drawing beside the digest it was drawn for, one a slot, so
    a draft edited all day keeps one pack, not one for every change. Restricted and public packs
    differ in their HTML and their slots, so one is never sent for the other. With the cache down,
    the pack is drawn as before."""
    pdf, _ = _kept_drawing(pack_html(data), slot=slot)
    return pdf


def draw_draft_pack(data: PackData, *, slot: str) -> bool:
    """Draw a draft's pack and keep it in its slot, unless it is kept there as it now reads: whether
    it was drawn."""
    _, drawn = _kept_drawing(pack_html(data), slot=slot)
    return drawn


def _kept_drawing(html: str, *, slot: str) -> tuple[bytes, bool]:
    """The pack drawn from this HTML as kept in its slot, else drawn now and kept there; and whether
    it was drawn now."""
    digest = drawn_digest(html)
    try:
        kept = cache.get(slot)
    except CACHE_UNAVAILABLE:
        logger.warning("The cache did not answer; the draft's pack is drawn without it.")
        return _drawn(html), True
    if kept is not None and kept[0] == digest:
        return kept[1], False
    pdf = _drawn(html)
    try:
        cache.set(slot, (digest, pdf), DRAFT_KEPT_FOR)
    except CACHE_UNAVAILABLE:
        logger.warning("The cache did not answer; the draft's pack was not kept.")
    return pdf, True


def drawn_digest(html: str) -> str:
    """What a pack drawn from this HTML, by this code with this stylesheet, is kept beside."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(_stylesheet().read_bytes())
    digest.update(html.encode())
    return digest.hexdigest()
