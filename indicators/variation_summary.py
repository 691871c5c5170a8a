"""The variation and assurance kept for each indicator (`VariationSummary`), so the index, reports
and open data read them with the indicator instead of charting every series on every view.

`refresh_variation` works them out again from the series members see (`indicators.variation`)
and is called wherever an indicator's figures, targets or change points change: entry, upload,
validation, corrections, publishing, imports, the demo loader and the administration pages. Its
rows are among the tables the index's data stamp watches, so a refreshed summary is never drawn
from a cached index body.
"""

import threading
from collections.abc import Iterable

from django.db import connection, transaction

from indicators.models import Indicator, VariationSummary
from indicators.rules.spc import VariationIcon
from indicators.variation import NOT_SHOWN_SMALL_NUMBER, Variation, variations_for

CHUNK = 500
"""Indicators charted at a time: their figures are read together, a few thousand rows at most."""
_waiting = threading.local()
"""The indicators whose change awaits its commit, in this thread."""
FIELDS = ("variation", "assurance", "is_trial", "concern", "period_end", "uses_small_number")


def refresh_variation(indicator_ids: Iterable[int]) -> None:
    """Work out again, and keep, the variation and assurance of these indicators."""
    ids = sorted({pk for pk in indicator_ids if pk is not None})
    for start in range(0, len(ids), CHUNK):
        indicators = list(Indicator.objects.filter(pk__in=ids[start : start + CHUNK]))
        whole = variations_for(indicators, reader_sees_small_numbers=True)
        public = variations_for(indicators, reader_sees_small_numbers=False)
        summaries = [summary_from(whole[indicator.pk], public[indicator.pk]) for indicator in indicators]
        VariationSummary.objects.bulk_create(
            summaries,
            update_conflicts=True,
            unique_fields=["indicator"],
            update_fields=[*FIELDS, "refreshed_at"],
        )


def refresh_variation_on_commit(indicator_ids: Iterable[int]) -> None:
    """`refresh_variation` once the change being saved commits, each indicator once however many
    of its figures or targets the change saved; a change rolled back refreshes nothing."""
    _pending().update(indicator_ids)
    # Every change asks; the first callback to run refreshes them all, the rest find none left.
    transaction.on_commit(_refresh_pending)


def _pending() -> set[int]:
    if not hasattr(_waiting, "ids"):
        _waiting.ids = set()
    return _waiting.ids


def _refresh_pending() -> None:
    ids = set(_pending())
    _pending().clear()
    if ids:
        refresh_variation(ids)


def refresh_every_variation() -> int:
    """Every indicator's summary (after a migration, an import or loading the demo): how many."""
    ids = list(Indicator.objects.values_list("pk", flat=True))
    refresh_variation(ids)
    return len(ids)


def summary_from(whole: Variation, public: Variation) -> VariationSummary:
    """The summary of an indicator's chart as members see it (`whole`), and whether a reader
    without permission is shown none because of a small number (`public`)."""
    chart = whole.chart
    summary = VariationSummary(
        indicator=whole.indicator, uses_small_number=public.not_shown == NOT_SHOWN_SMALL_NUMBER
    )
    if chart is None or chart.variation is None or not whole.periods:
        return summary
    summary.variation = chart.variation.value
    summary.assurance = chart.assurance.value if chart.assurance else ""
    summary.is_trial = chart.is_trial
    summary.period_end = whole.periods[-1].end
    if chart.variation in (VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW) and chart.latest:
        summary.concern = chart.latest.rule_words
    return summary


def refresh_for_saved(sender, instance, **kwargs) -> None:
    """A target or change point saved or deleted (in the administration pages, or anywhere else
    one is saved one at a time), or an indicator's polarity or frequency changed."""
    refresh_variation_on_commit([instance.pk if isinstance(instance, Indicator) else instance.indicator_id])


def fill_missing_after_migrate(sender, **kwargs) -> None:
    """Indicators without a summary yet (figures kept before summaries were): worked out once.
    Nothing where the database is migrated back to before summaries were kept."""
    if VariationSummary._meta.db_table not in connection.introspection.table_names():
        return
    missing = Indicator.objects.filter(variation_summary__isnull=True).values_list("pk", flat=True)
    refresh_variation(list(missing))
