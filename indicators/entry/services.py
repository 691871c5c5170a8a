"""Saving a period's figures: all or nothing, in a fixed number of queries, never over a newer figure."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from indicators.entry.selectors import recorded_of
from indicators.models import Correction, Outturn, ReportingPeriod
from indicators.rules.entry import (
    Entry,
    Recorded,
    changes_figure,
    changes_record,
    is_correction,
    stored,
    value_of,
)
from indicators.rules.periods import Period
from indicators.rules.validation import status_after_entry
from indicators.services import correction_for, created_or_added_since, hold_for_readers, period_for, was_seen
from indicators.variation_summary import refresh_variation_on_commit

SAVED_FIELDS = [
    "value",
    "numerator",
    "denominator",
    "status",
    "source",
    "commentary",
    "entered_by",
    "version",
    "validated_by",
    "validated_at",
    *Outturn.HELD_FIELDS,
]


@dataclass(frozen=True)
class FigureChange:
    """An officer's entry for one indicator, with the version of its figure when they opened it (0: none)."""

    indicator_id: int
    unit: str
    opened_version: int
    entry: Entry


@dataclass(frozen=True)
class Conflict:
    """A figure someone else saved after the officer opened it: theirs as now on record, and the entry."""

    change: FigureChange
    outturn: Outturn | None


class StaleFiguresError(Exception):
    def __init__(self, conflicts: list[Conflict]):
        super().__init__(f"{len(conflicts)} figures changed since they were opened.")
        self.conflicts = conflicts


@dataclass(frozen=True)
class SaveSummary:
    created: int
    updated: int
    corrected: int

    @property
    def total(self) -> int:
        return self.created + self.updated


@transaction.atomic
def save_figures(*, period: Period, changes: list[FigureChange], user, how: str) -> SaveSummary:
    """Save every change or none.

    A figure saved by someone else since the officer opened it is never overwritten: the whole save
    is refused with StaleFiguresError naming each such figure. A change to a published figure is
    saved as a correction, keeping the published value on record.
    """
    stored_period = period_for(period)
    existing = _locked_figures(stored_period, [change.indicator_id for change in changes])
    conflicts = [
        Conflict(change, existing.get(change.indicator_id))
        for change in changes
        if _version(existing.get(change.indicator_id)) != change.opened_version
    ]
    if conflicts:
        raise StaleFiguresError(_with_who(conflicts))

    created, updated, corrections = [], [], []
    now = timezone.now()
    for change in changes:
        outturn = existing.get(change.indicator_id)
        if outturn is None:
            if not change.entry.is_blank:
                created.append(
                    _fill(
                        Outturn(indicator_id=change.indicator_id, period=stored_period),
                        change,
                        user,
                        None,
                        now,
                    )
                )
            continue
        recorded = recorded_of(outturn)
        if not changes_record(change.entry, recorded, change.unit):
            continue
        _fill(outturn, change, user, recorded, now)
        outturn.version += 1
        outturn.updated_at = now
        if is_correction(change.entry, recorded, change.unit):
            outturn._change_reason = f"Correction: {change.entry.correction_reason.strip()}"
            corrections.append(
                correction_for(
                    outturn,
                    previous_value=recorded.value,
                    previous_numerator=recorded.numerator,
                    previous_denominator=recorded.denominator,
                    previous_status=recorded.status,
                    reason=change.entry.correction_reason,
                    user=user,
                )
            )
        updated.append(outturn)

    if created:
        _create(created, stored_period, changes, user=user, how=how)
    if updated:
        bulk_update_with_history(
            updated, Outturn, [*SAVED_FIELDS, "updated_at"], default_user=user, default_change_reason=how
        )
    if corrections:
        Correction.objects.bulk_create(corrections)
    refresh_variation_on_commit(outturn.indicator_id for outturn in [*created, *updated])
    return SaveSummary(created=len(created), updated=len(updated), corrected=len(corrections))


def _locked_figures(stored_period: ReportingPeriod, indicator_ids: list[int]) -> dict[int, Outturn]:
    """The figures on record for these indicators, locked until the save ends."""
    return {
        outturn.indicator_id: outturn
        for outturn in Outturn.objects.select_for_update().filter(
            period=stored_period, indicator_id__in=indicator_ids
        )
    }


def _create(created: list[Outturn], stored_period, changes: list[FigureChange], *, user, how: str) -> None:
    """Add new figures; one another officer added since they were read is a conflict, not an error."""
    added = created_or_added_since(
        created,
        Outturn,
        user=user,
        reason=how,
        added=lambda: _locked_figures(stored_period, [outturn.indicator_id for outturn in created]),
    )
    if added:
        raise StaleFiguresError(
            _with_who(
                [
                    Conflict(change, added[change.indicator_id])
                    for change in changes
                    if change.indicator_id in added
                ]
            )
        )


def _version(outturn: Outturn | None) -> int:
    return outturn.version if outturn else 0


def _fill(outturn: Outturn, change: FigureChange, user, recorded: Recorded | None, now) -> Outturn:
    """The figure as entered: provisional, its validation cleared, when the figure itself changes;
    members and the public keep seeing the figure they saw until the change is validated."""
    entry = change.entry
    is_changed = changes_figure(entry, recorded, change.unit)
    seen = was_seen(outturn, recorded)
    outturn.value = stored(value_of(entry, change.unit))
    outturn.numerator = stored(entry.numerator)
    outturn.denominator = stored(entry.denominator)
    outturn.status = status_after_entry(
        entry.status, changes_figure=is_changed, recorded=recorded.status if recorded else None
    )
    if is_changed:
        outturn.validated_by = outturn.validated_at = None
    hold_for_readers(outturn, before=recorded, was_seen=seen, is_changed=is_changed, at=now)
    outturn.source = entry.source.strip()
    outturn.commentary = entry.commentary.strip()
    outturn.entered_by = user
    return outturn


def _with_who(conflicts: list[Conflict]) -> list[Conflict]:
    """The conflicting figures again, with who entered them, for the message the officer reads."""
    outturns = Outturn.objects.select_related("entered_by").in_bulk(
        [conflict.outturn.pk for conflict in conflicts if conflict.outturn]
    )
    return [
        Conflict(conflict.change, outturns.get(conflict.outturn.pk) if conflict.outturn else None)
        for conflict in conflicts
    ]
