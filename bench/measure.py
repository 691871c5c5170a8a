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


def best_of_each(actions: dict[str, Callable[[], object]], *, repeat: int = 5) -> dict[str, float]:
    """The fastest of `repeat` runs of each action, in milliseconds, the actions taking turns.

    A ratio between two of them (the index against the raw fetch of its rows) is then measured under
    the same conditions of the machine, not a second apart, when other work may have slowed one.
    """
    timings: dict[str, list[float]] = {name: [] for name in actions}
    turns = list(actions.items())
    for run in range(repeat):
        # Each run starts with the next action, so a pause the garbage collector takes every few
        # views does not fall on the same action every time.
        for name, action in turns[run % len(turns) :] + turns[: run % len(turns)]:
            started = time.perf_counter()
            action()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: min(taken) for name, taken in timings.items()}


PACE_ADDITIONS = 10_000_000


def machine_pace() -> float:
    """How long this machine takes to add up ten million numbers in a Python loop, in milliseconds,
    best of three. The bench prints it beside its measurements: the same code has taken 0.44 s for
    this on one machine and 2.3 s on another, and a limit is read against the machine it ran on."""
    return best_of(lambda: _added_up(PACE_ADDITIONS), repeat=3)


def _added_up(count: int) -> int:
    total = 0
    for number in range(count):
        total += number
    return total
