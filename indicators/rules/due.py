"""When a period's figures are due, and where each figure stands against that date.

The rules, as a performance team states them:

- A period's figure is due a number of working days after the period ends: 15 by default, set by
  the council; an indicator whose figures come later (DfE, Cafcass) has its own number.
- Working days are Monday to Friday, except the bank holidays the council lists.
- A figure not entered by the end of its due date is overdue.
- A figure entered is "entered" until it is validated; one not available in time, or that cannot be
  reported reliably, has been supplied with its reason and counts as entered.
"""

from datetime import date, timedelta
from enum import StrEnum

from indicators.rules.periods import Period
from indicators.rules.terms import OutturnStatus

SATURDAY = 5


class DueState(StrEnum):
    DUE = "due"
    OVERDUE = "overdue"
    ENTERED = "entered"
    VALIDATED = "validated"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def working_days_after(day: date, count: int, holidays: frozenset[date] = frozenset()) -> date:
    """The date `count` working days after `day` (`day` itself when count is 0)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def due_date(period: Period, *, working_days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The day the period's figure is due: `working_days` working days after the period ends."""
    return working_days_after(period.end, working_days, holidays)


def due_state(status: str | None, *, due: date, today: date) -> DueState:
    """Where a figure stands: `status` is that of the figure on record, None when there is none."""
    if status == OutturnStatus.VALIDATED:
        return DueState.VALIDATED
    if status is not None:
        return DueState.ENTERED
    return DueState.OVERDUE if today > due else DueState.DUE
