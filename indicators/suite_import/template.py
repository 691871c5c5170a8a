"""The index workbook written from what the portal holds: the template a council fills in (empty
where the portal is new), and every indicator's figures and targets in the same layout, so a
council can take its index out and bring it back."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.models import Indicator, Outturn, Target
from indicators.rules.periods import Period, PeriodKind, YearBasis, year_label
from indicators.rules.terms import OutturnStatus, Polarity, TargetKind, ToleranceKind, Unit
from indicators.spreadsheets import safe_text
from indicators.suite_import import layout

FREQUENCY_WORD = layout.FREQUENCY_NAME


def _period(outturn: Outturn) -> Period:
    stored = outturn.period
    return Period(stored.start, PeriodKind(stored.kind), YearBasis(stored.basis))


def _write_row(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            safe_text(cell, value)
        else:
            cell.value = value


def index_workbook() -> bytes:
    indicators = list(Indicator.objects.select_related("service_area"))
    outturns = list(Outturn.objects.select_related("period").filter(indicator__in=indicators))
    periods = sorted({_period(o) for o in outturns}, key=lambda p: (p.end, list(PeriodKind).index(p.kind)))
    column_of = {period: len(layout.DETAILS) + index for index, period in enumerate(periods, start=1)}
    part_column = {period: 1 + index for index, period in enumerate(periods, start=1)}
    by_indicator: dict[int, list[Outturn]] = {}
    for outturn in outturns:
        by_indicator.setdefault(outturn.indicator_id, []).append(outturn)

    book = Workbook()
    index = book.active
    index.title = layout.INDEX
    sheets = {
        name: book.create_sheet(name) for name in (layout.NUMERATORS, layout.DENOMINATORS, layout.STATUS)
    }
    labels = [period.label for period in periods]
    _write_row(index, 1, [column.heading for column in layout.DETAILS] + labels)
    for sheet in sheets.values():
        _write_row(sheet, 1, ["Reference", *labels])
    for row, indicator in enumerate(indicators, start=2):
        _write_row(
            index,
            row,
            [
                indicator.reference,
                indicator.title,
                indicator.service_area.name,
                Unit(indicator.unit).label,
                indicator.decimal_places,
                Polarity(indicator.polarity).label,
                FREQUENCY_WORD[PeriodKind(indicator.frequency)],
                YearBasis(indicator.year_basis).value.capitalize(),
                "Yes" if indicator.is_restricted else "No",
                indicator.lead_officer,
                indicator.data_owner,
                indicator.success_looks_like,
                layout.MEASURE_NAME[indicator.measure_basis],
                "Yes" if indicator.is_target_measure else "No",
                indicator.no_change_band,
                indicator.introduced_on,
                indicator.retired_on,
            ],
        )
        for sheet in sheets.values():
            safe_text(sheet.cell(row=row, column=1), indicator.reference)
        for outturn in by_indicator.get(indicator.pk, []):
            period = _period(outturn)
            column = part_column[period]
            sheets[layout.STATUS].cell(row=row, column=column, value=OutturnStatus(outturn.status).label)
            if outturn.value is None:
                continue
            index.cell(row=row, column=column_of[period], value=outturn.value)
            sheets[layout.NUMERATORS].cell(row=row, column=column, value=outturn.numerator)
            sheets[layout.DENOMINATORS].cell(row=row, column=column, value=outturn.denominator)

    targets = book.create_sheet(layout.TARGETS)
    _write_row(targets, 1, [column.heading for column in layout.TARGET_COLUMNS])
    for row, target in enumerate(
        Target.objects.select_related("indicator").order_by("indicator", "year"), start=2
    ):
        basis = YearBasis(target.indicator.year_basis)
        _write_row(
            targets,
            row,
            [
                target.indicator.reference,
                str(target.year) if basis is YearBasis.CALENDAR else year_label(target.year, basis),
                target.value,
                target.tolerance,
                target.range_lower,
                target.range_upper,
                "Points" if target.tolerance_kind == ToleranceKind.POINTS else "Per cent of the target",
                TargetKind(target.kind).value.capitalize(),
            ],
        )

    guide = book.create_sheet("How to fill this in")
    _write_row(guide, 1, ["Sheet and column", "What to enter"])
    lines = [
        (f"{layout.INDEX}: {c.heading}", c.hint + ("" if c.required else " (may be left blank)"))
        for c in layout.DETAILS
    ]
    lines += [
        (
            f"{layout.INDEX}: one column per period",
            "Headed 'Q2 2019/20', 'Oct 2019' or '2019/20'; the figure as the committee reads it (71 or 71%)",
        ),
        (
            f"{layout.NUMERATORS}, {layout.DENOMINATORS}",
            "Optional: the figure's numerator and denominator, under the same period headings",
        ),
        (
            layout.STATUS,
            "Optional: Validated or Provisional under each figure's period (blank is Validated); "
            "with no figure, Not available in time, Cannot be reported reliably or Suppressed",
        ),
    ]
    lines += [(f"{layout.TARGETS}: {c.heading}", c.hint) for c in layout.TARGET_COLUMNS]
    for row, line in enumerate(lines, start=2):
        _write_row(guide, row, list(line))
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
    index.freeze_panes = index.cell(row=2, column=3)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
