"""Statistical process control: Making Data Count's XmR chart, as NHSRplotthedots 0.2.2 draws it.

- The limits: the average, and 2.66 times the average moving range either side of it (the process
  limits). A point is near a limit beyond two thirds of that distance. A moving range of 3.267 times
  the average moving range or more is screened out of the limits (never out of the average), as the
  package does by default; Making Data Count's Excel tool does not screen.
- Special cause variation, by the first of these rules that a point meets:
  1. a point outside the process limits;
  2. 7 points in a row each higher than the last (or each lower): a point equal to the one before
     breaks the run;
  3. 2 of 3 points in a row near a limit (beyond two thirds of the way to it, but not outside it),
     all 3 on the same side of the average. This is the package's rule (0.2.2); the two points near
     the limit are marked. In November 2023 Making Data Count changed the rule so that every point
     beyond two thirds of the way counts, a point outside the limit too (NHSRplotthedots issue
     #194); the portal follows 0.2.2, so a point outside a limit and one near it are not 2 of 3.
  4. 7 points in a row above the average (or below): a point on the average breaks the run.
- A special cause is an improvement or a concern by the indicator's improvement direction, and
  neither (neutral) where it has none. A point outside the limits, near a limit or in a run on one
  side points the way it lies from the average; a point in a run up or down points the way the run
  goes (where a point ends one run and starts another, the later run).
- The variation icon is the latest point's. Assurance compares the target with the latest limits: a
  target beyond the upper limit is consistently failed where higher is better (and consistently
  passed where lower is better), beyond the lower limit the opposite, and anywhere between the
  limits (or on one) hit and miss. A neutral indicator, as in the package, has no assurance.
- Limits are recalculated only from a point where someone recorded a reason (a rebase), never
  automatically; each baseline (segment) has its own average and limits, and runs do not cross
  from one segment to the next. A segment's limits can be fixed after its first points (`fix_after`,
  counting periods, missing ones too, as the package counts rows): later points are judged against
  them. Limits from fewer than 13 values are trial limits (the package warns below 12; the portal
  asks for 13).

Missing values are not points: they take no part in the rules, so a run goes on across a gap
without counting it. The moving range is only taken between neighbouring periods, so a gap drops
the ranges either side of it from the limits, as the package's `diff` does. A segment needs two
neighbouring values (one moving range) for limits (`MINIMUM_POINTS`); without them its points are
common cause and the chart has no icons. A series whose moving ranges are all nil has limits on its
average and nothing is screened (the package's screen would leave no range at all).
"""

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from statistics import fmean

LIMIT = 2.66
NEAR_LIMIT = LIMIT * 2 / 3
SCREEN = 3.267
RUN = 7
TRIAL_BELOW = 13
# What a chart says beside trial limits.
TRIAL_WORDS = f"Trial limits: set from fewer than {TRIAL_BELOW} points, they will change as points are added"
# The fewest values with a moving range between them: fewer give no limits (the package draws
# any number of points, with trial limits below 12).
MINIMUM_POINTS = 2


class Improvement(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"

    @property
    def words(self) -> str:
        return _IMPROVEMENT_WORDS[self]

    @property
    def sign(self) -> int:
        return {Improvement.INCREASE: 1, Improvement.DECREASE: -1, Improvement.NEUTRAL: 0}[self]


class Signal(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL = "special_cause_neutral"

    @property
    def words(self) -> str:
        return _SIGNAL_WORDS[self]


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    SHIFT = "shift"

    @property
    def words(self) -> str:
        return _RULE_WORDS[self]


class VariationIcon(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"

    @property
    def words(self) -> str:
        return _VARIATION_WORDS[self]


class Assurance(StrEnum):
    PASS = "pass"  # noqa: S105 (an assurance, not a password)
    FAIL = "fail"
    INCONSISTENT = "inconsistent"

    @property
    def words(self) -> str:
        return _ASSURANCE_WORDS[self]


_IMPROVEMENT_WORDS = {
    Improvement.INCREASE: "Higher is an improvement",
    Improvement.DECREASE: "Lower is an improvement",
    Improvement.NEUTRAL: "Neither higher nor lower is an improvement",
}
_SIGNAL_WORDS = {
    Signal.COMMON_CAUSE: "Common cause variation",
    Signal.IMPROVEMENT: "Special cause variation: improvement",
    Signal.CONCERN: "Special cause variation: concern",
    Signal.NEUTRAL: "Special cause variation: neither improvement nor concern",
}
_RULE_WORDS = {
    Rule.OUTSIDE_LIMITS: "A point outside the process limits",
    Rule.TREND: f"{RUN} points in a row each higher (or each lower) than the last",
    Rule.TWO_OF_THREE: "2 of 3 points near a process limit",
    Rule.SHIFT: f"{RUN} points in a row on one side of the average",
}
_VARIATION_WORDS = {
    VariationIcon.COMMON_CAUSE: "Common cause: no significant change",
    VariationIcon.IMPROVEMENT_HIGH: "Special cause improvement: higher",
    VariationIcon.IMPROVEMENT_LOW: "Special cause improvement: lower",
    VariationIcon.CONCERN_HIGH: "Special cause concern: higher",
    VariationIcon.CONCERN_LOW: "Special cause concern: lower",
    VariationIcon.NEUTRAL_HIGH: "Special cause, neither improvement nor concern: higher",
    VariationIcon.NEUTRAL_LOW: "Special cause, neither improvement nor concern: lower",
}
_ASSURANCE_WORDS = {
    Assurance.PASS: "Consistently passing the target",
    Assurance.FAIL: "Consistently failing the target",
    Assurance.INCONSISTENT: "Hit and miss: the target lies within the process limits",
}


@dataclass(frozen=True)
class Point:
    """One period on the chart. `value` None is a missing value: not plotted, no signal.

    The average and limits are the point's segment's (None where it has too few values for them:
    then its points are common cause and count as trial). `is_high` says which way a special
    cause points (above the average or a rising run: True); None for common cause and missing values.
    """

    index: int
    value: float | None
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    lower_near: float | None
    upper_near: float | None
    signal: Signal | None
    rule: Rule | None
    is_rebase: bool = False
    is_trial: bool = False
    is_high: bool | None = None

    @property
    def has_limits(self) -> bool:
        return self.upper_limit is not None

    @property
    def rule_words(self) -> str:
        """The rule that fired, in words ("7 points in a row above the average"); "" for none."""
        if self.rule is None:
            return ""
        if self.rule is Rule.OUTSIDE_LIMITS:
            return "A point outside the process limits"
        if self.rule is Rule.TREND:
            return f"{RUN} points in a row each {'higher' if self.is_high else 'lower'} than the last"
        if self.rule is Rule.TWO_OF_THREE:
            return f"2 of 3 points near the {'upper' if self.is_high else 'lower'} limit"
        return f"{RUN} points in a row {'above' if self.is_high else 'below'} the average"


@dataclass(frozen=True)
class Chart:
    points: tuple[Point, ...]
    improvement: Improvement
    target: float | None
    variation: VariationIcon | None
    assurance: Assurance | None
    is_trial: bool

    @property
    def latest(self) -> Point | None:
        """The last point with a value."""
        return next((point for point in reversed(self.points) if point.value is not None), None)

    @property
    def segments(self) -> tuple[tuple[Point, ...], ...]:
        """The points of each baseline, split where limits were recalculated."""
        segments: list[list[Point]] = []
        for point in self.points:
            if point.is_rebase or not segments:
                segments.append([])
            segments[-1].append(point)
        return tuple(tuple(segment) for segment in segments)


@dataclass(frozen=True)
class _Limits:
    mean: float
    lower: float | None = None
    upper: float | None = None
    lower_near: float | None = None
    upper_near: float | None = None
    is_trial: bool = True


def analyse(
    values: Iterable[float | None],
    improvement: Improvement | str,
    *,
    target: float | None = None,
    rebases: Collection[int] = (),
    fix_after: int | None = None,
    screen_outliers: bool = True,
) -> Chart:
    """Chart a series in time order: each value (or None) with its segment's limits and signal.

    `rebases` are the positions that start a new baseline; `fix_after` fixes each segment's
    average and limits on its first so many periods.
    """
    series = [_number(value) for value in values]
    improvement = Improvement(improvement)
    if fix_after is not None and fix_after < 1:
        raise ValueError("Limits can only be fixed after at least one point.")
    starts = sorted({0, *rebases})
    if starts[-1] >= max(len(series), 1) or starts[0] < 0:
        raise ValueError(f"A rebase must be a position in the series (0 to {len(series) - 1}).")
    points: list[Point] = []
    for start, end in pairwise([*starts, len(series)]):
        points.extend(
            _segment_points(series, start, end, improvement, fix_after=fix_after, screen=screen_outliers)
        )
    chart_target = None if target is None else float(target)
    latest = next((point for point in reversed(points) if point.value is not None), None)
    if latest is None or not latest.has_limits:
        return Chart(tuple(points), improvement, chart_target, None, None, latest is not None)
    return Chart(
        points=tuple(points),
        improvement=improvement,
        target=chart_target,
        variation=_variation(latest),
        assurance=_assurance(chart_target, latest, improvement),
        is_trial=latest.is_trial,
    )


def _number(value) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _limits(values: list[float | None], *, screen: bool) -> _Limits | None:
    present = [value for value in values if value is not None]
    if not present:
        return None
    mean = fmean(present)
    ranges = [abs(b - a) for a, b in pairwise(values) if a is not None and b is not None]
    if not ranges:
        return _Limits(mean)
    average_range = fmean(ranges)
    if screen and average_range > 0:
        average_range = fmean([r for r in ranges if r < SCREEN * average_range])
    return _Limits(
        mean=mean,
        lower=mean - LIMIT * average_range,
        upper=mean + LIMIT * average_range,
        lower_near=mean - NEAR_LIMIT * average_range,
        upper_near=mean + NEAR_LIMIT * average_range,
        is_trial=len(present) < TRIAL_BELOW,
    )


def _segment_points(
    series: list[float | None],
    start: int,
    end: int,
    improvement: Improvement,
    *,
    fix_after: int | None,
    screen: bool,
) -> list[Point]:
    values = series[start:end]
    limits = _limits(values if fix_after is None else values[:fix_after], screen=screen)
    rules = _special_causes(values, limits) if limits is not None and limits.upper is not None else {}
    points = []
    for offset, value in enumerate(values):
        rule, direction = rules.get(offset, (None, 0))
        if value is None:
            signal = None
        elif rule is None:
            signal = Signal.COMMON_CAUSE
        elif improvement is Improvement.NEUTRAL:
            signal = Signal.NEUTRAL
        else:
            signal = Signal.IMPROVEMENT if direction * improvement.sign > 0 else Signal.CONCERN
        points.append(
            Point(
                index=start + offset,
                value=value,
                mean=limits.mean if limits else None,
                lower_limit=limits.lower if limits else None,
                upper_limit=limits.upper if limits else None,
                lower_near=limits.lower_near if limits else None,
                upper_near=limits.upper_near if limits else None,
                signal=signal,
                rule=rule,
                is_rebase=start > 0 and offset == 0,
                is_trial=limits.is_trial if limits else True,
                is_high=None if rule is None else direction > 0,
            )
        )
    return points


def _special_causes(values: list[float | None], limits: _Limits) -> dict[int, tuple[Rule, int]]:
    """The first rule each special cause point meets, and its direction (1 up, -1 down), by offset."""
    offsets = [offset for offset, value in enumerate(values) if value is not None]
    ys = [values[offset] for offset in offsets]
    side = [(y > limits.mean) - (y < limits.mean) for y in ys]
    outside = {
        i: 1 if y > limits.upper else -1 for i, y in enumerate(ys) if not limits.lower <= y <= limits.upper
    }
    near = [i not in outside and not limits.lower_near <= y <= limits.upper_near for i, y in enumerate(ys)]
    found = {
        Rule.OUTSIDE_LIMITS: outside,
        Rule.TREND: _runs([(b > a) - (b < a) for a, b in pairwise(ys)], length=RUN - 1),
        Rule.TWO_OF_THREE: _two_of_three(side, near),
        Rule.SHIFT: _runs(side, length=RUN),
    }
    causes: dict[int, tuple[Rule, int]] = {}
    for rule in Rule:  # in the package's order: the first rule met names the point
        for i, direction in found[rule].items():
            causes.setdefault(offsets[i], (rule, direction))
    return causes


def _runs(signs: list[int], *, length: int) -> dict[int, int]:
    """The 7 points of each run of `length` signs alike and not nil: 6 steps up (or down) between
    7 points, or 7 points on one side of the average. A point that ends one run and starts the
    next points the way the later run goes."""
    marked: dict[int, int] = {}
    for i in range(len(signs) - length + 1):
        alike = set(signs[i : i + length])
        if len(alike) == 1 and 0 not in alike:
            marked.update(dict.fromkeys(range(i, i + RUN), alike.pop()))
    return marked


def _two_of_three(side: list[int], near: list[bool]) -> dict[int, int]:
    """The near points of any 3 in a row with 2 or more near a limit, all on one side."""
    marked: dict[int, int] = {}
    for i in range(len(side) - 2):
        span = range(i, i + 3)
        if sum(near[j] for j in span) >= 2 and abs(sum(side[j] for j in span)) == 3:
            marked.update({j: side[j] for j in span if near[j]})
    return marked


def _variation(latest: Point) -> VariationIcon:
    if latest.signal is Signal.COMMON_CAUSE or latest.signal is None:
        return VariationIcon.COMMON_CAUSE
    kind = {Signal.IMPROVEMENT: "improvement", Signal.CONCERN: "concern", Signal.NEUTRAL: "neutral"}
    return VariationIcon(f"{kind[latest.signal]}_{'high' if latest.is_high else 'low'}")


def _assurance(target: float | None, latest: Point, improvement: Improvement) -> Assurance | None:
    if target is None or improvement is Improvement.NEUTRAL:
        return None
    if target > latest.upper_limit:
        return Assurance.FAIL if improvement is Improvement.INCREASE else Assurance.PASS
    if target < latest.lower_limit:
        return Assurance.PASS if improvement is Improvement.INCREASE else Assurance.FAIL
    return Assurance.INCONSISTENT
