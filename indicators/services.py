"""Writes to the performance index that span more than one row."""

from collections.abc import Callable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from indicators.models import Correction, HeldForReaders, Outturn, OutturnStatus, ReportingPeriod
from indicators.rules.entry import Recorded
from indicators.rules.periods import Period
from indicators.rules.validation import holds_for_readers, is_seen_as_it_stands
from indicators.variation_summary import refresh_variation_on_commit


def period_for(period: Period) -> ReportingPeriod:
    """The stored reporting period for a rule period, created the first time it is used."""
    stored, _ = ReportingPeriod.objects.get_or_create(
        kind=period.kind.value,
        basis=period.basis.value,
        start=period.start,
        defaults={"end": period.end, "label": period.label},
    )
    return stored


@transaction.atomic
def correct_outturn(
    *,
    outturn: Outturn,
    value: Decimal | None,
    status: str,
    reason: str,
    user,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> Correction:
    """Change a published figure, keeping the old one on record with the reason, who and when."""
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    previous_value, previous_status = outturn.value, outturn.status
    previous_fraction = {"previous_numerator": outturn.numerator, "previous_denominator": outturn.denominator}
    before = Recorded(
        previous_value,
        outturn.numerator,
        outturn.denominator,
        previous_status,
        is_published=outturn.is_published,
    )
    outturn.value = value
    outturn.numerator = numerator
    outturn.denominator = denominator
    outturn.status = status
    outturn.version += 1
    hold_for_readers(
        outturn, before=before, was_seen=was_seen(outturn, before), is_changed=True, at=timezone.now()
    )
    outturn.save()
    correction = correction_for(
        outturn,
        previous_value=previous_value,
        previous_status=previous_status,
        reason=reason,
        user=user,
        **previous_fraction,
    )
    correction.save()
    refresh_variation_on_commit([outturn.indicator_id])
    return correction


def correction_for(
    outturn: Outturn,
    *,
    previous_value: Decimal | None,
    previous_status: str,
    reason: str,
    user,
    previous_numerator: Decimal | None = None,
    previous_denominator: Decimal | None = None,
) -> Correction:
    """The record of a correction already made to `outturn`, unsaved so that many can be saved at once."""
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    return Correction(
        outturn=outturn,
        previous_value=previous_value,
        previous_numerator=previous_numerator,
        previous_denominator=previous_denominator,
        previous_status=previous_status,
        new_value=outturn.value,
        new_status=outturn.status,
        reason=reason.strip(),
        corrected_by=user,
    )


def was_seen(figure: HeldForReaders, recorded: Recorded | None) -> bool:
    """Whether members and the public saw a figure before a change: as it stood, or as held for them."""
    if recorded is None:
        return False
    return figure.is_held or is_seen_as_it_stands(recorded.status, is_published=recorded.is_published)


def hold_for_readers(
    figure: HeldForReaders, *, before: Recorded | None, was_seen: bool, is_changed: bool, at
) -> None:
    """After a change to `figure` (a council figure or a part), what members and the public see of
    it: the figure as it was (`before`; None: no figure) while the change awaits validation, or the
    figure as it stands once it needs none."""
    if figure.status != OutturnStatus.PROVISIONAL:
        figure.release()
    elif holds_for_readers(was_seen=was_seen, changes_figure=is_changed, status=figure.status):
        if before is None:
            figure.hold(at=at)
        else:
            figure.hold_as(before, at=at)


def created_or_added_since(objects: list, model, *, user, reason: str, added: Callable[[], dict]) -> dict:
    """Add new figures with their history, or what another officer added since they were read.

    A figure that does not exist yet cannot be locked, so two officers may both find none and both
    add it: the second is refused by the one-figure-per-period constraint. `added` reads the
    figures on record again after such a refusal; they are returned for the caller to report as
    conflicts (empty: all were added).
    """
    try:
        with transaction.atomic():
            bulk_create_with_history(objects, model, default_user=user, default_change_reason=reason)
    except IntegrityError:
        found = added()
        if not found:
            raise
        return found
    return {}
