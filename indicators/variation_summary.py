"""The variation and assurance kept for each indicator (`VariationSummary`), and its assessed
line (`KeptLine`, indicators/kept_lines.py), so the index, reports and open data read them with
the indicator instead of charting and assessing every series on every view.

`refresh_variation` works both out again, the variation from the series members see
(`indicators.variation`) and then the lines, which show it. It is called, once per indicator per
commit (`refresh_variation_on_commit`), wherever an indicator's figures, targets, comparators or
change points change: entry, upload, validation, corrections, publishing, imports, the demo loader
and the administration pages. Both tables are among those the index's data stamp watches, so a
refreshed line is never drawn from a cached index body.
"""

import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from indicators.kept_lines import refresh_lines
from indicators.models import REPORTABLE_STATUSES, Indicator, KeptLine, Outturn, VariationSummary
from indicators.reader import Reader
from indicators.rules.disclosure import is_small_for_itself
from indicators.rules.spc import VariationIcon
from indicators.selectors import FACTS_AS_HELD, shown_to_readers
from indicators.variation import Variation, variations_for

CHUNK = 500
"""Indicators charted at a time: their figures are read together, a few thousand rows at most."""
_waiting = threading.local()
"""The indicators whose change awaits its commit, in this thread."""
FIELDS = ("variation", "assurance", "is_trial", "concern", "period_end", "uses_small_number")


def refresh_variation(indicator_ids: Iterable[int]) -> None:
    """Work out again, and keep, the variation and assurance of these indicators, then their lines."""
    ids = sorted({pk for pk in indicator_ids if pk is not None})
    for start in range(0, len(ids), CHUNK):
        indicators = list(Indicator.objects.filter(pk__in=ids[start : start + CHUNK]))
        # Charted once, as members see the series; whether the public is shown none because of a
        # small number is read from the same figures, without charting them again.
        whole = variations_for(indicators, reader=Reader.WHOLE_RECORD)
        small = with_small_numbers(indicators)
        summaries = [summary_from(whole[indicator.pk], indicator.pk in small) for indicator in indicators]
        VariationSummary.objects.bulk_create(
            summaries,
            update_conflicts=True,
            unique_fields=["indicator"],
            update_fields=[*FIELDS, "refreshed_at"],
        )
    refresh_lines(ids)


def with_small_numbers(indicators: list[Indicator]) -> set[int]:
    """The indicators whose chart is withheld from the public for a small number: a charted figure
    of the series members see is one. A restricted or year-to-date indicator's chart is withheld
    from them whatever its figures, so it is not among them."""
    charted = {
        indicator.pk: indicator
        for indicator in indicators
        if not indicator.is_restricted and not indicator.is_year_to_date
    }
    if not charted:
        return set()
    figures = (
        Outturn.objects.filter(
            shown_to_readers(), indicator_id__in=charted, period__kind=F("indicator__frequency")
        )
        .annotate(**FACTS_AS_HELD)
        .order_by()
        .values_list(
            "indicator_id", "as_held_value", "as_held_numerator", "as_held_denominator", "as_held_status"
        )
    )
    small = set()
    for pk, value, numerator, denominator, status in figures:
        if pk in small or value is None or status not in REPORTABLE_STATUSES:
            continue
        if is_small_for_itself(
            (value, numerator, denominator),
            None,
            is_count=charted[pk].is_count,
            threshold=settings.SMALL_NUMBER_THRESHOLD,
        ):
            small.add(pk)
    return small


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


def summary_from(whole: Variation, uses_small_number: bool) -> VariationSummary:
    """The summary of an indicator's chart as members see it (`whole`), and whether a reader
    without permission is shown none because of a small number."""
    chart = whole.chart
    summary = VariationSummary(indicator=whole.indicator, uses_small_number=uses_small_number)
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
    """A target, comparator or change point saved or deleted (in the administration pages, or
    anywhere else one is saved one at a time), or an indicator changed."""
    refresh_variation_on_commit([instance.pk if isinstance(instance, Indicator) else instance.indicator_id])


def fill_missing_after_migrate(sender, **kwargs) -> None:
    """Indicators without a summary yet (figures kept before summaries were): worked out once.
    Nothing where the database is migrated back to before summaries were kept."""
    tables = connection.introspection.table_names()
    if VariationSummary._meta.db_table not in tables or KeptLine._meta.db_table not in tables:
        return
    missing = Indicator.objects.filter(variation_summary__isnull=True).values_list("pk", flat=True)
    refresh_variation(list(missing))
