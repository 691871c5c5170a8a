"""What is due: each recent period's figures, by indicator and owner, against their due dates."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q

from indicators.entry.selectors import period_key
from indicators.models import Indicator, Outturn, OutturnStatus
from indicators.reader import Reader
from indicators.rules.due import DueState, due_date, due_state
from indicators.rules.periods import Period, PeriodKind, add_months

DUE_PAGE_MONTHS = 12
STATE_ORDER = (DueState.OVERDUE, DueState.DUE, DueState.ENTERED, DueState.VALIDATED)
"""The order the page lists figures in: what needs doing first, what is done last."""
STATE_HEADINGS = {
    DueState.OVERDUE: "Overdue",
    DueState.DUE: "Due",
    DueState.ENTERED: "Entered, awaiting validation",
    DueState.VALIDATED: "Validated",
}
TAG_CLASSES = {
    DueState.DUE: "govuk-tag--yellow",
    DueState.OVERDUE: "govuk-tag--red",
    DueState.ENTERED: "govuk-tag--blue",
    DueState.VALIDATED: "govuk-tag--green",
}


def person_text(person, job_title: str) -> str:
    """An owner as the pages name them: "Dana Okafor, Head of Social Care", or the job title alone."""
    if person is None:
        return job_title or "Not recorded"
    name = person.get_full_name() or person.get_username()
    return f"{name}, {job_title}" if job_title else name


def standing_text(status: str, first_name: str | None, last_name: str | None, username: str | None) -> str:
    """Where a figure on record stands: provisional, or validated and by whom when that is recorded."""
    if status == OutturnStatus.PROVISIONAL:
        return "Provisional: awaiting validation"
    if status != OutturnStatus.VALIDATED:
        return ""
    name = " ".join(part for part in (first_name, last_name) if part) or username
    return f"Validated by {name}" if name else ""


@dataclass(frozen=True)
class DueLine:
    """One indicator's figure for a period: when it is due and where it stands."""

    indicator: Indicator
    due: date
    state: DueState
    data_owner: str
    lead_officer: str
    standing: str = ""
    """Where an entered figure stands: "Provisional" or "Validated by Dana Okafor"."""

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.state]


@dataclass
class DuePeriod:
    period: Period
    lines: list[DueLine] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[DueState, int, str]]:
        """How many figures are in each state (in STATE_ORDER), with the state's tag colour."""
        counted = Counter(line.state for line in self.lines)
        return [(state, counted[state], TAG_CLASSES[state]) for state in STATE_ORDER]


def working_days_for(indicator: Indicator) -> int:
    if indicator.due_working_days is not None:
        return indicator.due_working_days
    return settings.ENTRY_DUE_WORKING_DAYS


def is_due_in(indicator: Indicator, period: Period) -> bool:
    """Whether the indicator has a figure for the period: its frequency and year, and in force then."""
    return (
        indicator.frequency == period.kind
        and (period.kind is not PeriodKind.YEAR or indicator.year_basis == period.basis)
        and (indicator.introduced_on is None or indicator.introduced_on <= period.end)
        and (indicator.retired_on is None or indicator.retired_on > period.end)
    )


def due_periods(
    periods: list[Period], *, user, reader: Reader, today: date, only_mine: bool = False
) -> list[DuePeriod]:
    """The periods ended in the last year with any figure due, newest first.

    Two queries whatever the suite's size: the indicators with their owners, and the statuses of
    their figures for these periods.
    """
    recent = [p for p in periods if p.end >= add_months(today, -DUE_PAGE_MONTHS) and p.end < today]
    if not recent:
        return []
    indicators = Indicator.objects.select_related("service_area", "data_owner_user", "lead_officer_user")
    if not reader.sees_restricted:
        indicators = indicators.filter(is_restricted=False)
    if only_mine:
        indicators = indicators.filter(
            Q(data_owner_user=user) | Q(lead_officer_user=user) | Q(second_officer_user=user)
        )
    statuses = {
        (indicator_id, kind, basis, start): (status, standing_text(status, first, last, username))
        for indicator_id, kind, basis, start, status, first, last, username in Outturn.objects.filter(
            indicator__in=indicators.values("pk"),
            period__start__gte=min(p.start for p in recent),
            period__end__lte=max(p.end for p in recent),
        ).values_list(
            "indicator_id",
            "period__kind",
            "period__basis",
            "period__start",
            "status",
            "validated_by__first_name",
            "validated_by__last_name",
            "validated_by__username",
        )
    }
    indicators = list(indicators)
    owners = {
        indicator.pk: (
            person_text(indicator.data_owner_user, indicator.data_owner),
            person_text(indicator.lead_officer_user, indicator.lead_officer),
        )
        for indicator in indicators
    }
    result = []
    for period in sorted(recent, key=lambda p: (p.end, p.kind), reverse=True):
        due = DuePeriod(period)
        for indicator in indicators:
            if not is_due_in(indicator, period):
                continue
            day = due_date(
                period, working_days=working_days_for(indicator), holidays=settings.ENTRY_BANK_HOLIDAYS
            )
            status, standing = statuses.get(
                (indicator.pk, period.kind, period.basis, period.start), (None, "")
            )
            due.lines.append(
                DueLine(
                    indicator,
                    day,
                    due_state(status, due=day, today=today),
                    data_owner=owners[indicator.pk][0],
                    lead_officer=owners[indicator.pk][1],
                    standing=standing,
                )
            )
        if due.lines:
            result.append(due)
    return result


@dataclass(frozen=True)
class FigureDue:
    """One period's figure of an indicator, as a link to enter it."""

    label: str
    key: str
    due: date
    standing: str = ""


@dataclass
class IndicatorFigures:
    """An indicator's figures that stand the same way (all overdue, say), newest period first."""

    indicator: Indicator
    state: DueState
    data_owner: str
    lead_officer: str
    standing: str
    figures: list[FigureDue] = field(default_factory=list)

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.state]

    @property
    def first_due(self) -> date:
        return min(figure.due for figure in self.figures)

    @property
    def last_due(self) -> date:
        return max(figure.due for figure in self.figures)


def figures_by_state(periods: list[DuePeriod]) -> dict[DueState, list[IndicatorFigures]]:
    """Every figure of these periods by where it stands (in STATE_ORDER), one row per indicator
    listing its periods newest first: twelve overdue months of one indicator make one row, not
    twelve."""
    grouped: dict[DueState, dict[int, IndicatorFigures]] = {state: {} for state in STATE_ORDER}
    for due_period in periods:
        key = period_key(due_period.period)
        for line in due_period.lines:
            row = grouped[line.state].setdefault(
                line.indicator.pk,
                IndicatorFigures(
                    line.indicator, line.state, line.data_owner, line.lead_officer, line.standing
                ),
            )
            # "Oct 2026" kept on one line in a list of periods.
            label = due_period.period.label.replace(" ", "\N{NO-BREAK SPACE}")
            row.figures.append(FigureDue(label, key, line.due, line.standing))
    return {state: list(rows.values()) for state, rows in grouped.items()}
