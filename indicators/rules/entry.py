"""What a performance officer may enter as a period's figure.

The rules, as a performance team states them:

- A figure is a value, or for a percentage or a rate a numerator and a denominator from which the
  value is computed. When all three are given they must agree; a count, weeks or days have no
  numerator or denominator.
- A percentage is between 0 and 100.
- A numerator is not above its denominator, and a denominator is above zero.
- Counts are whole and not negative; numerators and denominators count children, so they are too.
- Weeks, days and rates are not negative (a score such as Progress 8 may be).
- A value typed beside its numerator and denominator agrees with them to the places typed.
- A provisional or validated figure has a value; a figure not available in time has none.
- A value that moves from the previous period's by more than the configured per cent is accepted
  only when the officer confirms it and explains it in the commentary.
- A Red figure is validated only with commentary.
- An officer entering a figure does not mark it validated: its lead officer or second officer does,
  on the validation page (rules/validation.py). "Validated" is kept only by a figure already so.
- An unchanged figure is never a change: a validated figure entered again with the same numbers,
  as "Validated" or as "Provisional", stays as it is, with no correction.
- A change to a figure already published to committee is a correction and needs a reason.
- A number is typed with the digits 0 to 9, at most one decimal point and an optional sign:
  `３６５`, `३६५`, `٧١` and `3_66` are refused, though Python would read them as numbers, and so is
  scientific notation (`1e15`), which is refused saying to type the number out in full.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from indicators.rules.figures import format_value, rounded, value_from_fraction
from indicators.rules.rating import HUNDRED, TargetRule, rating_for
from indicators.rules.terms import REPORTABLE_STATUSES, OutturnStatus, Polarity, Rating, Unit

PROPORTION_UNITS = (Unit.PERCENT, Unit.RATE_PER_10000)
NEVER_NEGATIVE_UNITS = (Unit.PERCENT, Unit.RATE_PER_10000, Unit.COUNT, Unit.WEEKS, Unit.DAYS)
NEEDS_VALUE = REPORTABLE_STATUSES
NOT_AVAILABLE = OutturnStatus.NOT_AVAILABLE
STORED_PLACES = Decimal("0.0001")
NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
SCIENTIFIC = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
DIGITS_ACCEPTED = (
    "the digits 0 to 9, at most one decimal point and an optional minus sign, such as 71 or -2.5"
)
NUMBER_ACCEPTED = f"enter a number with {DIGITS_ACCEPTED}"
IN_FULL = "type it out in full with the digits 0 to 9, such as 1500000 rather than 1.5e6"


def parse_number(text: str) -> Decimal | None:
    """A typed number as a figure; None when nothing is typed.

    Raises ValueError, saying what is accepted, for anything but ASCII digits with at most one
    decimal point and an optional sign (surrounding spaces are ignored).
    """
    typed = text.strip(" \t\r\n")
    if not typed:
        return None
    if SCIENTIFIC.fullmatch(typed):
        raise ValueError(f"'{typed}' is in scientific notation: {IN_FULL}")
    if not NUMBER.fullmatch(typed):
        raise ValueError(f"'{typed}' is not a number: {NUMBER_ACCEPTED}")
    return Decimal(typed)


@dataclass(frozen=True)
class Entry:
    """What the officer typed for one indicator in one period."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = OutturnStatus.PROVISIONAL
    source: str = ""
    commentary: str = ""
    is_change_confirmed: bool = False
    correction_reason: str = ""

    @property
    def is_blank(self) -> bool:
        """Nothing typed: left so, the row adds no figure."""
        return (
            self.value is None
            and self.numerator is None
            and self.denominator is None
            and self.status == OutturnStatus.PROVISIONAL
            and not self.commentary.strip()
        )


@dataclass(frozen=True)
class Recorded:
    """The figure already on record for the period."""

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    source: str = ""
    commentary: str = ""
    is_published: bool = False


@dataclass(frozen=True)
class EntryContext:
    """What is known about the indicator and period when judging an entry."""

    unit: str
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    is_target_measure: bool = True
    target: TargetRule | None = None
    previous_value: Decimal | None = None
    recorded: Recorded | None = None
    change_confirm_percent: Decimal | None = None
    decimal_places: int = 1


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def value_of(entry: Entry, unit: str) -> Decimal | None:
    """The figure an entry makes: computed from its numerator and denominator where it has them."""
    if entry.numerator is not None and entry.denominator:
        return stored(value_from_fraction(entry.numerator, entry.denominator, unit))
    return entry.value


def stored(value: Decimal | None) -> Decimal | None:
    """A value as the database keeps it: four decimal places."""
    return None if value is None else value.quantize(STORED_PLACES)


def changes_figure(entry: Entry, recorded: Recorded | None, unit: str) -> bool:
    """Whether the entry changes the figure itself (value, fraction or status), not only its words."""
    if recorded is None:
        return not entry.is_blank
    return (
        stored(value_of(entry, unit)) != stored(recorded.value)
        or stored(entry.numerator) != stored(recorded.numerator)
        or stored(entry.denominator) != stored(recorded.denominator)
        or _kind_of(entry.status) != _kind_of(recorded.status)
    )


def _kind_of(status: str) -> str:
    """What a status says about the figure itself: provisional and validated are both a figure, and
    which of them it is, is for validation to decide, not entry."""
    return OutturnStatus.PROVISIONAL if status in REPORTABLE_STATUSES else status


def changes_record(entry: Entry, recorded: Recorded | None, unit: str) -> bool:
    """Whether saving the entry would change anything on record."""
    if changes_figure(entry, recorded, unit):
        return True
    return recorded is not None and (
        entry.source.strip() != recorded.source or entry.commentary.strip() != recorded.commentary
    )


def is_correction(entry: Entry, recorded: Recorded | None, unit: str) -> bool:
    return recorded is not None and recorded.is_published and changes_figure(entry, recorded, unit)


def is_large_move(value: Decimal, previous: Decimal | None, percent: Decimal | None) -> bool:
    """A move of more than `percent` per cent of the previous value (any move away from zero)."""
    if previous is None or not percent:
        return False
    if previous == 0:
        return value != 0
    return abs(value - previous) / abs(previous) * HUNDRED > percent


def rating_of(value: Decimal | None, context: EntryContext) -> Rating:
    """The rating a figure gets against the period's target: the committee's rule, as the index
    applies it."""
    rule, polarity = context.target, context.polarity
    return rating_for(
        value,
        rule,
        polarity,
        decimal_places=context.decimal_places,
        is_target_measure=context.is_target_measure,
    ).rating


def needs_commentary(value: Decimal | None, commentary: str, context: EntryContext) -> bool:
    """Whether the figure is Red with nothing in its commentary: it waits for that before validation."""
    return not commentary.strip() and rating_of(value, context) is Rating.RED


def problems_with(entry: Entry, context: EntryContext) -> list[Problem]:
    """Every rule the entry breaks, each with the field it concerns and what to do about it."""
    problems = _figure_problems(entry, context.unit)
    if problems:
        return problems
    value = value_of(entry, context.unit)
    problems = _status_problems(entry, value, context.recorded)
    if value is not None and context.unit == Unit.PERCENT and not 0 <= value <= HUNDRED:
        problems.append(Problem("value", "Enter a percentage between 0 and 100"))
    if problems:
        return problems
    recorded = context.recorded
    is_new_value = recorded is None or stored(value) != stored(recorded.value)
    if (
        value is not None
        and is_new_value
        and is_large_move(value, context.previous_value, context.change_confirm_percent)
    ):
        problems.extend(_large_move_problems(entry, context))
    if entry.status == OutturnStatus.VALIDATED and needs_commentary(value, entry.commentary, context):
        problems.append(Problem("commentary", "Explain a Red figure in the commentary before validating it"))
    if is_correction(entry, recorded, context.unit) and not entry.correction_reason.strip():
        problems.append(
            Problem("correction_reason", "This figure has been published: give the reason for correcting it")
        )
    return problems


def _figure_problems(entry: Entry, unit: str) -> list[Problem]:
    problems = []
    has_fraction = entry.numerator is not None or entry.denominator is not None
    if has_fraction and unit not in PROPORTION_UNITS:
        field = "numerator" if entry.numerator is not None else "denominator"
        return [Problem(field, "Only a percentage or a rate has a numerator and denominator")]
    if has_fraction and (entry.numerator is None or entry.denominator is None):
        missing = "numerator" if entry.numerator is None else "denominator"
        return [Problem(missing, f"Enter the {missing} as well, or neither")]
    for field in ("numerator", "denominator"):
        number = getattr(entry, field)
        if number is not None and (number < 0 or number != number.to_integral_value()):
            problems.append(Problem(field, f"Enter the {field} as a whole number, 0 or more"))
    if problems:
        return problems
    if entry.denominator is not None and entry.denominator <= 0:
        return [Problem("denominator", "Enter a denominator above 0")]
    if has_fraction and entry.numerator > entry.denominator:
        return [Problem("numerator", "The numerator must not be more than the denominator")]
    if entry.value is not None:
        problems.extend(_value_problems(entry, unit))
    return problems


def _value_problems(entry: Entry, unit: str) -> list[Problem]:
    value = entry.value
    if unit == Unit.COUNT and (value < 0 or value != value.to_integral_value()):
        return [Problem("value", "Enter a count as a whole number, 0 or more")]
    if unit in NEVER_NEGATIVE_UNITS and value < 0:
        return [Problem("value", "Enter a figure of 0 or more")]
    if entry.numerator is not None and entry.denominator:
        computed = stored(value_from_fraction(entry.numerator, entry.denominator, unit))
        if rounded(computed, max(-value.as_tuple().exponent, 0)) != value:
            return [
                Problem(
                    "value",
                    f"The value does not match the numerator and denominator ({computed.normalize():f});"
                    " leave it empty and it is computed",
                )
            ]
    return []


def _status_problems(entry: Entry, value: Decimal | None, recorded: Recorded | None) -> list[Problem]:
    if entry.status == OutturnStatus.VALIDATED and (recorded is None or recorded.status != entry.status):
        return [
            Problem(
                "status",
                "Enter the figure as provisional: its lead officer or second officer validates it",
            )
        ]
    if entry.status in NEEDS_VALUE and value is None:
        return [Problem("value", "Enter the figure, or choose a status that says why there is none")]
    if entry.status == NOT_AVAILABLE and value is not None:
        return [
            Problem("value", "A figure not available in time has no value: remove it or change the status")
        ]
    return []


def _large_move_problems(entry: Entry, context: EntryContext) -> list[Problem]:
    previous = format_value(context.previous_value, context.unit, context.decimal_places)
    limit = f"{context.change_confirm_percent.normalize():f}"
    problems = []
    if not entry.is_change_confirmed:
        problems.append(
            Problem(
                "confirm_change",
                f"The figure moves by more than {limit}% from the previous period's {previous}:"
                " confirm it is right",
            )
        )
    if not entry.commentary.strip():
        problems.append(
            Problem("commentary", f"Explain in the commentary why the figure moves by more than {limit}%")
        )
    return problems
