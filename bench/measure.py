"""Shared pieces of `manage.py bench`: a measurement and a best-of timer.

Each feature that has a speed promise provides a `benchmarks()` function returning Measurements;
the bench command builds its own data, runs them all and prints a table.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    name: str
    value: float
    limit: float
    unit: str = "ms"
    note: str = ""

    @property
    def is_within_limit(self) -> bool:
        return self.value <= self.limit


def best_of(action: Callable[[], object], *, repeat: int = 5) -> float:
    """The fastest of `repeat` runs of `action`, in milliseconds: the least disturbed by other work."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)
