"""Frozen report entries keep values, not words: version 1 to version 2 (reports/contents.py).

Version 1 kept each period as its label ("Q2 2019/20") and the polarity as its label ("Higher is
better"), and readers turned them back into values. This reads those words once, here, and keeps
the values: each figure's period from its outturn where it has one, else from its label read with
the indicator's year basis; the band's period as the figure's it named; the polarity's value. It
also fills what entries frozen before they were kept lack, as their readers did: the exception
reasons a reader without permission sees (none when a figure is withheld), the movement, the
comparators' note and ranks, a correction's `is_small`, a promise target's words as now written,
and, for parts by locality frozen before counts' parts went unrated, `parts_unrated` as blank (the
ratings members saw are kept).

The label parser is copied here, as it stood, so that this migration reads version 1 whatever the
portal's code later says.
"""

from datetime import date, datetime

from django.db import migrations, models

POLARITY_FOR_LABEL = {
    "Higher is better": "higher",
    "Lower is better": "lower",
    "Within a range": "range",
    "No polarity (contextual)": "none",
}
FORMER_TARGET_KIND_WORDS = {"(promise (for example the caseload promise))": "(promise)"}
YEAR_START_MONTH = {"financial": 4, "academic": 9, "calendar": 1}
COMPARATOR_KEYS = {"note": "", "rank": None, "ranked": None}
BAND_KEYS = {"band": "", "national_rank": None, "national_ranked": None, "period": None}
BATCH = 500


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _start_year(text: str) -> int:
    first, _, second = text.partition("/")
    if not (first.isdigit() and len(first) == 4 and second.isdigit() and len(second) == 2):
        raise ValueError(f"{text!r} is not a year such as 2019/20.")
    return int(first)


def period_of_label(label: str, basis: str) -> dict:
    """A version 1 label ("Q2 2019/20", "Oct 2019", "2019/20", "2019") as a period: start, kind, basis."""
    text = " ".join(label.split())
    if text[:1].upper() == "Q" and " " in text:
        quarter, year = text.split(" ", 1)
        start = _add_months(date(_start_year(year), 4, 1), (int(quarter[1:]) - 1) * 3)
        return {"start": start.isoformat(), "kind": "quarter", "basis": "financial"}
    if "/" in text:
        year_basis = basis if basis != "calendar" else "financial"
        start = date(_start_year(text), YEAR_START_MONTH[year_basis], 1)
        return {"start": start.isoformat(), "kind": "year", "basis": year_basis}
    if text.isdigit():
        return {"start": date(int(text), 1, 1).isoformat(), "kind": "year", "basis": "calendar"}
    month = datetime.strptime(text, "%b %Y").date()  # noqa: DTZ007 - a month label has no time of day
    return {"start": month.isoformat(), "kind": "month", "basis": "financial"}


def _entry_to_version_2(entry, periods: dict[int, dict]) -> None:
    indicator = entry.indicator
    basis = indicator.year_basis if indicator.frequency == "year" else "financial"
    by_label = {}

    def figure(data: dict | None) -> dict | None:
        if data is None:
            return None
        label = data["period"]
        period = periods.get(data.get("outturn_id")) or period_of_label(label, basis)
        by_label.setdefault(label, period)
        return {"is_small": False, "outturn_id": None, "is_since_corrected": False, **data, "period": period}

    old = entry.figures
    recent = [figure(data) for data in old["recent"]]
    open_reasons = old.get("open_exception_reasons")
    if open_reasons is None:
        open_reasons = [] if any(data["is_small"] for data in recent) else list(entry.exception_reasons)
    entry.figures = {
        "recent": recent,
        "previous_year_end": figure(old.get("previous_year_end")),
        "open_exception_reasons": open_reasons,
        "movement": old.get("movement", ""),
    }
    comparators = {}
    for kind, shown in entry.comparators.items():
        filled = {**COMPARATOR_KEYS, **(BAND_KEYS if kind == "council" else {}), **shown}
        if kind == "council":
            filled["period"] = by_label.get(shown.get("period") or "")
        comparators[kind] = filled
    entry.comparators = comparators
    entry.corrections = [
        {"is_small": False, **correction, "period": period_of_label(correction["period"], basis)}
        for correction in entry.corrections
    ]
    entry.breakdowns = [{"parts_unrated": "", **breakdown} for breakdown in entry.breakdowns]
    entry.polarity = POLARITY_FOR_LABEL.get(entry.polarity, entry.polarity)
    if entry.polarity not in POLARITY_FOR_LABEL.values():
        entry.polarity = "none"
    for former, now in FORMER_TARGET_KIND_WORDS.items():
        if entry.target.endswith(former):
            entry.target = entry.target.removesuffix(former) + now
    entry.version = 2


def to_version_2(apps, schema_editor):
    ReportEntry = apps.get_model("reports", "ReportEntry")
    Outturn = apps.get_model("indicators", "Outturn")
    entries = ReportEntry.objects.filter(version=1).select_related("indicator").order_by("pk")
    while batch := list(entries[:BATCH]):
        outturn_ids = {
            data["outturn_id"]
            for entry in batch
            for data in [*entry.figures["recent"], entry.figures.get("previous_year_end")]
            if data and data.get("outturn_id")
        }
        periods = {
            pk: {"start": start.isoformat(), "kind": kind, "basis": basis}
            for pk, start, kind, basis in Outturn.objects.filter(pk__in=outturn_ids).values_list(
                "pk", "period__start", "period__kind", "period__basis"
            )
        }
        for entry in batch:
            _entry_to_version_2(entry, periods)
        ReportEntry.objects.bulk_update(
            batch, ["version", "polarity", "target", "figures", "comparators", "corrections", "breakdowns"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0012_figures_held_for_readers_until_validated"),
        ("reports", "0005_published_files_kept"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportentry",
            name="version",
            field=models.PositiveSmallIntegerField(default=1, help_text="The shape it is kept in (SNAPSHOT_VERSION)."),
            preserve_default=False,
        ),
        migrations.RunPython(to_version_2, elidable=False),
    ]
