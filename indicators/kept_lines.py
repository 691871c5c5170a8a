"""Each indicator's assessed line, kept (`KeptLine`), so a view of the index reads lines and masks
them for its reader instead of assessing every indicator again: the index (`line_facts`), its
open data (`open_data_lines`) and the exceptions page, which assesses only the indicators whose
kept lines may make them exceptions (`exception_candidates`).

Figures change a few times a quarter and are read all day, so a line is worked out when what it
is drawn from changes and kept for each view of the figures (`LineView`): every figure, and
figures as members and the public see them. A kept line holds every figure a reader with
permission sees, as values; `lines_for` masks it for a reader without.

- A change to an indicator's figures, targets, comparators, variation or the indicator itself,
  however it is made, forgets its kept lines in the same transaction (database triggers,
  migration 0017); the save that made it works them out again once it commits
  (`indicators.variation_summary.refresh_variation_on_commit`).
- A line depends on the date it is assessed as at: the kept one is for the date the index opens
  at for its view (the end of the latest period with a figure), worked out today, by this code
  with these settings (`drawn_with`). An index as at another date is assessed live; a line
  forgotten, kept on an earlier day, for a date the index no longer opens at or by other code, is
  worked out again and kept by the first view that finds it so.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache as once
from functools import lru_cache

from django.conf import settings
from django.db.models import FilteredRelation, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone

from indicators import selectors
from indicators.assessment import Assessment, Ranked
from indicators.index_cache import code_version, data_stamp
from indicators.lines import (
    NO_FIGURE,
    IndicatorLine,
    LineFigure,
    comparators_from_json,
    comparators_json,
    formatted,
    indicator_fields,
    is_masked_for,
    line_fields,
    line_for_reader,
    line_from_assessment,
    movement_words_of,
    target_words,
    withholds_anything,
)
from indicators.models import Indicator, KeptLine, LineView, OutturnStatus
from indicators.opendata import OpenDataLine, line_from_kept
from indicators.reader import Reader
from indicators.rules.exceptions import ExceptionCriteria, ExceptionFacts, exception_reasons
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.terms import Direction, Movement, Rating

READER_OF_VIEW = {
    LineView.PROVISIONAL: Reader.WHOLE_RECORD,
    LineView.HELD: Reader(sees_restricted=True, sees_small_numbers=True, sees_provisional=False),
}
"""Whom each view's lines are assessed for: everything of the figures that view shows."""
STATUS_LABELS = {status.value: status.label for status in OutturnStatus}
SHOWN_FIELDS = (
    "reference",
    "title",
    "service_area__name",
    "is_restricted",
    "is_target_measure",
    "unit",
    "decimal_places",
    "polarity",
    "display_order",
)
"""What a line shows of its indicator (`fields_from_kept`)."""
CHUNK = 1000
"""Indicators assessed at a time when their lines are kept."""


@once
def drawn_with() -> str:
    """The code (`index_cache.code_version`) and the small-number threshold lines are worked out
    with: a line kept by other code, or under another threshold, is worked out again."""
    drawn = f"{code_version()}:{settings.SMALL_NUMBER_THRESHOLD}"
    return hashlib.sha256(drawn.encode()).hexdigest()[:16]


def view_of(reader: Reader) -> LineView:
    return LineView.PROVISIONAL if reader.sees_provisional else LineView.HELD


@dataclass(frozen=True, slots=True)
class LineFacts(Ranked):
    """What the index's table reads of a line as a reader sees it: which rows a filter keeps, the
    counts, the columns' periods, the service area a row is grouped under and the order it sorts
    in. Read from the kept line without building it (`line_facts`); `line` is the line itself
    where it was assessed live."""

    indicator_id: int
    reference: str
    title: str
    service_area: str
    display_order: int
    rating: Rating
    direction: Direction
    period_run: tuple[Period | None, ...]
    line: IndicatorLine | None = None

    @classmethod
    def of(cls, line: IndicatorLine) -> "LineFacts":
        return cls(
            line.indicator_id,
            line.reference,
            line.title,
            line.service_area,
            line.display_order,
            line.rating,
            line.direction,
            line.period_run,
            line,
        )


FACT_KEYS = ("rating", "direction", "masked_rating", "masked_direction", "run")
"""What `line_facts` reads of a kept line's values (`kept_values`)."""
EXCEPTION_KEYS = ("rating", "shortfall", "recent", "concern", "failing", "withholds")
"""What `exception_candidates` reads of a kept line's values."""
FACTS = tuple(dict.fromkeys((*FACT_KEYS, *EXCEPTION_KEYS)))
"""The values kept in the line's `facts` column rather than in `line` (`KeptLine.facts`): what
pages read of every line without building it."""


def line_facts(
    indicators: QuerySet[Indicator], *, reader: Reader, as_at: date, opens_at: date | None
) -> list:
    """The facts of each indicator's line as at a date as this reader sees it, in the order given:
    as `lines_for` finds them, but read from the kept lines' values where they are kept. Where the
    rows will be drawn from the lines (another date, or no rows kept: `INDEX_CACHE=false`), the
    facts come with their lines, read once."""
    if not reads_kept(as_at=as_at, opens_at=opens_at):
        return [
            LineFacts.of(line)
            for line in lines_for(indicators, reader=reader, as_at=as_at, opens_at=opens_at)
        ]
    fields = ("reference", "title", "service_area__name", "display_order")
    own, kept = _kept_values_of(indicators, view=view_of(reader), as_at=as_at, keys=FACT_KEYS, fields=fields)
    masked = is_masked_for(reader)
    facts = []
    for pk, reference, title, service_area, display_order in own:
        values = kept[pk]
        rating, direction = (
            (values["masked_rating"], values["masked_direction"])
            if masked
            else (values["rating"], values["direction"])
        )
        facts.append(
            LineFacts(
                pk,
                reference,
                title,
                service_area,
                display_order,
                Rating(rating),
                Direction(direction),
                _run(values["run"]),
            )
        )
    return facts


def exception_candidates(
    indicators: QuerySet[Indicator],
    *,
    reader: Reader,
    as_at: date,
    opens_at: date | None,
    criteria: ExceptionCriteria,
) -> QuerySet[Indicator]:
    """The indicators that may be exceptions as at a date for this reader, narrowed by their kept
    lines, so that only those are assessed: each one whose kept line meets a criterion, and each one
    whose line withholds something from a reader who sees it masked (whether it is an exception for
    them is decided from their figures as they see them). As at another date, or with no rows kept
    (`INDEX_CACHE=false`), all of them."""
    if not reads_kept(as_at=as_at, opens_at=opens_at):
        return indicators
    own, kept = _kept_values_of(indicators, view=view_of(reader), as_at=as_at, keys=EXCEPTION_KEYS)
    masked = is_masked_for(reader)
    candidates = []
    for (pk,) in own:
        values = kept[pk]
        if (masked and int(values["withholds"])) or exception_reasons(_exception_facts(values), criteria):
            candidates.append(pk)
    return indicators.filter(pk__in=candidates)


def _exception_facts(values: dict) -> ExceptionFacts:
    """What the exception criteria read of a kept line, as the reader it was worked out for sees it."""
    shortfall, recent = values["shortfall"], values["recent"]
    return ExceptionFacts(
        rating=Rating(values["rating"]),
        shortfall_percent=Decimal(shortfall) if shortfall else None,
        recent_directions=[Direction(value) for value in recent.split(",") if value],
        is_special_cause_concern=bool(int(values["concern"])),
        is_consistently_failing=bool(int(values["failing"])),
    )


def reads_kept(*, as_at: date, opens_at: date | None) -> bool:
    """Whether a view as at a date reads the kept lines: as at the date the index opens at, with
    rows kept (`INDEX_CACHE`). Otherwise its lines are assessed live."""
    return as_at == opens_at and settings.INDEX_CACHE


def _kept_values_of(
    indicators: QuerySet[Indicator], *, view: LineView, as_at: date, keys: tuple[str, ...], fields=()
) -> tuple[list[tuple], dict[int, dict]]:
    """Each indicator's `fields` in the order given, and its kept line's values under `keys`, read
    in one query without building the lines; lines not kept today are worked out and kept first.
    The values are as the database gives JSON's scalars as text: a number may come as a string."""
    rows = indicators.annotate(
        kept=FilteredRelation(
            "kept_lines", condition=Q(**_kept_today("kept_lines__", view=view, as_at=as_at))
        )
    ).values_list("pk", *fields, *(KeyTextTransform(key, "kept__facts") for key in keys))
    own, kept = [], {}
    for row in rows:
        own.append(row[: len(fields) + 1])
        values = row[len(fields) + 1 :]
        if values[0] is not None:
            kept[row[0]] = dict(zip(keys, values, strict=True))
    missing = [row[0] for row in own if row[0] not in kept]
    if missing:
        assessed = Indicator.objects.filter(pk__in=missing).select_related(
            "service_area", "variation_summary"
        )
        kept.update(keep_lines(list(assessed), view=view, as_at=as_at))
    return own, kept


def kept_lines(ids, *, view: LineView, as_at: date) -> QuerySet[KeptLine]:
    """The lines kept for a view as at a date, today, by this code with these settings."""
    return KeptLine.objects.filter(indicator_id__in=ids, **_kept_today("", view=view, as_at=as_at))


def _kept_today(path: str, *, view: LineView, as_at: date) -> dict:
    """A kept line for a view as at a date, worked out today by this code with these settings."""
    return {
        f"{path}view": view,
        f"{path}as_at": as_at,
        f"{path}assessed_on": timezone.localdate(),
        f"{path}drawn_with": drawn_with(),
    }


def lines_for(
    indicators: QuerySet[Indicator] | list[Indicator], *, reader: Reader, as_at: date, opens_at: date | None
) -> list:
    """Each indicator's line as at a date as this reader sees it, in the order given.

    As at `opens_at` (the date the index opens at for this reader's view), a line is read from
    those kept, and one not kept today is worked out and kept first; as at any other date, every
    line is assessed live for this reader.
    """
    if as_at != opens_at:
        return [
            line_from_assessment(assessment, reader=reader)
            for assessment in selectors.assessments_for(indicators, reader=reader, as_at=as_at)
        ]
    return [line for line, _ in _lines_with_values(indicators, reader=reader, as_at=as_at)]


def open_data_lines(
    indicators: QuerySet[Indicator] | list[Indicator],
    *,
    reader: Reader,
    as_at: date,
    keep: Callable[[IndicatorLine], bool] = lambda line: True,
) -> list[OpenDataLine]:
    """Each indicator's line as at the date the index opens at, as this reader sees it, as open
    data reads it (`indicators.opendata.line_from_kept`): read from those kept, with the numerator
    and denominator of each figure and the target's value and bounds kept beside it; only the lines
    `keep` keeps (the index's filters on rating and direction)."""
    lines = []
    for line, kept in _lines_with_values(indicators, reader=reader, as_at=as_at):
        if not keep(line):
            continue
        target = kept["target"]
        lines.append(
            line_from_kept(
                line,
                fractions={
                    int(outturn_id): (_decimal(numerator), _decimal(denominator))
                    for outturn_id, (numerator, denominator) in kept["fractions"].items()
                },
                target=None if target is None else tuple(map(_decimal, target[:3])),
            )
        )
    return lines


def _lines_with_values(
    indicators: QuerySet[Indicator] | list[Indicator], *, reader: Reader, as_at: date
) -> list[tuple[IndicatorLine, dict]]:
    """Each indicator's kept line as at a date as this reader sees it, in the order given, with the
    values it was read from; a line not kept today is worked out and kept first."""
    if isinstance(indicators, QuerySet):
        ids = indicators.values("pk")
        # What a line shows of the indicator, and nothing more: 3,000 of them are read.
        indicators = list(indicators.select_related(None).select_related("service_area").only(*SHOWN_FIELDS))
    else:
        ids = [indicator.pk for indicator in indicators]
    view = view_of(reader)
    rows = kept_lines(ids, view=view, as_at=as_at).values_list("indicator_id", "line", "facts")
    kept = {pk: {**line, **facts} for pk, line, facts in rows}
    missing = [indicator.pk for indicator in indicators if indicator.pk not in kept]
    if missing:
        assessed = Indicator.objects.filter(pk__in=missing).select_related(
            "service_area", "variation_summary"
        )
        kept.update(keep_lines(list(assessed), view=view, as_at=as_at))
    return [
        (line_for_reader(fields_from_kept(indicator, kept[indicator.pk]), reader=reader), kept[indicator.pk])
        for indicator in indicators
    ]


def keep_lines(indicators: list[Indicator], *, view: LineView, as_at: date) -> dict[int, dict]:
    """Assess these indicators as at a date for a view, and keep their lines: the values, by
    indicator id.

    They are kept only if nothing the index reads changed while they were assessed (the data stamp
    is the same before and after): a change saved meanwhile has forgotten, or kept afresh, the lines
    it touched, and keeping what was read before it would bring back an old line. The stamp is read,
    not locked: a lock held while keeping could deadlock with a save that has forgotten a line being
    kept and waits to change the stamp. Lines not kept are worked out again by the next view or save
    that needs them."""
    stamp = data_stamp()
    values = {
        assessment.indicator.pk: kept_values(assessment)
        for assessment in selectors.assessments_for(indicators, reader=READER_OF_VIEW[view], as_at=as_at)
    }
    today, drawn = timezone.localdate(), drawn_with()
    if data_stamp() != stamp:
        return values
    KeptLine.objects.bulk_create(
        [
            KeptLine(
                indicator_id=pk,
                view=view,
                as_at=as_at,
                assessed_on=today,
                drawn_with=drawn,
                line={key: value for key, value in line.items() if key not in FACTS},
                facts={key: line[key] for key in FACTS},
            )
            for pk, line in values.items()
        ],
        update_conflicts=True,
        unique_fields=["indicator", "view"],
        # A line worked out again drops the rows drawn from the one before (indicators/kept_rows.py).
        update_fields=["as_at", "assessed_on", "drawn_with", "line", "facts", "drawn"],
    )
    return values


def refresh_lines(indicator_ids: Iterable[int]) -> None:
    """Work out again, and keep, these indicators' lines for each view, as at the date the index
    opens at for it. Lines kept for an earlier date are left to the first view that reads them: a
    save waits only for the indicators it changed."""
    ids = sorted(set(indicator_ids))
    for view, reader in READER_OF_VIEW.items():
        as_at = selectors.latest_as_at(reader=reader)
        if as_at is None:
            KeptLine.objects.filter(view=view).delete()
            continue
        for start in range(0, len(ids), CHUNK):
            chunk = Indicator.objects.filter(pk__in=ids[start : start + CHUNK]).select_related(
                "service_area", "variation_summary"
            )
            keep_lines(list(chunk), view=view, as_at=as_at)


def kept_values(assessment: Assessment) -> dict:
    """An assessed line as kept: values only, every figure a reader with permission sees, and which
    of them are small numbers (words come from the indicator when the line is read)."""
    fields = line_fields(assessment, threshold=settings.SMALL_NUMBER_THRESHOLD)
    line = IndicatorLine(**fields)
    withholds = withholds_anything(fields)
    masked = line.masked() if withholds else line
    target = assessment.target
    return {
        "rating": line.rating.value,
        "direction": line.direction.value,
        "masked_rating": masked.rating.value,
        "masked_direction": masked.direction.value,
        "run": _run_text(line.period_run),
        "movement": assessment.movement.value,
        "target": None
        if target is None
        else [_number(target.value), _number(target.range_lower), _number(target.range_upper), target.kind],
        "figures": [_figure_values(figure) for figure in fields["figures"]],
        "previous_year_end": _figure_values(fields["previous_year_end"]),
        "comparators": comparators_json(fields["comparators"]),
        "commentary": fields["commentary"],
        "variation": fields.get("variation", ""),
        "assurance": fields.get("assurance", ""),
        "is_trial": fields.get("is_trial", False),
        "variation_concern": fields.get("variation_concern", ""),
        "spc_uses_small_number": fields.get("spc_uses_small_number", False),
        # What the exception criteria read (`exception_candidates`), as text and numbers that
        # each database reads back alike: SQLite reads JSON's null as "null" and its true as 1,
        # PostgreSQL as None and "true".
        "shortfall": _number(assessment.result.shortfall_percent) or "",
        "recent": ",".join(direction.value for direction in assessment.recent_directions),
        "concern": int(line.is_special_cause_concern),
        "failing": int(line.is_consistently_failing),
        "withholds": int(withholds),
        # Open data's numbers behind each figure, as this view sees its outturn (a figure held as it
        # was validated keeps its fraction as it was).
        "fractions": {
            str(figure.outturn.pk): [_number(figure.outturn.numerator), _number(figure.outturn.denominator)]
            for figure in assessment.figures
            if figure is not None and figure.outturn is not None
        },
    }


def fields_from_kept(indicator: Indicator, kept: dict) -> dict:
    """The fields of an indicator's line (`IndicatorLine`), from its kept values and the indicator."""
    target = kept["target"]
    return {
        **indicator_fields(indicator),
        "rating": Rating(kept["rating"]),
        "direction": Direction(kept["direction"]),
        "target": target_words(
            None if target is None else (*map(_decimal, target[:3]), target[3]), indicator=indicator
        ),
        "figures": [_figure_of(figure, indicator) for figure in kept["figures"]],
        "previous_year_end": _figure_of(kept["previous_year_end"], indicator),
        "comparators": comparators_from_json(kept["comparators"]),
        "commentary": kept["commentary"],
        "movement": movement_words_of(indicator, Movement(kept["movement"])),
        "display_order": indicator.display_order,
        "variation": kept["variation"],
        "assurance": kept["assurance"],
        "is_trial": kept["is_trial"],
        "variation_concern": kept["variation_concern"],
        "spc_uses_small_number": kept["spc_uses_small_number"],
    }


def _figure_values(figure: LineFigure | None) -> list | None:
    if figure is None:
        return None
    period = figure.period
    return [
        period.start.isoformat(),
        period.kind.value,
        period.basis.value,
        _number(figure.value),
        figure.status,
        figure.is_small,
        figure.outturn_id,
        figure.is_since_corrected,
    ]


def _figure_of(values: list | None, indicator: Indicator) -> LineFigure | None:
    if values is None:
        return None
    start, kind, basis, value, status, is_small, outturn_id, is_since_corrected = values
    value = _decimal(value)
    if value is not None:
        text = formatted(value, indicator.unit, indicator.decimal_places)
    else:
        text = STATUS_LABELS[status] if status else NO_FIGURE
    return LineFigure(
        _period(start, kind, basis), value, text, status, is_small, outturn_id, is_since_corrected
    )


def _run_text(run: tuple[Period | None, ...]) -> str:
    """A line's period run as kept: each period as "start kind basis", an empty column as ""."""
    return "|".join(
        "" if period is None else f"{period.start.isoformat()} {period.kind.value} {period.basis.value}"
        for period in run
    )


@lru_cache(maxsize=256)
def _run(text: str) -> tuple[Period | None, ...]:
    """A kept period run: an index's lines share a few."""
    return tuple(_period(*column.split(" ")) if column else None for column in text.split("|"))


@lru_cache(maxsize=4096)
def _period(start: str, kind: str, basis: str) -> Period:
    """A kept period: an index reads the same few for every indicator."""
    return Period(date.fromisoformat(start), PeriodKind(kind), YearBasis(basis))


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
