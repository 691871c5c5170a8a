"""What published reports add to the live index (registered in reports/apps.py): each indicator's
latest published commentary, and a stamp that changes whenever a report is published."""

from django.db.models import Max

from indicators.published_notes import PublishedNote
from indicators.reader import Reader
from reports.models import Meeting
from reports.selectors import latest_published_commentary


def notes_for_index(indicator_ids, *, reader: Reader) -> dict[int, PublishedNote]:
    return {
        indicator_id: PublishedNote(published.text, published.source.words, published.source.url)
        for indicator_id, published in latest_published_commentary(indicator_ids, reader=reader).items()
    }


def publication_stamp() -> str:
    latest = Meeting.objects.aggregate(latest=Max("published_at"))["latest"]
    return latest.isoformat() if latest else ""
