"""The vocabulary the rules share: polarity, ratings, directions, units, outturn statuses, target
and comparator kinds. The models store these values; the rules compare members, never bare strings."""

from enum import StrEnum


class Labelled(StrEnum):
    """A stored value with the words a committee reads for it."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Polarity(Labelled):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"
    WITHIN_RANGE = "range", "Within a range"
    NONE = "none", "No polarity (contextual)"


class Unit(Labelled):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    RATE_PER_10000 = "rate10k", "Rate per 10,000 children"
    WEEKS = "weeks", "Weeks"
    DAYS = "days", "Days"
    NUMBER = "number", "Number or average"


class OutturnStatus(Labelled):
    PROVISIONAL = "provisional", "Provisional"
    VALIDATED = "validated", "Validated"
    NOT_AVAILABLE = "not_available", "Not available in time"
    UNRELIABLE = "unreliable", "Cannot be reported reliably"
    SUPPRESSED = "suppressed", "Suppressed"


# The statuses whose figure may be reported to committee.
REPORTABLE_STATUSES = (OutturnStatus.PROVISIONAL, OutturnStatus.VALIDATED)


class TargetKind(Labelled):
    NATIONAL = "national", "National or statutory"
    LOCAL = "local", "Local"
    PROMISE = "promise", "Promise"


class ComparatorKind(Labelled):
    STATISTICAL_NEIGHBOURS = "neighbours", "Statistical neighbours' average"
    REGION = "region", "Region"
    ENGLAND = "england", "England"
    COUNCIL = "council", "This council (published)"


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = "not_rated"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return _RATING_LABELS[self]

    @property
    def letter(self) -> str:
        """The one- or three-letter form used in committee tables ("G to R", "n/a to R")."""
        return _RATING_LETTERS[self]


_RATING_LABELS = {
    Rating.GREEN: "Green",
    Rating.AMBER: "Amber",
    Rating.RED: "Red",
    Rating.NOT_RATED: "Not rated",
    Rating.NO_DATA: "No data",
}
_RATING_LETTERS = {
    Rating.GREEN: "G",
    Rating.AMBER: "A",
    Rating.RED: "R",
    Rating.NOT_RATED: "n/a",
    Rating.NO_DATA: "no data",
}


class Direction(StrEnum):
    IMPROVING = "improving"
    SAME = "same"
    WORSENING = "worsening"
    NOT_COMPARABLE = "not_comparable"

    @property
    def label(self) -> str:
        return _DIRECTION_LABELS[self]


_DIRECTION_LABELS = {
    Direction.IMPROVING: "Improving",
    Direction.SAME: "No real change",
    Direction.WORSENING: "Worsening",
    Direction.NOT_COMPARABLE: "Not comparable",
}


class Movement(StrEnum):
    """Which way the figure itself moved, whatever its polarity."""

    UP = "up"
    DOWN = "down"
    LEVEL = "level"
    UNKNOWN = "unknown"


class ToleranceKind(Labelled):
    POINTS = "points", "Units of the indicator (percentage points for a percentage)"
    PERCENT_OF_TARGET = "percent", "Per cent of the target"
