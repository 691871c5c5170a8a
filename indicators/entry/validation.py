"""Validating figures: which provisional figures an officer may validate, and validating them.

The rules are in indicators/rules/validation.py; this module reads and writes the figures they judge.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from indicators.access import can_validate_any
from indicators.assessment import target_year_for
from indicators.entry.selectors import period_key
from indicators.extensions import figures_validated
from indicators.models import Outturn, OutturnStatus, Target
from indicators.reader import Reader
from indicators.rules.terms import Rating
from indicators.rules.validation import (
    NOT_PERMITTED,
    NOT_PROVISIONAL,
    OWN_ENTRY,
    Validator,
    validation_refusal,
)
from indicators.variation_summary import refresh_variation_on_commit

HOW = "Validated"


@dataclass(frozen=True)
class AwaitingFigure:
    """A provisional figure this officer may validate, with the version they were shown."""

    outturn: Outturn

    @property
    def text(self) -> str:
        return self.outturn.indicator.format(self.outturn.value)

    @property
    def entered_by(self) -> str:
        person = self.outturn.entered_by
        return (person.get_full_name() or person.get_username()) if person else "Not recorded"


@dataclass(frozen=True)
class WaitingFigure(AwaitingFigure):
    """A provisional figure this officer may not validate yet, and who or what it waits for."""

    waits_for: str
    needs_commentary: bool

    @property
    def entry_key(self) -> str:
        """The period's key on the entry form, where its commentary is added."""
        return period_key(self.outturn.period.rule)


@dataclass(frozen=True)
class AwaitingPeriod:
    label: str
    figures: list[AwaitingFigure]


@dataclass(frozen=True)
class Refusal:
    """A figure that was not validated, and why."""

    figure: str
    reason: str

    @property
    def text(self) -> str:
        return f"{self.figure}: {self.reason}"


class ValidationRefusedError(Exception):
    def __init__(self, refusals: list[Refusal]):
        super().__init__(f"{len(refusals)} figures may not be validated.")
        self.refusals = refusals


def validator_for(user, outturn: Outturn) -> Validator:
    indicator = outturn.indicator
    return Validator(
        is_lead_officer=indicator.lead_officer_user_id == user.pk,
        is_second_officer=indicator.second_officer_user_id == user.pk,
        is_administrator=can_validate_any(user),
        entered_it=outturn.entered_by_id == user.pk,
    )


def _pending(user, *, reader: Reader):
    """Provisional figures of the indicators this user may validate (before the own-entry rule), and
    those they entered of other indicators."""
    outturns = Outturn.objects.filter(status=OutturnStatus.PROVISIONAL)
    if not can_validate_any(user):
        outturns = outturns.filter(
            Q(indicator__lead_officer_user=user) | Q(indicator__second_officer_user=user) | Q(entered_by=user)
        )
    if not reader.sees_restricted:
        outturns = outturns.filter(indicator__is_restricted=False)
    return outturns


def _targets_for(outturns: list[Outturn]) -> dict[tuple[int, int], Target]:
    return {
        (target.indicator_id, target.year): target
        for target in Target.objects.filter(indicator_id__in={outturn.indicator_id for outturn in outturns})
    }


def _is_unexplained_red(outturn: Outturn, targets: dict[tuple[int, int], Target]) -> bool:
    indicator = outturn.indicator
    if outturn.commentary.strip():
        return False
    target = targets.get((indicator.pk, target_year_for(indicator, outturn.period.rule)))
    return indicator.rating_of(outturn.value, target.rule if target else None).rating is Rating.RED


def _refusal(user, outturn: Outturn, *, version: int, targets) -> str:
    return validation_refusal(
        validator_for(user, outturn),
        status=outturn.status,
        is_current=outturn.version == version,
        is_unexplained_red=_is_unexplained_red(outturn, targets),
    )


def awaiting_validation(*, user, reader: Reader) -> tuple[list[AwaitingPeriod], list[WaitingFigure]]:
    """The provisional figures this user may validate, by period newest first, and the others of
    their indicators or that they entered, each with what it waits for (someone else, for their own
    entries; commentary, for a Red one). Two queries."""
    outturns = list(
        _pending(user, reader=reader)
        .select_related(
            "indicator__service_area",
            "indicator__lead_officer_user",
            "indicator__second_officer_user",
            "period",
            "entered_by",
        )
        .order_by(
            "-period__end", "period__kind", "indicator__service_area__order", "indicator__display_order"
        )
    )
    targets = _targets_for(outturns)
    periods: dict[int, AwaitingPeriod] = {}
    waiting = []
    for outturn in outturns:
        if refusal := _refusal(user, outturn, version=outturn.version, targets=targets):
            waiting.append(_waiting(user, outturn, refusal, targets))
            continue
        period = periods.setdefault(outturn.period_id, AwaitingPeriod(outturn.period.label, []))
        period.figures.append(AwaitingFigure(outturn))
    return list(periods.values()), waiting


def _waiting(user, outturn: Outturn, refusal: str, targets) -> WaitingFigure:
    """A figure this user may not validate yet, with who or what it waits for, in a sentence."""
    needs_commentary = _is_unexplained_red(outturn, targets)
    waits = []
    if refusal == OWN_ENTRY:
        waits.append(f"{_someone_else(user, outturn)}, because you entered it")
    elif refusal == NOT_PERMITTED:
        waits.append(_someone_else(user, outturn))
    if needs_commentary:
        waits.append("commentary, because it is Red")
    text = "; and ".join(waits) or refusal
    return WaitingFigure(outturn, text[0].upper() + text[1:], needs_commentary)


def _someone_else(user, outturn: Outturn) -> str:
    """Who validates a figure in this user's stead: its lead officer, or else its second officer."""
    indicator = outturn.indicator
    lead, second = indicator.lead_officer_user, indicator.second_officer_user
    if lead is not None and lead.pk != user.pk:
        who = f"its lead officer, {_name(lead)}"
        if second is not None and second.pk != user.pk:
            who += f", or its second officer, {_name(second)}"
        return who
    if second is not None and second.pk != user.pk:
        return f"its second officer, {_name(second)}"
    return "an administrator, as no other officer is named to validate it"


def _name(person) -> str:
    return person.get_full_name() or person.get_username()


@transaction.atomic
def validate_figures(*, user, versions: dict[int, int]) -> int:
    """Validate every figure named (outturn id to the version the officer was shown), or none.

    Raises ValidationRefusedError naming each figure this user may not validate, or that changed
    since they saw it; nothing is changed then.
    """
    outturns = list(
        Outturn.objects.select_for_update(of=("self",))
        .filter(pk__in=list(versions))
        .select_related("indicator", "period")
        .order_by("pk")
    )
    targets = _targets_for(outturns)
    refusals = [
        Refusal(_figure_name(outturn), reason)
        for outturn in outturns
        if (reason := _refusal(user, outturn, version=versions[outturn.pk], targets=targets))
    ]
    missing = set(versions) - {outturn.pk for outturn in outturns}
    refusals.extend(Refusal(f"Figure {pk}", NOT_PROVISIONAL) for pk in sorted(missing))
    if refusals:
        raise ValidationRefusedError(refusals)
    now = timezone.now()
    for outturn in outturns:
        outturn.status = OutturnStatus.VALIDATED
        outturn.validated_by = user
        outturn.validated_at = now
        outturn.version += 1
        outturn.updated_at = now
        outturn.release()
    bulk_update_with_history(
        outturns,
        Outturn,
        ["status", "validated_by", "validated_at", "version", "updated_at", *Outturn.HELD_FIELDS],
        default_user=user,
        default_change_reason=HOW,
    )
    figures_validated(outturns, user=user)
    refresh_variation_on_commit(outturn.indicator_id for outturn in outturns)
    return len(outturns)


def _figure_name(outturn: Outturn) -> str:
    return f"Indicator {outturn.indicator.reference}, {outturn.period.label}"
