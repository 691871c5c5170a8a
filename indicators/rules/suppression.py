"""Small-number suppression for anything the public can see.

- A count from 1 up to the threshold could identify a child, so it is never shown publicly.
- A percentage or rate derived from a small numerator or denominator is suppressed with it.
- Zero is not suppressed: it identifies nobody.
- A restricted ("Part 2") indicator is never shown publicly at all (decided where indicators are
  chosen, not here).
"""

from decimal import Decimal

SUPPRESSED_MARK = "[c]"
SUPPRESSED_MEANING = "Suppressed: a small number that could identify a child"


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
