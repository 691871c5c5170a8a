"""The latest published management commentary on indicators, for the live index.

Committee reports build on the indicators, never the other way round: the app that keeps them
offers its commentary by a `published_notes` method on its AppConfig (as apps offer their menu),
and a `published_stamp` that changes whenever a report is published, so the index's kept body is
never older than the commentary it shows (indicators/index_cache.py).
"""

from typing import NamedTuple

from django.apps import apps


class PublishedNote(NamedTuple):
    """An indicator's latest published commentary and the report it is from."""

    text: str
    source_words: str
    """ "From the report to <committee> on <date>"."""
    source_url: str


def _offering():
    return [config for config in apps.get_app_configs() if hasattr(config, "published_notes")]


def published_notes(indicator_ids, *, reader) -> dict[int, PublishedNote]:
    """Each indicator's latest published commentary this reader may see, in one query per offering app."""
    notes: dict[int, PublishedNote] = {}
    for config in _offering():
        notes.update(config.published_notes(indicator_ids, reader=reader))
    return notes


def published_stamp() -> str:
    """A token that changes whenever a report is published."""
    return ",".join(config.published_stamp() for config in _offering())
