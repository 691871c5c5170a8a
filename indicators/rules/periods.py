"""Reporting periods: months, quarters and years, as UK local government counts them.

- A financial year runs 1 April to 31 March: 2019/20 is 1 April 2019 – 31 March 2020.
- Quarters are financial: Q1 is April–June, Q2 July–September, Q3 October–December and Q4
  January–March ("Q2 2019/20" is July–September 2019).
- An academic year runs 1 September to 31 August (2019/20 is September 2019 – August 2020).
- A calendar year runs January–December and is written "2019".
- A month is written "Oct 2019".
- Figures are entered for a period once it has ended, and for periods back to a horizon the council
  sets (36 months by default), counted from its latest figures or from today if they are later.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class YearBasis(StrEnum):
    FINANCIAL = "financial"
    ACADEMIC = "academic"
    CALENDAR = "calendar"


YEAR_START_MONTH = {YearBasis.FINANCIAL: 4, YearBasis.ACADEMIC: 9, YearBasis.CALENDAR: 1}
MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def reporting_year(day: date, basis: YearBasis) -> int:
    """The year in which the reporting year containing `day` starts (2019 for 2019/20)."""
    start_month = YEAR_START_MONTH[basis]
    return day.year if day.month >= start_month else day.year - 1


def year_label(start_year: int, basis: YearBasis) -> str:
    if basis is YearBasis.CALENDAR:
        return str(start_year)
    return f"{start_year}/{(start_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. Quarters are always financial; a month has no year basis of its own."""

    start: date
    kind: PeriodKind
    basis: YearBasis = YearBasis.FINANCIAL

    def __post_init__(self):
        if self.start.day != 1:
            raise ValueError("A period starts on the first day of a month.")
        if self.kind is PeriodKind.QUARTER and self.start.month not in (1, 4, 7, 10):
            raise ValueError("A quarter starts in January, April, July or October.")
        if self.kind is PeriodKind.YEAR and self.start.month != YEAR_START_MONTH[self.basis]:
            raise ValueError(f"A {self.basis} year starts in month {YEAR_START_MONTH[self.basis]}.")

    @cached_property
    def end(self) -> date:
        last = add_months(self.start, MONTHS_IN[self.kind] - 1)
        return date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])

    @property
    def reporting_year(self) -> int:
        return reporting_year(self.start, self.basis)

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 4) % 12 // 3 + 1

    @cached_property
    def label(self) -> str:
        """ "Mar 2025", "Q3 2024/25", "2024/25": worked out once, as an index reads the same few
        periods' labels for every indicator."""
        if self.kind is PeriodKind.MONTH:
            return self.start.strftime("%b %Y")
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.quarter_number} {year_label(self.reporting_year, YearBasis.FINANCIAL)}"
        return year_label(self.start.year, self.basis)

    @property
    def is_year_end(self) -> bool:
        """Whether this period closes its reporting year (March for a financial year)."""
        return self.end.month == add_months(date(2000, YEAR_START_MONTH[self.basis], 1), -1).month

    def shifted(self, periods: int) -> "Period":
        return Period(add_months(self.start, periods * MONTHS_IN[self.kind]), self.kind, self.basis)

    def previous(self) -> "Period":
        return self.shifted(-1)

    def year_earlier(self) -> "Period":
        return Period(add_months(self.start, -12), self.kind, self.basis)


def month_of(day: date) -> Period:
    return Period(date(day.year, day.month, 1), PeriodKind.MONTH)


def quarter_of(day: date) -> Period:
    """The financial quarter containing `day`."""
    month = day.month - (day.month - 1) % 3
    return Period(date(day.year, month, 1), PeriodKind.QUARTER)


def year_of(day: date, basis: YearBasis) -> Period:
    return Period(date(reporting_year(day, basis), YEAR_START_MONTH[basis], 1), PeriodKind.YEAR, basis)


def period_containing(day: date, kind: PeriodKind, basis: YearBasis = YearBasis.FINANCIAL) -> Period:
    if kind is PeriodKind.MONTH:
        return month_of(day)
    if kind is PeriodKind.QUARTER:
        return quarter_of(day)
    return year_of(day, basis)


def parse_period_label(label: str, basis: YearBasis = YearBasis.FINANCIAL) -> Period:
    """Read a label as the committee writes it: "Q2 2019/20", "Oct 2019", "2019/20" or "2019"."""
    text = " ".join(label.split())
    if text[:1].upper() == "Q" and " " in text:
        quarter, year = text.split(" ", 1)
        start_year = _start_year(year)
        number = int(quarter[1:])
        if not 1 <= number <= 4:
            raise ValueError(f"{label!r} is not a quarter.")
        return Period(add_months(date(start_year, 4, 1), (number - 1) * 3), PeriodKind.QUARTER)
    if "/" in text:
        year_basis = basis if basis is not YearBasis.CALENDAR else YearBasis.FINANCIAL
        return Period(date(_start_year(text), YEAR_START_MONTH[year_basis], 1), PeriodKind.YEAR, year_basis)
    if text.isdigit():
        return Period(date(int(text), 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR)
    try:
        parsed = datetime.strptime(text, "%b %Y")  # noqa: DTZ007 - a month label has no time of day
    except ValueError:
        raise ValueError(f"{label!r} is not a period label such as 'Q2 2019/20' or 'Oct 2019'.") from None
    return Period(parsed.date(), PeriodKind.MONTH)


def _start_year(text: str) -> int:
    first, _, second = text.partition("/")
    if not (first.isdigit() and len(first) == 4 and second.isdigit() and len(second) == 2):
        raise ValueError(f"{text!r} is not a year such as 2019/20.")
    start = int(first)
    if (start + 1) % 100 != int(second):
        raise ValueError(f"{text!r} is not two consecutive years.")
    return start


def entry_refusal(period: Period, *, today: date, newest_figures: date | None, horizon_months: int) -> str:
    """Why figures cannot be entered for the period now, or "" when they can.

    The horizon is counted back from the end of the latest period with figures, or from today when
    there are none or they are later; so a council's history stays open for corrections, and a
    figure mistyped for a far-off year cannot move it.
    """
    if period.end >= today:
        opens = _day_after(period.end)
        return f"{period.label} has not ended: its figures can be entered from {opens.day} {opens:%B %Y}."
    earliest = earliest_entry_day(today=today, newest_figures=newest_figures, horizon_months=horizon_months)
    if period.end < earliest:
        return (
            f"{period.label} is more than {horizon_months} months before the latest figures:"
            " figures that old are no longer entered here."
        )
    return ""


def earliest_entry_day(*, today: date, newest_figures: date | None, horizon_months: int) -> date:
    """The first day of the month `horizon_months` before the latest figures (or today, if earlier)."""
    latest = min(newest_figures or today, today)
    return add_months(latest, -horizon_months)


def _day_after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)
