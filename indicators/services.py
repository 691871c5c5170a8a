"""Writes to the performance index that span more than one row."""

from decimal import Decimal

from django.db import transaction

from indicators.models import Correction, Outturn, ReportingPeriod
from indicators.rules.periods import Period


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
    outturn.value = value
    outturn.numerator = numerator
    outturn.denominator = denominator
    outturn.status = status
    outturn.version += 1
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
