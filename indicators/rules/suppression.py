"""What is withheld from a reader who may not see restricted indicators or small numbers, and why.

- A count from 1 up to the threshold could identify a child, so it is never shown publicly.
- A percentage or rate derived from a small numerator or denominator is withheld with it.
- Zero is not withheld: it identifies nobody.
- A restricted ("Part 2") indicator is withheld whole: its figures, target, rating, commentary and
  any decision about it.
- Anything computed from a withheld figure is withheld with it: a rating from this period's figure,
  a direction of travel from this period's or the last, an exception judged on either. Otherwise
  "Red, worsening, target 10" would bound the number the mark hides.
- Readers with permission to see restricted indicators see everything; the reason stays with the
  data, so every page and export shows the same mark ([c]) with the same words.
"""

from decimal import Decimal
from enum import StrEnum
from typing import Protocol

SUPPRESSED_MARK = "[c]"


class Withheld(StrEnum):
    """Why a figure, or something computed from it, is withheld from a reader without permission."""

    SMALL_NUMBER = "small_number"
    RESTRICTED = "restricted"

    @property
    def label(self) -> str:
        return _WITHHELD_LABELS[self]

    @property
    def mark(self) -> str:
        """What every output prints in place of the withheld value."""
        return SUPPRESSED_MARK


_WITHHELD_LABELS = {
    Withheld.SMALL_NUMBER: "withheld: small number",
    Withheld.RESTRICTED: "withheld: restricted",
}


def is_small(count: Decimal | int | None, threshold: int) -> bool:
    if count is None or threshold <= 0:
        return False
    return 0 < count <= threshold


def should_suppress(
    *,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    is_count: bool,
    threshold: int,
) -> bool:
    """Whether an outturn must be withheld from a public page or export."""
    if is_small(numerator, threshold) or is_small(denominator, threshold):
        return True
    return is_count and is_small(value, threshold)


def withheld_figure(
    *,
    values: tuple[Decimal | None, ...],
    numerator: Decimal | None,
    denominator: Decimal | None,
    is_count: bool,
    threshold: int,
) -> Withheld | None:
    """Why a figure is withheld, or None when anyone may see it.

    `values` are every value shown together: one figure, or a correction's old and new value,
    each from the numerator and denominator given.
    """
    small = any(
        should_suppress(
            value=value, numerator=numerator, denominator=denominator, is_count=is_count, threshold=threshold
        )
        for value in values
    )
    return Withheld.SMALL_NUMBER if small else None


def withheld_correction(
    *,
    previous: tuple[Decimal | None, Decimal | None, Decimal | None],
    new: tuple[Decimal | None, Decimal | None, Decimal | None],
    is_count: bool,
    threshold: int,
) -> Withheld | None:
    """Why a correction is withheld: either figure, each judged on its own numerator and denominator.

    Each of `previous` and `new` is (value, numerator, denominator). A correction recorded before the
    previous fraction was kept has none for it; it is judged on the new fraction as well.
    """
    previous_value, previous_numerator, previous_denominator = previous
    if previous_numerator is None and previous_denominator is None:
        previous = (previous_value, *new[1:])
    return computed_from(
        *(
            withheld_figure(
                values=(value,),
                numerator=numerator,
                denominator=denominator,
                is_count=is_count,
                threshold=threshold,
            )
            for value, numerator, denominator in (previous, new)
        )
    )


def withheld_indicator(*, is_restricted: bool) -> Withheld | None:
    return Withheld.RESTRICTED if is_restricted else None


def computed_from(*reasons: Withheld | None) -> Withheld | None:
    """Why something computed from these figures is withheld: a restricted one first, then a small one."""
    present = set(reasons) - {None}
    for reason in (Withheld.RESTRICTED, Withheld.SMALL_NUMBER):
        if reason in present:
            return reason
    return None


class Reads(Protocol):
    """What a reader may see: the request's `Reader` (indicators/reader.py), or any such record."""

    sees_restricted: bool
    sees_small_numbers: bool


def withheld_from_reader(reason: Withheld | None, *, reader: Reads) -> Withheld | None:
    """What of this a reader is not shown: a restricted indicator's figures unless they may see
    restricted indicators, a small number unless they may see small numbers."""
    if reason is None:
        return None
    sees = reader.sees_restricted if reason is Withheld.RESTRICTED else reader.sees_small_numbers
    return None if sees else reason
