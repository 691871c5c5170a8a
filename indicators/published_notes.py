"""The latest published management commentary on indicators, and their open actions, for the live index.

Committee reports build on the indicators, never the other way round: the app that keeps them
offers its commentary and actions by a `published_notes` method on its AppConfig (as apps offer their menu),
and a `published_stamp` that changes whenever a report is published, so the index's kept body is
never older than the commentary it shows (indicators/index_cache.py).
"""

from typing import NamedTuple

from django.apps import apps


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


def _offering():
    return [config for config in apps.get_app_configs() if hasattr(config, "published_notes")]


def published_notes(indicator_ids, *, reader) -> dict[int, PublishedNote]:
    """Each indicator's latest published commentary and open actions this reader may see, in a few
    queries per offering app; indicators with neither are left out."""
    notes: dict[int, PublishedNote] = {}
    for config in _offering():
        notes.update(config.published_notes(indicator_ids, reader=reader))
    return notes


def published_stamp() -> str:
    """A token that changes whenever a report is published."""
    return ",".join(config.published_stamp() for config in _offering())
