"""The live index's rows: each indicator's line (indicators/lines.py) as this reader sees it, and
the address of its page. Every word a row shows comes from the line; the row template only prints.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse

from indicators.columns import LIVE, columns_of
from indicators.lines import DIRECTION_ARROWS, IndicatorLine, Shown
from indicators.published_notes import PublishedNote

__all__ = ["DIRECTION_ARROWS", "IndexRow", "detail_url_for", "index_row"]


LIVE_COLUMNS = [(column.key, column.kind, column.heading, column.cell) for column in columns_of(LIVE)]


@dataclass(frozen=True, slots=True)
class IndexRow:
    line: IndicatorLine
    url: str
    cells: tuple[tuple[str, str, str, Shown], ...]
    """(key, kind, heading, cell) for each of the live index's columns, read from the line once."""
    note: PublishedNote | None = None
    """The latest published management commentary on it, and the report it is from."""


def detail_url_for() -> Callable[[str], str]:
    """A maker of indicator page addresses that reverses the URL pattern once, not once per row."""
    marker = "reference-placeholder"
    pattern = reverse("indicators:detail", args=[marker])
    return lambda reference: pattern.replace(marker, quote(reference, safe=""))


def index_row(
    line: IndicatorLine, detail_url: Callable[[str], str], *, note: PublishedNote | None = None
) -> IndexRow:
    """An indicator's row, from its line as this reader sees it (`kept_lines.lines_for`)."""
    cells = tuple([(key, kind, heading, cell(line)) for key, kind, heading, cell in LIVE_COLUMNS])
    return IndexRow(line=line, url=detail_url(line.reference), cells=cells, note=note)
