"""The committee's rules for reports and decisions, as pure functions: no models, no database.

- A rating change is written as the committee writes it: "G to R", "A to G", "n/a to R"; an
  indicator that was not in the previous report is "new to R".
- A decision must say what it does to the suite:
  - adding brings in at least one indicator and takes none out;
  - retiring takes at least one out and brings none in;
  - replacing takes at least one out and brings at least one in (7 and 15 by one combined
    caseload indicator);
  - splitting takes exactly one out and brings at least two in (23 into 23a and 23b);
  - changing a target names exactly one indicator, the year and the new value.
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators.rules.terms import Rating


def rating_change(previous: Rating | None, current: Rating) -> str:
    """ "G to R"; "new to R" when the indicator was not in the previous report."""
    before = previous.letter if previous is not None else "new"
    return f"{before} to {current.letter}"


@dataclass(frozen=True)
class DecisionShape:
    """What a decision names, counted: enough to check it makes sense before it changes the suite."""

    effect: str
    taken_out: int
    brought_in: int
    target_year: int | None = None
    target_value: Decimal | None = None


def decision_problems(shape: DecisionShape) -> list[str]:
    """Every reason the decision cannot be applied, in words; empty when it can."""
    effect, out, into = shape.effect, shape.taken_out, shape.brought_in
    if effect == "add":
        return _need(into >= 1, "Name the indicators it adds.") + _need(out == 0, "Adding takes nothing out.")
    if effect == "retire":
        return _need(out >= 1, "Name the indicators it retires.") + _need(
            into == 0, "Retiring brings nothing in; record a replacement instead."
        )
    if effect == "replace":
        return _need(out >= 1, "Name the indicators it replaces.") + _need(
            into >= 1, "Name the indicators that replace them."
        )
    if effect == "split":
        return _need(out == 1, "Name the one indicator it splits.") + _need(
            into >= 2, "Name at least two indicators it is split into."
        )
    if effect == "change_target":
        return (
            _need(out == 1 and into == 0, "Name the one indicator whose target changes.")
            + _need(shape.target_year is not None, "Give the year of the new target.")
            + _need(shape.target_value is not None, "Give the new target's value.")
        )
    return [f"{effect!r} is not a decision the log knows."]


def _need(condition: bool, problem: str) -> list[str]:
    return [] if condition else [problem]
