"""Saving a period's parts and the council total together: all or nothing, never over a newer figure."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from breakdowns.models import PartFigure
from indicators.entry.services import FigureChange, SaveSummary, StaleFiguresError, save_figures
from indicators.models import Indicator
from indicators.rules.entry import Entry, stored, value_of
from indicators.rules.periods import Period
from indicators.rules.validation import status_after_entry
from indicators.services import period_for

PART_FIELDS = ["value", "numerator", "denominator", "status", "entered_by", "version", "updated_at"]


@dataclass(frozen=True)
class PartChange:
    """An officer's figure for one member, with the version of its figure when they opened it (0: none)."""

    member_id: int
    opened_version: int
    entry: Entry


@dataclass(frozen=True)
class PartConflict:
    """A part someone else saved after the officer opened it: theirs as now on record (None: removed)."""

    change: PartChange
    figure: PartFigure | None


class StaleBreakdownError(Exception):
    """Someone saved the council total or a part since the form was opened; nothing was saved."""

    def __init__(self, *, total: StaleFiguresError | None = None, parts: list[PartConflict] = ()):
        super().__init__("Figures changed since they were opened.")
        self.total_conflicts = total.conflicts if total else []
        self.part_conflicts = list(parts)


@dataclass(frozen=True)
class BreakdownSummary:
    total: SaveSummary
    parts_saved: int


@transaction.atomic
def save_breakdown(
    *, indicator: Indicator, period: Period, total: FigureChange, parts: list[PartChange], user, how: str
) -> BreakdownSummary:
    """Save the council total and every part, or nothing.

    The total is saved as the period form saves it (locked, version-checked, a correction with its
    reason when published); then the parts, each checked against the version the officer opened.
    """
    try:
        summary = save_figures(period=period, changes=[total], user=user, how=how)
    except StaleFiguresError as stale:
        raise StaleBreakdownError(total=stale) from None
    stored_period = period_for(period)
    existing = _locked_parts(indicator, stored_period, [change.member_id for change in parts])
    conflicts = [
        PartConflict(change, existing.get(change.member_id))
        for change in parts
        if _version(existing.get(change.member_id)) != change.opened_version
    ]
    if conflicts:
        raise StaleBreakdownError(parts=conflicts)

    reason = (
        f"Correction: {total.entry.correction_reason.strip()}"
        if total.entry.correction_reason.strip()
        else how
    )
    created, updated = [], []
    now = timezone.now()
    for change in parts:
        figure = existing.get(change.member_id)
        if figure is None:
            created.append(
                _fill(
                    PartFigure(indicator=indicator, period=stored_period, member_id=change.member_id),
                    change,
                    user,
                    indicator.unit,
                )
            )
        elif _changes(figure, change, indicator.unit):
            _fill(figure, change, user, indicator.unit)
            figure.version += 1
            figure.updated_at = now
            updated.append(figure)
    if created:
        _create(created, indicator, stored_period, parts, user=user, reason=reason)
    if updated:
        bulk_update_with_history(
            updated, PartFigure, PART_FIELDS, default_user=user, default_change_reason=reason
        )
    return BreakdownSummary(total=summary, parts_saved=len(created) + len(updated))


def _locked_parts(indicator, stored_period, member_ids: list[int]) -> dict[int, PartFigure]:
    return {
        figure.member_id: figure
        for figure in PartFigure.objects.select_for_update().filter(
            indicator=indicator, period=stored_period, member_id__in=member_ids
        )
    }


def _create(
    created: list[PartFigure], indicator, stored_period, changes: list[PartChange], *, user, reason: str
):
    """Add new parts; one another officer added since the form was read is a conflict, not an error."""
    try:
        with transaction.atomic():
            bulk_create_with_history(created, PartFigure, default_user=user, default_change_reason=reason)
    except IntegrityError:
        added = _locked_parts(indicator, stored_period, [figure.member_id for figure in created])
        if not added:
            raise
        raise StaleBreakdownError(
            parts=[
                PartConflict(change, added[change.member_id])
                for change in changes
                if change.member_id in added
            ]
        ) from None


def _version(figure: PartFigure | None) -> int:
    return figure.version if figure else 0


def _changes(figure: PartFigure, change: PartChange, unit: str) -> bool:
    entry = change.entry
    return (
        stored(value_of(entry, unit)) != stored(figure.value)
        or stored(entry.numerator) != stored(figure.numerator)
        or stored(entry.denominator) != stored(figure.denominator)
        or entry.status != figure.status
    )


def _fill(figure: PartFigure, change: PartChange, user, unit: str) -> PartFigure:
    """The part as entered: provisional when its figure changes, as the council's figure is."""
    entry = change.entry
    recorded = figure.status if figure.pk else None
    is_changed = recorded is None or _changes(figure, change, unit)
    figure.value = stored(value_of(entry, unit))
    figure.numerator = stored(entry.numerator)
    figure.denominator = stored(entry.denominator)
    figure.status = status_after_entry(entry.status, changes_figure=is_changed, recorded=recorded)
    figure.entered_by = user
    return figure
