"""Benchmarking a council against every other, as DfE's Local Authority Interactive Tool (LAIT) does.

- Quartiles are R's default quantiles (type 7) of every local authority's value for the year;
  regions and England are not authorities and are left out, as are authorities without a value.
- Quartile band, when lower is better: A is [minimum, Q1], B is (Q1, Q2], C is (Q2, Q3], D is
  (Q3, maximum]. When higher is better the bands are reversed, so A is always the best quarter.
  Without a polarity of higher or lower is better there is no band.
- National rank: 1 is best in the direction of polarity; equal values share the lowest (best) rank,
  as R's rank(ties.method = "min"). Without such a polarity there is no rank.
- The neighbours' figure is their mean (LAIT) or, as DfE's children's social care outcomes and
  enablers dashboard shows it, their median for rates and percentages and their sum for counts;
  each over the neighbours with a value.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from indicators.rules.terms import Polarity

BANDS = ("A", "B", "C", "D")
RANKED_POLARITIES = (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER)


def quantile(values: list[Decimal], p: Decimal) -> Decimal:
    """R's type 7 quantile: interpolate between the sorted values at position (n - 1) * p."""
    if not values:
        raise ValueError("No values to take a quantile of.")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p
    below = int(position)
    fraction = position - below
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * fraction


@dataclass(frozen=True)
class Quartiles:
    """The minimum, Q1, median, Q3 and maximum of the authorities' values, and how many there were."""

    minimum: Decimal
    q1: Decimal
    q2: Decimal
    q3: Decimal
    maximum: Decimal
    count: int


def quartiles_of(values: list[Decimal]) -> Quartiles | None:
    if not values:
        return None
    q1, q2, q3 = (quantile(values, Decimal(n) / 4) for n in (1, 2, 3))
    return Quartiles(min(values), q1, q2, q3, max(values), len(values))


def band_for(value: Decimal | None, quartiles: Quartiles | None, polarity: Polarity) -> str | None:
    """A to D, A best; None without a value, without quartiles or without a higher/lower polarity."""
    if value is None or quartiles is None or polarity not in RANKED_POLARITIES:
        return None
    if value <= quartiles.q1:
        quarter = 0
    elif value <= quartiles.q2:
        quarter = 1
    elif value <= quartiles.q3:
        quarter = 2
    else:
        quarter = 3
    if polarity is Polarity.HIGHER_IS_BETTER:
        quarter = 3 - quarter
    return BANDS[quarter]


def rank_among(value: Decimal | None, others: list[Decimal], polarity: Polarity) -> int | None:
    """1 + how many of the others are strictly better, so equal values share the best rank."""
    if value is None or polarity not in RANKED_POLARITIES:
        return None
    if polarity is Polarity.HIGHER_IS_BETTER:
        return 1 + sum(other > value for other in others)
    return 1 + sum(other < value for other in others)


def mean_of(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def median_of(values: list[Decimal]) -> Decimal | None:
    return quantile(values, Decimal("0.5")) if values else None


def sum_of(values: list[Decimal]) -> Decimal | None:
    """The neighbours' total, for a count (R's sum(na.rm = TRUE) over those with a value)."""
    return sum(values, Decimal(0)) if values else None


class NeighbourMethod(StrEnum):
    """How DfE's children's social care dashboard sums up the neighbours: by what the figure counts."""

    MEDIAN = "median"
    SUM = "sum"


def dashboard_method(*, is_count: bool) -> NeighbourMethod:
    return NeighbourMethod.SUM if is_count else NeighbourMethod.MEDIAN


def dashboard_figure(values: list[Decimal], *, is_count: bool) -> Decimal | None:
    """The neighbours' figure as the dashboard shows it: the sum of a count, else the median."""
    return sum_of(values) if is_count else median_of(values)
