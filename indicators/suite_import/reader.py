"""Reading a council's performance index workbook (layout.py) into plain rows, every cell checked
before anything is written. Each problem names its sheet, row and column as Excel shows them.

A figure cell may hold a number, or text that is a number; a cell Excel shows as a percentage
(71%, stored as 0.71) is read as 71, as the committee reads it. Formulas are refused: the portal
keeps figures, not the sums that made them."""

import functools
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl.utils import get_column_letter

from indicators.entry.upload import UploadRefusedError, uploaded_workbook
from indicators.rules.figures import rounded, value_from_fraction
from indicators.rules.periods import Period, PeriodKind, YearBasis, parse_period_label
from indicators.rules.terms import OutturnStatus, TargetKind, ToleranceKind
from indicators.suite_import import layout

MAX_BYTES = 10 * 1024 * 1024
MAX_INDICATORS = 500
MAX_PERIOD_COLUMNS = 400
MAX_TARGET_ROWS = MAX_INDICATORS * 40
MAX_PROBLEMS = 200
LARGEST = Decimal(10) ** 10


@dataclass
class Figure:
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = OutturnStatus.VALIDATED


@dataclass
class IndicatorRow:
    details: dict
    figures: dict[Period, Figure] = field(default_factory=dict)


@dataclass
class TargetRow:
    reference: str
    year: int
    value: Decimal | None
    tolerance: Decimal
    range_lower: Decimal | None
    range_upper: Decimal | None
    tolerance_kind: str = ToleranceKind.POINTS
    kind: str = TargetKind.LOCAL


@dataclass
class IndexWorkbook:
    indicators: list[IndicatorRow]
    targets: list[TargetRow]


class _Problems(list):
    def add(self, sheet: str, row: int, column: int, message: str) -> None:
        self.append(f"{sheet}, cell {get_column_letter(column)}{row}: {message}")
        if len(self) >= MAX_PROBLEMS:
            raise UploadRefusedError([*self, "And more problems: the rest were not read"])


def read_index_workbook(data: bytes) -> IndexWorkbook:
    """The workbook's indicators, figures and targets; UploadRefusedError lists every problem."""
    unreadable = "The file could not be read as an Excel workbook. Save it from Excel as .xlsx"
    with uploaded_workbook(data, max_bytes=MAX_BYTES, unreadable=unreadable) as workbook:
        if layout.INDEX not in workbook.sheetnames:
            raise UploadRefusedError(
                [f"The workbook has no sheet called '{layout.INDEX}'. Start from the template"]
            )
        problems = _Problems()
        rows = _index_rows(_grid(workbook[layout.INDEX]), problems)
        by_reference = {row.details["reference"]: row for row in rows if row.details.get("reference")}
        for sheet, part in ((layout.NUMERATORS, "numerator"), (layout.DENOMINATORS, "denominator")):
            if sheet in workbook.sheetnames:
                _parts(_grid(workbook[sheet]), sheet, part, by_reference, problems)
        if layout.STATUS in workbook.sheetnames:
            _statuses(_grid(workbook[layout.STATUS]), by_reference, problems)
        targets = []
        if layout.TARGETS in workbook.sheetnames:
            targets = _targets(_grid(workbook[layout.TARGETS], MAX_TARGET_ROWS), by_reference, problems)
        for row in rows:
            _check_fractions(row, problems)
        if problems:
            raise UploadRefusedError(list(problems))
        return IndexWorkbook(indicators=rows, targets=targets)


def _grid(sheet, max_rows: int = MAX_INDICATORS) -> list[tuple]:
    """The sheet's rows of cells, bounded, trailing empty rows dropped."""
    rows = []
    for number, cells in enumerate(sheet.iter_rows(max_row=max_rows + 2), start=1):
        if number > max_rows + 1 and any(cell.value not in (None, "") for cell in cells):
            raise UploadRefusedError([f"The sheet '{sheet.title}' has more than {max_rows:,} rows"])
        rows.append(tuple(cells[: len(layout.DETAILS) + MAX_PERIOD_COLUMNS]))
    while rows and all(cell.value in (None, "") for cell in rows[-1]):
        rows.pop()
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _number(cell, sheet: str, row: int, column: int, problems: _Problems) -> Decimal | None:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip().startswith("="):
        problems.add(sheet, row, column, "holds a formula; paste the figure as a value")
        return None
    if isinstance(value, bool):
        problems.add(sheet, row, column, f"'{value}' is not a number")
        return None
    try:
        text = value.strip().rstrip("%").replace(",", "") if isinstance(value, str) else repr(value)
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        problems.add(sheet, row, column, f"'{_text(value)[:40]}' is not a number")
        return None
    if not number.is_finite() or abs(number) >= LARGEST:
        problems.add(sheet, row, column, f"'{_text(value)[:40]}' is not a figure the portal can keep")
        return None
    if not isinstance(value, str) and "%" in (cell.number_format or ""):
        number *= 100  # Excel keeps 71% as 0.71
    return number.to_integral_value() if number == number.to_integral_value() else number


def _headings(header: tuple, expected: tuple, sheet: str, problems: _Problems) -> None:
    for index, column in enumerate(expected, start=1):
        found = _text(header[index - 1].value) if index <= len(header) else ""
        if found.casefold() != column.heading.casefold():
            problems.add(
                sheet, 1, index, f"the heading should be '{column.heading}', not '{found or 'empty'}'"
            )


def _period_columns(header: tuple, first: int, sheet: str, problems: _Problems) -> dict[int, str]:
    """Period headings by column number (checked against each indicator's year basis later)."""
    columns = {}
    for index in range(first, len(header) + 1):
        label = _text(header[index - 1].value)
        if not label:
            continue
        try:
            parse_period_label(label)
        except ValueError:
            problems.add(
                sheet,
                1,
                index,
                f"'{label[:40]}' is not a period such as 'Q2 2019/20', 'Oct 2019' or '2019/20'",
            )
            continue
        columns[index] = label
    return columns


def _index_rows(grid: list[tuple], problems: _Problems) -> list[IndicatorRow]:
    if not grid:
        raise UploadRefusedError([f"The sheet '{layout.INDEX}' is empty"])
    header, *body = grid
    _headings(header, layout.DETAILS, layout.INDEX, problems)
    if problems:
        raise UploadRefusedError(list(problems))
    periods = _period_columns(header, len(layout.DETAILS) + 1, layout.INDEX, problems)
    rows, seen = [], {}
    for number, cells in enumerate(body, start=2):
        if all(cell.value in (None, "") for cell in cells):
            continue
        details = _details(cells, number, problems)
        reference = details.get("reference")
        if reference in seen:
            problems.add(layout.INDEX, number, 1, f"indicator {reference} is also on row {seen[reference]}")
        elif reference:
            seen[reference] = number
        row = IndicatorRow(details=details)
        for column, label in periods.items():
            if column > len(cells):
                continue
            value = _number(cells[column - 1], layout.INDEX, number, column, problems)
            if value is None:
                continue
            period = _period_for(label, details, layout.INDEX, number, column, problems)
            if period:
                row.figures[period] = Figure(value=value)
        rows.append(row)
    if not rows:
        raise UploadRefusedError([f"The sheet '{layout.INDEX}' has no indicators in it"])
    return rows


def _details(cells: tuple, number: int, problems: _Problems) -> dict:
    details = {}
    for index, column in enumerate(layout.DETAILS, start=1):
        text = _text(cells[index - 1].value) if index <= len(cells) else ""
        if text.startswith("="):
            problems.add(layout.INDEX, number, index, "holds a formula; type the value")
            continue
        if not text:
            if column.required:
                problems.add(
                    layout.INDEX, number, index, f"enter the {column.heading.lower()} ({column.hint})"
                )
            else:
                details[column.field] = layout.DETAIL_DEFAULTS[column.field]
            continue
        raw = cells[index - 1].value
        dated = column.field in ("introduced_on", "retired_on")
        parsed = _date(raw, text) if dated else _detail(column.field, text)
        if parsed is None:
            problems.add(
                layout.INDEX, number, index, f"'{text[:40]}' is not a {column.heading.lower()}: {column.hint}"
            )
        else:
            details[column.field] = parsed
    return details


def _detail(name: str, text: str):
    limits = {
        "reference": 20,
        "title": 300,
        "service_area": 100,
        "lead_officer": 200,
        "data_owner": 200,
        "success_looks_like": 2000,
    }
    if name in limits:
        return text if len(text) <= limits[name] else None
    word = text.casefold()
    if name == "unit":
        return layout.UNIT_WORDS.get(word)
    if name == "polarity":
        return layout.POLARITY_WORDS.get(word)
    if name == "frequency":
        return layout.FREQUENCY_WORDS.get(word) or (PeriodKind(word) if word in PeriodKind else None)
    if name == "year_basis":
        return layout.BASIS_WORDS.get(word)
    if name == "is_restricted":
        return layout.YES_NO.get(word)
    if name == "decimal_places":
        return int(text) if text.isdigit() and int(text) <= 4 else None
    if name == "measure_basis":
        return layout.MEASURE_WORDS.get(word)
    if name == "is_target_measure":
        return layout.YES_NO.get(word)
    if name == "no_change_band":
        try:
            band = Decimal(text)
        except InvalidOperation:
            return None
        return band if band.is_finite() and 0 <= band < LARGEST else None
    raise KeyError(name)


def _date(raw, text: str) -> date | None:
    """A date as Excel keeps it, or typed as 2019-11-06 or 06/11/2019."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date has no time of day
        except ValueError:
            continue
    return None


@functools.lru_cache(maxsize=4096)
def _parsed(label: str, basis: YearBasis) -> Period:
    """A period heading read once per workbook column, not once per cell."""
    return parse_period_label(label, basis)


def _period_for(
    label: str, details: dict, sheet: str, row: int, column: int, problems: _Problems
) -> Period | None:
    frequency, basis = details.get("frequency"), details.get("year_basis") or YearBasis.FINANCIAL
    if frequency is None:
        return None  # The frequency cell's own problem is already listed.
    period = _parsed(label, basis)
    if period.kind is not frequency:
        problems.add(
            sheet,
            row,
            column,
            f"indicator {details.get('reference')} is {layout.FREQUENCY_NAME[frequency].lower()}, "
            f"so it has no figure for '{label}'",
        )
        return None
    return period


def _reference_rows(grid, sheet, by_reference, problems):
    """Each row of a sheet keyed by reference, with its period columns."""
    if not grid:
        return {}, []
    header, *body = grid
    _headings(header, layout.DETAILS[:1], sheet, problems)
    periods = _period_columns(header, 2, sheet, problems)
    found = []
    for number, cells in enumerate(body, start=2):
        reference = _text(cells[0].value) if cells else ""
        if not reference:
            if any(cell.value not in (None, "") for cell in cells):
                problems.add(sheet, number, 1, "enter the indicator's reference")
            continue
        if reference not in by_reference:
            problems.add(sheet, number, 1, f"indicator {reference[:20]} is not on the '{layout.INDEX}' sheet")
            continue
        found.append((number, by_reference[reference], cells))
    return periods, found


def _parts(grid, sheet, part, by_reference, problems) -> None:
    periods, found = _reference_rows(grid, sheet, by_reference, problems)
    for number, row, cells in found:
        for column, label in periods.items():
            if column > len(cells):
                continue
            value = _number(cells[column - 1], sheet, number, column, problems)
            if value is None:
                continue
            period = _period_for(label, row.details, sheet, number, column, problems)
            if period is None:
                continue
            if period not in row.figures:
                problems.add(
                    sheet, number, column, f"there is a {part} but no figure on the '{layout.INDEX}' sheet"
                )
                continue
            setattr(row.figures[period], part, value)


def _statuses(grid, by_reference, problems) -> None:
    periods, found = _reference_rows(grid, layout.STATUS, by_reference, problems)
    for number, row, cells in found:
        for column, label in periods.items():
            text = _text(cells[column - 1].value) if column <= len(cells) else ""
            if not text:
                continue
            status = layout.STATUS_WORDS.get(text.casefold())
            if status is None:
                words = ", ".join(status.label for status in OutturnStatus)
                problems.add(layout.STATUS, number, column, f"'{text[:40]}' is not a status: {words}")
                continue
            period = _period_for(label, row.details, layout.STATUS, number, column, problems)
            if period is None:
                continue
            if period not in row.figures:
                if status in layout.WITHOUT_A_FIGURE:
                    row.figures[period] = Figure(value=None, status=status)
                else:
                    problems.add(
                        layout.STATUS,
                        number,
                        column,
                        f"there is a status but no figure on the '{layout.INDEX}' sheet",
                    )
                continue
            if status in layout.WITHOUT_A_FIGURE:
                problems.add(
                    layout.STATUS,
                    number,
                    column,
                    f"'{text}' stands for a figure that is not given: clear the figure",
                )
                continue
            row.figures[period].status = status


def _check_fractions(row: IndicatorRow, problems: _Problems) -> None:
    """A numerator and denominator come in pairs, each the right way up, and make the figure beside
    them (as printed, to the indicator's decimal places): the portal keeps the figure they make."""
    unit, places = row.details.get("unit"), row.details.get("decimal_places") or 0
    for period, figure in row.figures.items():
        where = f"indicator {row.details.get('reference')}, {period.label}"
        if figure.numerator is None and figure.denominator is None:
            continue
        if figure.numerator is None or figure.denominator is None:
            missing = layout.NUMERATORS if figure.numerator is None else layout.DENOMINATORS
            problems.append(f"{missing}, {where}: give the numerator and the denominator, or neither")
        elif figure.denominator <= 0:
            problems.append(f"{layout.DENOMINATORS}, {where}: the denominator must be more than 0")
        elif figure.numerator < 0:
            problems.append(f"{layout.NUMERATORS}, {where}: the numerator cannot be negative")
        elif figure.numerator > figure.denominator:
            problems.append(
                f"{layout.NUMERATORS}, {where}: the numerator {figure.numerator} is more than "
                f"the denominator {figure.denominator}"
            )
        elif unit is not None and figure.value is not None:
            made = value_from_fraction(figure.numerator, figure.denominator, unit)
            if rounded(made, places) != rounded(figure.value, places):
                problems.append(
                    f"{layout.INDEX}, {where}: the figure {figure.value} is not what its numerator and "
                    f"denominator make ({figure.numerator}/{figure.denominator} = {rounded(made, places)})"
                )


def _targets(grid, by_reference, problems) -> list[TargetRow]:
    if not grid:
        return []
    header, *body = grid
    _headings(header, layout.TARGET_COLUMNS, layout.TARGETS, problems)
    targets, seen = [], {}
    for number, cells in enumerate(body, start=2):
        if all(cell.value in (None, "") for cell in cells):
            continue
        reference = _text(cells[0].value)
        row = by_reference.get(reference)
        if row is None:
            problems.add(
                layout.TARGETS,
                number,
                1,
                f"indicator {reference[:20] or '(blank)'} is not on the '{layout.INDEX}' sheet",
            )
            continue
        year_text = _text(cells[1].value) if len(cells) > 1 else ""
        basis = row.details.get("year_basis") or YearBasis.FINANCIAL
        try:
            year = parse_period_label(year_text, basis)
            if year.kind is not PeriodKind.YEAR or (year.basis is YearBasis.CALENDAR) != (
                basis is YearBasis.CALENDAR
            ):
                raise ValueError
        except ValueError:
            problems.add(
                layout.TARGETS,
                number,
                2,
                f"'{year_text[:40] or 'empty'}' is not a reporting year such as 2024/25",
            )
            continue
        key = (reference, year.reporting_year)
        if key in seen:
            problems.add(
                layout.TARGETS,
                number,
                2,
                f"indicator {reference} has a target for {year.label} on row {seen[key]} too",
            )
            continue
        seen[key] = number
        value, tolerance, lower, upper = (
            _number(cells[index], layout.TARGETS, number, index + 1, problems) if index < len(cells) else None
            for index in range(2, 6)
        )
        if value is None and (lower is None or upper is None):
            problems.add(layout.TARGETS, number, 3, "enter a target, or a range from and to")
            continue
        if lower is not None and upper is not None and lower > upper:
            problems.add(
                layout.TARGETS,
                number,
                5,
                f"the range runs from {lower} to {upper}: the lower end is above the upper",
            )
            continue
        if tolerance is not None and tolerance < 0:
            problems.add(layout.TARGETS, number, 4, "the tolerance cannot be negative")
            continue
        tolerance_kind, kind = _target_words(cells, number, problems)
        if tolerance_kind is None or kind is None:
            continue
        targets.append(
            TargetRow(
                reference,
                year.reporting_year,
                value,
                tolerance or Decimal(0),
                lower,
                upper,
                tolerance_kind,
                kind,
            )
        )
    return targets


def _target_words(cells, number: int, problems: _Problems):
    """The target's tolerance kind and kind, defaults where blank; None where a cell is not one."""
    found = []
    for index, words, default in (
        (7, layout.TOLERANCE_WORDS, ToleranceKind.POINTS),
        (8, layout.TARGET_KIND_WORDS, TargetKind.LOCAL),
    ):
        text = _text(cells[index - 1].value) if index <= len(cells) else ""
        value = words.get(text.casefold(), None) if text else default
        if value is None:
            column = layout.TARGET_COLUMNS[index - 1]
            problems.add(
                layout.TARGETS,
                number,
                index,
                f"'{text[:40]}' is not a {column.heading.lower()}: {column.hint}",
            )
        found.append(value)
    return found
