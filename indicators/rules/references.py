"""The order a committee reads its indicators' references in.

- References are read as the committee numbers them: 2 before 10, 35.1 before 35.2 before 35.10.
- The numbers in a reference are compared as numbers, and the words between them as words (NI 10
  after NI 9), so the order never depends on how many digits a number has.
"""

import re

NUMBERS = re.compile(r"([0-9]+)")


def reference_order(reference: str) -> tuple:
    """A key that sorts references in the committee's order: 1, 2, 2a, 10, 10.1, 11, NI 9, NI 10."""
    return tuple(
        (0, int(part), "") if NUMBERS.fullmatch(part) else (1, 0, part.casefold())
        for part in NUMBERS.split(reference.strip())
        if part
    )
