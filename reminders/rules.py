"""Which reminder a figure calls for, and for whom.

The rules, as a performance team states them:

- A data owner is reminded once a set number of working days before a figure is due (5 unless the
  council sets otherwise), if it has not been entered by then.
- A data owner is reminded once when a figure is overdue: its due date has passed and it has not
  been entered.
- A lead officer, and the second officer where there is one, is reminded once when a figure is
  entered as provisional and awaits their validation: not a second officer about a figure they
  entered themselves, which someone else validates (indicators/rules/validation.py).
- An action's owner is reminded once the same number of working days before the action is due, if
  it is still open, and once when it is late: open past its due date (reports/actions.py).
"""

from datetime import date

from indicators.rules.due import DueState, working_days_after
from indicators.rules.terms import Labelled, OutturnStatus
from indicators.rules.validation import Validator, validation_refusal


class ReminderKind(Labelled):
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    AWAITING_VALIDATION = "awaiting_validation", "Awaiting validation"
    ACTION_DUE_SOON = "action_due_soon", "Action due soon"
    ACTION_LATE = "action_late", "Action late"


def owner_reminder(
    state: DueState, *, due: date, today: date, days_before: int, holidays: frozenset[date] = frozenset()
) -> ReminderKind | None:
    """The reminder a data owner gets about a figure in `state`, due on `due`; None for none."""
    if state is DueState.OVERDUE:
        return ReminderKind.OVERDUE
    if state is DueState.DUE and due <= working_days_after(today, days_before, holidays):
        return ReminderKind.DUE_SOON
    return None


def is_asked_to_validate(validator: Validator, status: str | None) -> bool:
    """Whether this lead or second officer is reminded of a figure on record with `status`: it is
    provisional, and they may validate it."""
    return status == OutturnStatus.PROVISIONAL and not validation_refusal(
        validator, status=status, is_current=True, is_unexplained_red=False
    )


def action_reminder(
    *, is_open: bool, due: date, today: date, days_before: int, holidays: frozenset[date] = frozenset()
) -> ReminderKind | None:
    """The reminder an action's owner gets about an action due on `due`; None for none."""
    if not is_open:
        return None
    if due < today:
        return ReminderKind.ACTION_LATE
    if due <= working_days_after(today, days_before, holidays):
        return ReminderKind.ACTION_DUE_SOON
    return None
