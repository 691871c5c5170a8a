"""Significance against a comparator, as Fingertips (OHID) shows it.

- A proportion's confidence interval is Wilson's score interval, without continuity correction
  (PHEindicatormethods' `wilson_lower` and `wilson_upper`, which `phe_proportion` uses).
- A count's, or a rate's, is Byar's method on the count, and for fewer than 10 events the exact
  interval from the Poisson distribution, as `phe_rate` does (Byar's is poor for small counts).
  A rate's interval is the count's divided by the denominator, times the multiplier.
- Intervals are taken at 95% and 99.8% (`LEVELS`).
- A council's figure is better, similar or worse than a comparator's (England's, its neighbours')
  by whether its interval holds the comparator's value: an interval wholly above it is higher, wholly
  below it lower, and one that holds it (even on its edge) similar. Polarity turns higher and lower
  into better and worse; an indicator judged within a range, or with no polarity, is only higher or
  lower, as Fingertips says. Without an interval (no numerator and denominator, or no count) or
  without the comparator's value, the figure is not compared.
"""

import math
from enum import StrEnum
from statistics import NormalDist
from typing import NamedTuple

from indicators.rules.terms import Polarity

LEVELS = (0.95, 0.998)
# Below this many events a count's interval is exact rather than Byar's (phe_rate).
EXACT_BELOW = 10


class Interval(NamedTuple):
    lower: float
    upper: float
    confidence: float


class Comparison(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NOT_COMPARED = "not_compared"

    @property
    def words(self) -> str:
        """ "Better", for the caller to finish: "Better than England"."""
        return "Not compared" if self is Comparison.NOT_COMPARED else self.value.capitalize()


def z_score(confidence: float) -> float:
    """The normal deviate for a two-sided interval: 1.959964 at 95%, 3.090232 at 99.8%."""
    if not 0 < confidence < 1:
        raise ValueError(f"A confidence level is a fraction between 0 and 1, not {confidence}.")
    return NormalDist().inv_cdf(confidence + (1 - confidence) / 2)


def wilson_interval(numerator: float, denominator: float, confidence: float = 0.95) -> Interval:
    """Wilson's score interval for a proportion, as a fraction (multiply by 100 for per cent)."""
    x, n = float(numerator), float(denominator)
    if x < 0:
        raise ValueError("A proportion's numerator cannot be negative.")
    if n <= 0:
        raise ValueError("A proportion's denominator must be more than nothing.")
    if x > n:
        raise ValueError("A proportion's numerator cannot be more than its denominator.")
    z = z_score(confidence)
    spread = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    return Interval(
        lower=(2 * x + z * z - spread) / 2 / (n + z * z),
        upper=(2 * x + z * z + spread) / 2 / (n + z * z),
        confidence=confidence,
    )


def byar_interval(count: float, confidence: float = 0.95) -> Interval:
    """A count's interval: Byar's method, exact (Poisson) below 10 events as phe_rate."""
    x = float(count)
    if x < 0:
        raise ValueError("A count cannot be negative.")
    z = z_score(confidence)
    if x < EXACT_BELOW:
        alpha = 1 - confidence
        lower = 0.0 if x == 0 else _gamma_quantile(x, alpha / 2)
        return Interval(lower, _gamma_quantile(x + 1, 1 - alpha / 2), confidence)
    return Interval(
        lower=x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3,
        upper=(x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3,
        confidence=confidence,
    )


def rate_interval(count: float, denominator: float, multiplier: float, confidence: float = 0.95) -> Interval:
    """A rate's interval (per `multiplier`, e.g. 10,000 children): the count's, scaled."""
    if float(denominator) <= 0:
        raise ValueError("A rate's denominator must be more than nothing.")
    scale = float(multiplier) / float(denominator)
    interval = byar_interval(count, confidence)
    return Interval(interval.lower * scale, interval.upper * scale, confidence)


def compare(
    interval: Interval | None, comparator_value: float | None, polarity: Polarity | str
) -> Comparison:
    """How a figure with this interval compares with a comparator's value, read through polarity."""
    if interval is None or comparator_value is None:
        return Comparison.NOT_COMPARED
    polarity = Polarity(polarity)
    value = float(comparator_value)
    if interval.lower > value:
        direction = Comparison.HIGHER
    elif interval.upper < value:
        direction = Comparison.LOWER
    else:
        return Comparison.SIMILAR
    if polarity is Polarity.HIGHER_IS_BETTER:
        return Comparison.BETTER if direction is Comparison.HIGHER else Comparison.WORSE
    if polarity is Polarity.LOWER_IS_BETTER:
        return Comparison.BETTER if direction is Comparison.LOWER else Comparison.WORSE
    return direction


def _gamma_quantile(shape: float, probability: float) -> float:
    """The point below which a gamma(shape, 1) variable falls with this probability.

    Half the chi-squared quantile with 2 × shape degrees of freedom (R's `qchisq(p, 2x) / 2`), found
    by bisection on the regularised incomplete gamma function.
    """
    low, high = 0.0, shape + 40 * math.sqrt(shape) + 40
    for _ in range(200):
        middle = (low + high) / 2
        if _gamma_cdf(shape, middle) < probability:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _gamma_cdf(shape: float, t: float) -> float:
    if t <= 0:
        return 0.0
    term = total = 1 / shape
    n = 0
    while term > total * 1e-17:
        n += 1
        term *= t / (shape + n)
        total += term
    return total * math.exp(-t + shape * math.log(t) - math.lgamma(shape))
