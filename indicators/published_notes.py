"""The latest published management commentary on indicators, for the live index.

Committee reports build on the indicators, never the other way round: the app that keeps them
registers its commentary and a stamp that changes whenever a report is published with the index's
extensions (`index_notes`, `publication_stamps` in indicators/extensions.py), so the index's kept
body is never older than the commentary it shows (indicators/index_cache.py).
"""

from typing import NamedTuple

from indicators import extensions


class PublishedNote(NamedTuple):
    """An indicator's latest published commentary and the report it is from."""

    text: str
    source_words: str
    """ "From the report to <committee> on <date>"."""
    source_url: str


def published_notes(indicator_ids, *, reader) -> dict[int, PublishedNote]:
    """Each indicator's latest published commentary this reader may see, in one query per offering app."""
    notes: dict[int, PublishedNote] = {}
    for notes_from in extensions.index_notes:
        notes.update(notes_from(indicator_ids, reader=reader))
    return notes


def published_stamp() -> str:
    """A token that changes whenever a report is published."""
    return ",".join(stamp() for stamp in extensions.publication_stamps)
