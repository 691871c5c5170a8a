"""What else is withheld so that no withheld figure can be worked out from the figures shown.

The rule, as a council states it, after DfE's guidance on the suppression of statistics (counts of
1 to 5 are shown as `c`, and so is any other figure from which one could be worked out by
subtraction, from totals and from cumulative figures alike):

- A small number (1 to 5) is withheld (`suppression.should_suppress`); zero is not.
- So is a correction of a year-to-date figure when either figure is a small step from the one
  before it in the year.
- A year-to-date figure is withheld when the step from the figure before it in the same year is a
  small number, up or down: subtracting the two would give the small number in that period (or
  taken out of the year's count by a correction). The later figure is withheld, never the earlier,
  which a published report may already have shown.
- Every way the council breaks a figure down is a set of sums a reader can do: the council's
  figure is the sum of each dimension's parts (its localities, and again its teams), and a
  locality is the sum of the teams inside it. Taken all together, with every figure shown in them,
  no withheld figure may be worked out exactly. While one could be, the smallest figure shown in
  one of its sums is withheld too (secondary suppression): the smallest whose withholding leaves it
  unknown, otherwise the smallest. Every withheld figure carries the same mark, so a reader cannot
  tell which was small.
- The council's own figure is withheld only for itself (a small number, or a small step): it is the
  figure the committee rates, and is never withheld to protect a part.
- A part without a figure is unknown to a reader, so a sum it is in gives nothing away.
- For a percentage or a rate, the numerators add up and so do the denominators: a part is
  withheld whole, and each of them is judged a small number or not.

This module decides which cells of one period are withheld; the sums say how they add up.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import gcd

from indicators.rules.periods import Period, PeriodKind, YearBasis, reporting_year
from indicators.rules.suppression import is_small, should_suppress


@dataclass(frozen=True)
class Cell:
    """A figure a reader may be shown: a part, or the council's figure.

    `amounts` are what add up in the sums (a count; or a numerator and a denominator); None when it
    has none a reader could add (a percentage typed without its fraction, an average).
    """

    key: Hashable
    amounts: tuple[Decimal, ...] | None
    is_small: bool
    """Withheld for itself: a small number, or a small step from the figure before it."""
    size: tuple = ()
    """How big it is (its denominator, then numerator; or its count): the smallest goes first."""
    is_fixed: bool = False
    """The council's figure: withheld for itself or shown, never to protect another."""


@dataclass(frozen=True)
class Sum:
    """`total` is the sum of `parts`. A key that is no cell is a figure the reader does not have."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def keys(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Withholding:
    """The cells withheld: those small for themselves and those withheld to protect them."""

    small: frozenset
    secondary: frozenset

    @property
    def withheld(self) -> frozenset:
        return self.small | self.secondary


def step_is_small(
    previous: tuple[Decimal, ...] | None, current: tuple[Decimal, ...] | None, threshold: int
) -> bool:
    """Whether the step between two year-to-date figures of the same year (their counts, or their
    numerators and denominators) is a small number, up or down."""
    if previous is None or current is None or len(previous) != len(current):
        return False
    return any(is_small(abs(now - before), threshold) for before, now in zip(previous, current, strict=True))


def amounts_of(
    value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None, *, is_count: bool
) -> tuple[Decimal, ...] | None:
    """What of a figure adds up: a count, or a numerator and a denominator; None for anything else."""
    if is_count:
        return None if value is None else (value,)
    if numerator is None or denominator is None:
        return None
    return numerator, denominator


def earlier_in_year(period: Period, year_basis: YearBasis) -> Period | None:
    """The period before this one in the same reporting year, whose year-to-date figure this one's
    steps from; None for the first of the year, and for a year."""
    if period.kind is PeriodKind.YEAR:
        return None
    earlier = period.previous()
    if reporting_year(earlier.start, year_basis) != reporting_year(period.start, year_basis):
        return None
    return earlier


def is_small_for_itself(
    figure: tuple[Decimal | None, Decimal | None, Decimal | None],
    earlier: tuple[Decimal | None, Decimal | None, Decimal | None] | None,
    *,
    is_count: bool,
    threshold: int,
) -> bool:
    """Whether a figure (value, numerator, denominator) is withheld for itself: a small number, or
    a year-to-date figure a small step from the one before it in its year (`earlier`; None when
    the figure is not year to date, or has none before it)."""
    value, numerator, denominator = figure
    if should_suppress(
        value=value, numerator=numerator, denominator=denominator, is_count=is_count, threshold=threshold
    ):
        return True
    if earlier is None:
        return False
    return step_is_small(
        amounts_of(*earlier, is_count=is_count), amounts_of(*figure, is_count=is_count), threshold
    )


def is_small_step_corrected(
    previous: tuple[Decimal | None, Decimal | None, Decimal | None],
    new: tuple[Decimal | None, Decimal | None, Decimal | None],
    earlier: tuple[Decimal | None, Decimal | None, Decimal | None] | None,
    *,
    is_count: bool,
    threshold: int,
) -> bool:
    """Whether a correction of a year-to-date figure is withheld for a small step: either of its
    figures (value, numerator, denominator) a small step from the figure before it in the year."""
    if earlier is None:
        return False
    before = amounts_of(*earlier, is_count=is_count)
    return any(
        step_is_small(before, amounts_of(*figure, is_count=is_count), threshold) for figure in (previous, new)
    )


def cells_withheld(cells: Sequence[Cell], sums: Sequence[Sum]) -> Withholding:
    """The cells withheld so that none of them can be worked out from the cells shown and the sums."""
    by_key = {cell.key: cell for cell in cells}
    order = {cell.key: position for position, cell in enumerate(cells)}
    small = frozenset(cell.key for cell in cells if cell.is_small)
    withheld = set(small)
    while small:
        found = worked_out(by_key, withheld, sums)
        exposed = [key for key in order if key in found]
        if not exposed:
            break
        choices = (_protecting(key, by_key, withheld, sums, order) for key in exposed)
        chosen = next((choice for choice in choices if choice is not None), None)
        if chosen is None:
            break  # nothing left that could be withheld: the sums allow no protection
        withheld.add(chosen)
    return Withholding(small=small, secondary=frozenset(withheld - small))


def _protecting(key, by_key, withheld: set, sums: Sequence[Sum], order: dict):
    """The cell to withhold so that `key` cannot be worked out: the smallest shown beside it in a
    sum whose withholding leaves it unknown, otherwise the smallest; None when there is none."""
    beside = {other for one in sums if key in one.keys for other in one.keys}
    candidates = sorted(
        (
            other
            for other in beside
            if other in by_key
            and other not in withheld
            and not by_key[other].is_fixed
            and by_key[other].amounts is not None
        ),
        key=lambda other: (by_key[other].size, order[other]),
    )
    for other in candidates:
        if key not in worked_out(by_key, withheld | {other}, sums):
            return other
    return candidates[0] if candidates else None


def worked_out(cells: dict, withheld: set, sums: Sequence[Sum]) -> set:
    """The withheld cells a reader can work out exactly from the cells shown and the sums.

    A reader knows every cell shown with its amounts; every other key in a sum is unknown. A cell
    can be worked out when the sums, reduced to their unknowns, pin it to one value whatever the
    others are: once the sums are reduced (Gauss-Jordan) it leads a row with no other unknown.
    """
    unknown = sorted(
        {key for one in sums for key in one.keys if _is_unknown(key, cells, withheld)},
        key=repr,
    )
    column = {key: position for position, key in enumerate(unknown)}
    rows = []
    for one in sums:
        row = [0] * len(unknown)
        for key, sign in ((one.total, 1), *((part, -1) for part in one.parts)):
            if key in column:
                row[column[key]] += sign
        if any(row):
            rows.append(row)
    pivots = _reduce(rows, len(unknown))
    found = set()
    for row_index, pivot in pivots:
        others = [position for position, value in enumerate(rows[row_index]) if value and position != pivot]
        if not others and unknown[pivot] in withheld:
            found.add(unknown[pivot])
    return found


def _is_unknown(key, cells: dict, withheld: set) -> bool:
    cell = cells.get(key)
    return cell is None or cell.amounts is None or key in withheld


def _reduce(rows: list[list[int]], width: int) -> list[tuple[int, int]]:
    """Reduce `rows` in place, Gauss-Jordan in whole numbers (each row scaled rather than divided,
    which keeps the same zeros as the reduced row echelon form); the (row, column) of each pivot."""
    pivots = []
    row_index = 0
    for column in range(width):
        found = next((r for r in range(row_index, len(rows)) if rows[r][column]), None)
        if found is None:
            continue
        rows[row_index], rows[found] = rows[found], rows[row_index]
        pivot = rows[row_index]
        lead = pivot[column]
        for other in range(len(rows)):
            factor = rows[other][column]
            if other != row_index and factor:
                reduced = [a * lead - factor * b for a, b in zip(rows[other], pivot, strict=True)]
                divisor = gcd(*reduced)
                rows[other] = [value // divisor for value in reduced] if divisor > 1 else reduced
        pivots.append((row_index, column))
        row_index += 1
        if row_index == len(rows):
            break
    return pivots
