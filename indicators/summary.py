"""Summary counts for the top of the index: Red / Amber / Green / Not rated / No data, and
improving / same / worse (Cheshire East's table)."""

from collections import Counter
from dataclasses import dataclass

from indicators.assessment import Assessment
from indicators.rules.terms import Direction, Rating

RATINGS_SHOWN = [Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NOT_RATED, Rating.NO_DATA]
DIRECTIONS_SHOWN = [Direction.IMPROVING, Direction.SAME, Direction.WORSENING, Direction.NOT_COMPARABLE]


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


def rating_counts(assessments: list[Assessment]) -> list[Count]:
    counts = Counter(a.rating for a in assessments)
    return [Count(r.value, r.label, counts[r]) for r in RATINGS_SHOWN]


def direction_counts(assessments: list[Assessment]) -> list[Count]:
    counts = Counter(a.direction for a in assessments)
    return [Count(d.value, d.label, counts[d]) for d in DIRECTIONS_SHOWN]
