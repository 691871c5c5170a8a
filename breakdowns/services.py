"""Saving a period's parts and the council total together: all or nothing, never over a newer figure."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from breakdowns.models import PartFigure
from indicators.entry.services import FigureChange, SaveSummary, StaleFiguresError, save_figures
from indicators.entry.validation import HOW as VALIDATED
from indicators.models import Indicator, Outturn, OutturnStatus
from indicators.rules.entry import Entry, Recorded, changes_figure, stored, value_of
from indicators.rules.periods import Period
from indicators.rules.validation import is_seen_as_it_stands, status_after_entry
from indicators.services import created_or_added_since, hold_for_readers, period_for
from indicators.variation_summary import refresh_variation_on_commit

PART_FIELDS = [
    "value",
    "numerator",
    "denominator",
    "status",
    "entered_by",
    "version",
    "updated_at",
    *PartFigure.HELD_FIELDS,
]


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
    council = Outturn.objects.select_for_update().filter(indicator=indicator, period=stored_period).first()
    council_seen = council is not None and (
        council.is_held or is_seen_as_it_stands(council.status, is_published=council.is_published)
    )
    created, updated = [], []
    now = timezone.now()
    for change in parts:
        figure = existing.get(change.member_id)
        if figure is None:
            figure = PartFigure(indicator=indicator, period=stored_period, member_id=change.member_id)
            created.append(_fill(figure, change, user, indicator.unit, seen=council_seen, now=now))
        elif changes_figure(change.entry, _recorded(figure), indicator.unit):
            _fill(figure, change, user, indicator.unit, seen=council_seen, now=now)
            figure.version += 1
            figure.updated_at = now
            updated.append(figure)
    if created:
        _create(created, indicator, stored_period, parts, user=user, reason=reason)
    if updated:
        bulk_update_with_history(
            updated, PartFigure, PART_FIELDS, default_user=user, default_change_reason=reason
        )
    if council is not None and council.status == OutturnStatus.VALIDATED and (created or updated):
        _await_validation_with_parts(council, user=user, now=now, how=how)
    return BreakdownSummary(total=summary, parts_saved=len(created) + len(updated))


def _await_validation_with_parts(council: Outturn, *, user, now, how: str) -> None:
    """Parts changed behind a validated council figure are validated with it: it awaits validation
    again, members and the public seeing it, and the parts, as they were. Its own figure is
    unchanged, so this is no correction."""
    council.hold_as(council, at=now)
    council.status = OutturnStatus.PROVISIONAL
    council.validated_by = council.validated_at = None
    council.version += 1
    council._change_reason = f"{how}: the figures behind it await validation"
    council.save()
    refresh_variation_on_commit([council.indicator_id])


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
    added = created_or_added_since(
        created,
        PartFigure,
        user=user,
        reason=reason,
        added=lambda: _locked_parts(indicator, stored_period, [figure.member_id for figure in created]),
    )
    if added:
        raise StaleBreakdownError(
            parts=[
                PartConflict(change, added[change.member_id])
                for change in changes
                if change.member_id in added
            ]
        )


def _version(figure: PartFigure | None) -> int:
    return figure.version if figure else 0


def _recorded(figure: PartFigure) -> Recorded:
    return Recorded(figure.value, figure.numerator, figure.denominator, figure.status)


def _fill(figure: PartFigure, change: PartChange, user, unit: str, *, seen: bool, now) -> PartFigure:
    """The part as entered: provisional when its figure changes, as the council's figure is; members
    and the public keep seeing it as it was (or not at all, when it is new) until it is validated."""
    entry = change.entry
    before = _recorded(figure) if figure.pk else None
    is_changed = changes_figure(entry, before, unit) if before else True
    figure.value = stored(value_of(entry, unit))
    figure.numerator = stored(entry.numerator)
    figure.denominator = stored(entry.denominator)
    figure.status = status_after_entry(
        entry.status, changes_figure=is_changed, recorded=before.status if before else None
    )
    figure.entered_by = user
    hold_for_readers(figure, before=before, was_seen=seen, is_changed=is_changed, at=now)
    return figure


def release_parts(outturns: list[Outturn], *, user) -> None:
    """The parts behind validated figures are validated with them: members and the public see the
    parts as they stand from now on. One query to find them, one or two to save them."""
    validated = {(outturn.indicator_id, outturn.period_id) for outturn in outturns}
    held = [
        part
        for part in PartFigure.objects.select_for_update().filter(
            held_since__isnull=False,
            indicator_id__in={indicator for indicator, _ in validated},
            period_id__in={period for _, period in validated},
        )
        if (part.indicator_id, part.period_id) in validated
    ]
    for part in held:
        part.release()
    if held:
        bulk_update_with_history(
            held, PartFigure, list(PartFigure.HELD_FIELDS), default_user=user, default_change_reason=VALIDATED
        )
