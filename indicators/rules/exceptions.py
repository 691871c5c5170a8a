"""Exception criteria: which indicators need the committee's attention.

Councils set their own criteria, so each is a small rule that can be switched on and configured:

- Rated Red (Merton 2020: "marked as amber or red"; Norfolk: "Red RAG rating").
- Rated Amber.
- Off target by X% or more (Norfolk: "a variance of 5% or more").
- Deteriorating for N periods running (Norfolk: "deteriorated for three consecutive months/quarters/
  years").
- Special cause concern: the series' variation shows a change for the worse that common cause
  variation would not explain (NHS England's "Making Data Count").
- Consistently failing the target: the target lies beyond the series' process limits, on the
  wrong side, so the process will not meet it without a change ("Making Data Count").

An indicator is an exception when it meets any criterion that is switched on; every criterion it
meets is reported, in words a member can read.

`ExceptionCriteria.DEFAULT` is what a council starts with, on the live exceptions page and for a new
committee alike: rated Red or Amber (Merton 2020: "marked as amber or red"; Bromley lists Amber
indicators as "performing below expectation") or worsening for three periods running (Norfolk).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from indicators.rules.terms import Direction, Rating


@dataclass(frozen=True)
class ExceptionCriteria:
    red: bool = True
    amber: bool = False
    off_target_percent: Decimal | None = None
    deteriorating_periods: int | None = None
    special_cause_concern: bool = False
    consistently_failing: bool = False

    DEFAULT: ClassVar["ExceptionCriteria"]

    def describe(self) -> list[str]:
        parts = []
        if self.red:
            parts.append("rated Red")
        if self.amber:
            parts.append("rated Amber")
        if self.off_target_percent is not None:
            parts.append(f"off target by {self.off_target_percent.normalize():f}% or more")
        if self.deteriorating_periods:
            parts.append(f"worsening for {self.deteriorating_periods} periods running")
        if self.special_cause_concern:
            parts.append("special cause concern")
        if self.consistently_failing:
            parts.append("consistently failing the target")
        return parts


ExceptionCriteria.DEFAULT = ExceptionCriteria(red=True, amber=True, deteriorating_periods=3)


@dataclass(frozen=True)
class ExceptionFacts:
    """What the criteria look at for one indicator in one period."""

    rating: Rating
    shortfall_percent: Decimal | None = None
    recent_directions: Sequence[Direction] = ()
    """Directions of travel, newest first: this period against the last, then the last against
    the one before, and so on."""
    is_special_cause_concern: bool = False
    concern: str = ""
    """Which rule found the special cause concern, in words ("7 points in a row below the average")."""
    is_consistently_failing: bool = False


def consecutive_worsening(directions: Sequence[Direction]) -> int:
    count = 0
    for direction in directions:
        if direction is not Direction.WORSENING:
            break
        count += 1
    return count


def exception_reasons(facts: ExceptionFacts, criteria: ExceptionCriteria) -> list[str]:
    """Every switched-on criterion this indicator meets, in words; empty when it is not an exception."""
    reasons = []
    if criteria.red and facts.rating is Rating.RED:
        reasons.append("Rated Red")
    if criteria.amber and facts.rating is Rating.AMBER:
        reasons.append("Rated Amber")
    if (
        criteria.off_target_percent is not None
        and facts.shortfall_percent is not None
        and facts.shortfall_percent > 0
        and facts.shortfall_percent >= criteria.off_target_percent
    ):
        reasons.append(
            f"Off target by {facts.shortfall_percent:.1f}% "
            f"({criteria.off_target_percent.normalize():f}% or more is an exception)"
        )
    if criteria.deteriorating_periods:
        run = consecutive_worsening(facts.recent_directions)
        if run >= criteria.deteriorating_periods:
            reasons.append(f"Worsening for {run} periods running")
    if criteria.special_cause_concern and facts.is_special_cause_concern:
        reasons.append(
            f"Special cause concern: {facts.concern}" if facts.concern else "Special cause concern"
        )
    if criteria.consistently_failing and facts.is_consistently_failing:
        reasons.append("Consistently failing the target")
    return reasons
