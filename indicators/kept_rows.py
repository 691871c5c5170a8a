"""The index's rows, each drawn once and kept beside its line (`KeptLine.drawn`), so a view of the
index reads its rows rather than drawing tens of thousands of cells.

A row is drawn from its line (indicators/kept_lines.py) as a reader sees it, under the table's
figure columns, with the latest published commentary and open actions. It is kept under a key that
names everything else it is drawn from:

- its generation: the data stamp, which a publication changes too (`index_cache.data_stamp`, read
  before the lines, so a row is never kept under a stamp newer than the line it was drawn from),
  today's date (an action falls late), the date the index is as at, and the code and settings lines
  are worked out with. A row of another generation is never read, and the next row kept drops it;
- the reader's mask (`lines.is_masked_for`) and whether they see restricted indicators;
- the table's figure columns and those it leaves out, and the address the portal is served under.

A line worked out again (`kept_lines.keep_lines`) drops its drawn rows. An index as at another
date than the one it opens at draws its rows and keeps none, as does every view with
`INDEX_CACHE=false` (`make bench` measures both).
"""

import hashlib
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone

from indicators.index_cache import data_stamp
from indicators.index_rows import detail_url_for, index_row
from indicators.kept_lines import LineFacts, drawn_with, lines_for, view_of
from indicators.lines import IndicatorLine, is_masked_for
from indicators.models import Indicator, KeptLine, LineView
from indicators.published_notes import published_notes
from indicators.reader import Reader
from indicators.rules.periods import Period
from indicators.tables import index_line

ROW_TEMPLATE = "indicators/index_row.html"


def index_rows(
    facts: list[LineFacts],
    *,
    reader: Reader,
    as_at: date,
    opens_at: date | None,
    headings: tuple[Period, ...],
    hidden: frozenset[str],
    among: QuerySet,
) -> dict[int, str]:
    """Each line's row, by indicator id, drawn for this reader under these columns: read where it
    is kept, else drawn (and kept, where its line is). `among`: the ids of the indicators the lines
    were chosen from (a subquery: a list of thousands of ids costs more to send than the rows it
    reads)."""
    ids = [fact.indicator_id for fact in facts]
    # Read before the lines the rows are drawn from, after those the facts were read from were kept.
    stamp = data_stamp() if settings.INDEX_CACHE else None
    if as_at != opens_at or stamp is None:
        # Lines read whole with their facts (another date, no rows kept) are drawn as they are.
        live = [fact.line for fact in facts if fact.line is not None]
        lines = live if len(live) == len(facts) else _lines(ids, reader, as_at, opens_at)
        return draw_rows(lines, reader=reader, headings=headings, hidden=hidden)
    view = view_of(reader)
    generation, key = row_key(stamp=stamp, reader=reader, as_at=as_at, headings=headings, hidden=hidden)
    kept = dict(
        KeptLine.objects.filter(indicator_id__in=among, view=view).values_list(
            "indicator_id", KT(f"drawn__{key}")
        )
    )
    missing = [pk for pk in ids if not kept.get(pk)]
    if missing:
        drawn = draw_rows(
            _lines(missing, reader, as_at, opens_at), reader=reader, headings=headings, hidden=hidden
        )
        keep_rows(drawn, view=view, generation=generation, key=key)
        kept.update(drawn)
    return {pk: kept[pk] for pk in ids}


def draw_rows(
    lines: list[IndicatorLine], *, reader: Reader, headings: tuple[Period, ...], hidden: frozenset[str]
) -> dict[int, str]:
    """Each line's row drawn (templates/jinja2/indicators/index_row.html), by indicator id."""
    row = get_template(ROW_TEMPLATE, using="jinja2").template.module.row
    detail_url = detail_url_for()
    notes = published_notes([line.indicator_id for line in lines], reader=reader)
    return {
        line.indicator_id: str(
            row(index_line(index_row(line, detail_url, note=notes.get(line.indicator_id)), headings, hidden))
        )
        for line in lines
    }


def keep_rows(drawn: dict[int, str], *, view: LineView, generation: str, key: str) -> None:
    """Keep these rows beside their lines under `key`, dropping rows of other generations. A line
    worked out again meanwhile takes the row under an old generation, which is never read."""
    kept = list(KeptLine.objects.filter(indicator_id__in=list(drawn), view=view).only("indicator", "drawn"))
    for line in kept:
        current = {name: row for name, row in (line.drawn or {}).items() if name.startswith(generation)}
        line.drawn = {**current, key: drawn[line.indicator_id]}
    KeptLine.objects.bulk_update(kept, ["drawn"])


def row_key(
    *,
    stamp: str,
    reader: Reader,
    as_at: date,
    headings: tuple[Period, ...],
    hidden: frozenset[str],
) -> tuple[str, str]:
    """The generation rows are kept under, and the key of a row drawn for this reader and table."""
    generation = _digest(stamp, timezone.localdate().isoformat(), as_at.isoformat(), drawn_with())
    table = _digest(
        f"masked={is_masked_for(reader)}",
        f"restricted={reader.sees_restricted}",
        *(repr(period) for period in headings),
        *sorted(hidden),
        get_script_prefix(),
    )
    return generation, generation + table


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def _lines(ids: list[int], reader: Reader, as_at: date, opens_at: date | None) -> list[IndicatorLine]:
    return lines_for(Indicator.objects.filter(pk__in=ids), reader=reader, as_at=as_at, opens_at=opens_at)
