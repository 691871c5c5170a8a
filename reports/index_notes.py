"""What published reports add to the live index (registered in reports/apps.py): each indicator's
latest published commentary and its open actions as published reports left them, and a stamp that
changes whenever a report is published."""

from django.urls import reverse

from indicators.published_notes import PublishedNote
from indicators.reader import Reader
from reports.actions import open_actions_for
from reports.selectors import latest_published_commentary


def notes_for_index(indicator_ids, *, reader: Reader) -> dict[int, PublishedNote]:
    indicator_ids = list(indicator_ids)
    commentary = latest_published_commentary(indicator_ids, reader=reader)
    actions = open_actions_for(indicator_ids, reader)
    notes = {}
    for indicator_id in commentary.keys() | actions.keys():
        published = commentary.get(indicator_id)
        open_actions = actions.get(indicator_id, [])
        latest = max(open_actions, key=lambda action: action.reported_on, default=None)
        actions_url = reverse("reports:meeting", args=[latest.reported_in]) if latest else ""
        if published and published.source.url.split("#")[0] == actions_url:
            actions_url = ""  # the commentary's link, to the indicator's card, shows its actions too
        notes[indicator_id] = PublishedNote(
            published.text if published else "",
            published.source.words if published else "",
            published.source.url if published else "",
            actions=tuple(action.index_words for action in open_actions),
            actions_source_words=f"From the report of {latest.reported_on:%-d %B %Y}" if actions_url else "",
            actions_source_url=f"{actions_url}#actions" if actions_url else "",
        )
    return notes
