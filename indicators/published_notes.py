"""The latest published management commentary on indicators, and their open actions, for the live index.

Committee reports build on the indicators, never the other way round: the app that keeps them
registers its commentary and open actions with the index's extensions (`index_notes` in
indicators/extensions.py), and changes the index's data stamp whenever a report is published
(reports/migrations/0015), so the index's kept body and page are never older than the commentary
they show (indicators/index_cache.py).
"""

from typing import NamedTuple

from indicators import extensions


class PublishedNote(NamedTuple):
    """An indicator's latest published commentary and the report it is from, and its open actions
    as published reports left them."""

    text: str
    """The commentary; empty where none is published but actions are."""
    source_words: str
    """ "From the report to <committee> on <date>"."""
    source_url: str
    actions: tuple[str, ...] = ()
    """Each open or late action in words: its state, what will be done, its owner and due date."""
    actions_source_words: str = ""
    """ "From the report of <date>": the latest published report showing them."""
    actions_source_url: str = ""

    @property
    def summary(self) -> str:
        """ "Management commentary and 2 open actions", "Management commentary", "1 open action"."""
        parts = ["Management commentary"] if self.text else []
        if self.actions:
            count = len(self.actions)
            parts.append(f"{count} open action{'s' * (count > 1)}")
        return " and ".join(parts)


def published_notes(indicator_ids, *, reader) -> dict[int, PublishedNote]:
    """Each indicator's latest published commentary and open actions this reader may see, in a few
    queries per offering app; indicators with neither are left out."""
    notes: dict[int, PublishedNote] = {}
    for notes_from in extensions.index_notes:
        notes.update(notes_from(indicator_ids, reader=reader))
    return notes
