"""Frozen report entries keep their comparators as values: version 4 to version 5 (reports/contents.py).

Version 4 kept each comparator's words: its value in the indicator's units or why there is none
("text"), the year as the publication labels it ("year") and what is printed beneath it ("note":
"Rank 3 of 11 by the published figure, mean of 10, 2023/24"), beside its value, rank and how many
were ranked; the band kept its letter as "text" and "among 152 councils" as its note, beside its
ranks. Version 5 keeps the values only, and the line words them when read: why there is none as
recorded, the year label, and how many neighbours the mean is of, read here once from the note
(the one value version 4 kept only in words). The band keeps its letter, ranks, year label and period.

The reverse words them again as version 4 did, with the formatting copied here as it stood, so that
this migration reads and writes version 4 whatever the portal's code later says.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

COUNCIL = "council"
NOT_AVAILABLE = "Not available"
MEAN_OF = re.compile(r"\bmean of (\d+)\b")
SUFFIX = {"percent": "%", "rate10k": " per 10,000", "weeks": " weeks", "days": " days"}
BATCH = 500


def comparator_to_version_5(kind: str, kept: dict) -> dict:
    """A version 4 comparator (or band, under the council's kind) as its values."""
    if kind == COUNCIL:
        return {
            "band": kept["band"],
            "national_rank": kept["national_rank"],
            "national_ranked": kept["national_ranked"],
            "year_label": kept["year"],
            "period": kept["period"],
        }
    value = kept["value"]
    used = MEAN_OF.search(kept["note"]) if value is not None else None
    return {
        "value": value,
        "reason": "" if value is not None or kept["text"] == NOT_AVAILABLE else kept["text"],
        "year_label": kept["year"],
        "rank": kept["rank"],
        "ranked": kept["ranked"],
        "neighbours_used": int(used[1]) if used else None,
    }


def _entry_to_version_5(entry) -> None:
    entry.comparators = {
        kind: comparator_to_version_5(kind, kept) for kind, kept in entry.comparators.items()
    }
    entry.version = 5


def _formatted(value: str, unit: str, decimal_places: int) -> str:
    number = Decimal(value).quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimal_places}f}" if unit != "count" else f"{number:,}"
    if text.startswith("-"):
        text = "\N{MINUS SIGN}" + text[1:]
    return text + SUFFIX.get(unit, "")


def comparator_to_version_4(kind: str, kept: dict, *, unit: str, decimal_places: int) -> dict:
    """A version 5 comparator worded as version 4 kept it."""
    year = kept["year_label"]
    if kind == COUNCIL:
        ranked = kept["national_ranked"]
        return {
            "value": None,
            "text": kept["band"],
            "year": year,
            "note": f"among {ranked} councils" if ranked else "",
            "band": kept["band"],
            "national_rank": kept["national_rank"],
            "national_ranked": ranked,
            "period": kept["period"],
        }
    value, rank, used = kept["value"], kept["rank"], kept["neighbours_used"]
    has_value = value is not None
    notes = [f"Rank {rank} of {kept['ranked']} by the published figure"] if rank and has_value else []
    if used and has_value:
        notes.append(f"mean of {used}")
    return {
        "value": value,
        "text": _formatted(value, unit, decimal_places) if has_value else kept["reason"] or NOT_AVAILABLE,
        "year": year,
        "note": ", ".join([*notes, year]),
        "rank": rank,
        "ranked": kept["ranked"],
    }


def _entry_to_version_4(entry) -> None:
    entry.comparators = {
        kind: comparator_to_version_4(kind, kept, unit=entry.unit, decimal_places=entry.decimal_places)
        for kind, kept in entry.comparators.items()
    }
    entry.version = 4


def _convert(apps, *, version: int, convert) -> None:
    ReportEntry = apps.get_model("reports", "ReportEntry")
    entries = ReportEntry.objects.filter(version=version).order_by("pk")
    while batch := list(entries[:BATCH]):
        for entry in batch:
            convert(entry)
        ReportEntry.objects.bulk_update(batch, ["version", "comparators"])


def to_version_5(apps, schema_editor):
    _convert(apps, version=4, convert=_entry_to_version_5)


def to_version_4(apps, schema_editor):
    _convert(apps, version=5, convert=_entry_to_version_4)


class Migration(migrations.Migration):
    dependencies = [("reports", "0013_committee_and_meeting_versions")]

    operations = [migrations.RunPython(to_version_5, to_version_4, elidable=False)]
