"""What the features built on the index add to it.

`indicators` is the ground floor: it imports nothing above it. A feature that adds to the index
registers what it adds here, in its AppConfig.ready() (breakdowns/apps.py, reports/apps.py): a list
here, appended to, is the one way it does.

- `index_places`: where the index can be narrowed to (a locality or team), each with a page of its
  own; the index's filter offers them.
- `exception_details`: what an exception shows beyond the council's figure (the localities and
  teams behind target), for the exceptions page.
- `entry_checks`: checks of the council figures an officer enters for a period (each must be the
  total of its localities' figures on record).
- `on_validated`: what follows when figures are validated (their localities' figures are
  validated with them).
- `entry_links`: further ways to enter an indicator's figures for a period, linked from its row of
  the period's entry form (by locality, by team).
- `index_notes`: the latest published commentary on indicators, shown on the live index
  (reports/apps.py; read by indicators/published_notes.py). The feature changes the index's data
  stamp whenever what it offers does, as its own triggers (reports/migrations/0015), so the index's
  kept body, rows and page are never older than the commentary they show.
- `role_permissions`: what each role (indicators/roles.py) may do in the feature, by role name.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Place:
    """Somewhere the index can be narrowed to, with its own page of the index."""

    slug: str
    label: str
    url: str


index_places: list[Callable[[date | None], list[Place]]] = []
"""Each returns the places in use in the quarter to a date (every place, without one)."""

exception_details: list[Callable[..., dict[int, list]]] = []
"""Each is called with the exceptions' assessments and `reader=`, and returns what to show under each
indicator's exception by indicator id: `row["details"]` lists them all."""

entry_checks: list[Callable[[Any, dict[int, Any]], dict[int, str]]] = []
"""Each is called with the period and the entries typed by indicator id, and returns the message
refusing each entry it refuses, by indicator id."""

on_validated: list[Callable[..., None]] = []
"""Each is called with the validated outturns and `user=`, inside the validation's transaction."""


entry_links: list[Callable[[Any, Iterable, str], dict[int, list[tuple[str, str]]]]] = []
"""Each is called with the request, the indicators on the entry form and the period's key, and
returns the links to show under each indicator's row, (words, address), by indicator id."""

index_notes: list[Callable[..., dict[int, Any]]] = []
"""Each is called with indicator ids and `reader=`, and returns the latest published commentary on
each indicator this reader may see, as a `PublishedNote` (indicators/published_notes.py), by id."""

role_permissions: list[dict[str, list[str]]] = []
"""Each is a feature's permissions by role name, granted with the index's own (`ensure_roles`)."""


def places_in_use(as_at: date | None) -> list[Place]:
    return [place for places in index_places for place in places(as_at)]


def details_of_exceptions(assessments: list, *, reader) -> dict[int, list]:
    found: dict[int, list] = {}
    for details in exception_details:
        for indicator_id, shown in details(assessments, reader=reader).items():
            found.setdefault(indicator_id, []).extend(shown)
    return found


def entries_refused(period, entries: dict[int, Any]) -> dict[int, str]:
    refused: dict[int, str] = {}
    for check in entry_checks:
        for indicator_id, message in check(period, entries).items():
            refused.setdefault(indicator_id, message)
    return refused


def figures_validated(outturns: Iterable, *, user) -> None:
    for then in on_validated:
        then(outturns, user=user)


def links_for_entry(request, indicators: Iterable, key: str) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    indicators = list(indicators)
    for links in entry_links:
        for indicator_id, shown in links(request, indicators, key).items():
            found.setdefault(indicator_id, []).extend(shown)
    return found
