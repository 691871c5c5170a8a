"""Bringing a council's index into the portal: what a workbook would change, and saving it all or
nothing. A second upload of the same workbook changes nothing; a figure that differs from one a
committee report already published becomes a correction, provisional until validated."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from indicators.entry.selectors import recorded_of
from indicators.models import Indicator, Outturn, ServiceArea, Target
from indicators.rules.figures import value_from_fraction
from indicators.rules.terms import OutturnStatus
from indicators.services import correct_outturn, hold_for_readers, period_for, was_seen
from indicators.suite_import.reader import IndexWorkbook
from indicators.variation_summary import refresh_variation_on_commit

INDICATOR_FIELDS = (
    "title",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "year_basis",
    "is_restricted",
    "lead_officer",
    "data_owner",
    "success_looks_like",
    "measure_basis",
    "is_target_measure",
    "no_change_band",
    "introduced_on",
    "retired_on",
)


@dataclass
class ImportPlan:
    """What saving the workbook would do, counted for the preview."""

    new_indicators: list[str] = field(default_factory=list)
    changed_indicators: list[str] = field(default_factory=list)
    new_figures: int = 0
    changed_figures: int = 0
    corrections: list[str] = field(default_factory=list)
    unchanged_figures: int = 0
    new_targets: int = 0
    changed_targets: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_indicators
            or self.changed_indicators
            or self.new_figures
            or self.changed_figures
            or self.corrections
            or self.new_targets
            or self.changed_targets
        )


def _differs(indicator: Indicator, details: dict) -> bool:
    return indicator.service_area.name != details["service_area"] or any(
        getattr(indicator, name) != details[name] for name in INDICATOR_FIELDS
    )


def _figure_differs(outturn: Outturn, figure) -> bool:
    return (outturn.value, outturn.numerator, outturn.denominator, outturn.status) != (
        figure.value,
        figure.numerator,
        figure.denominator,
        figure.status,
    )


def _target_differs(target: Target, row) -> bool:
    held = (
        target.value,
        target.tolerance,
        target.range_lower,
        target.range_upper,
        target.tolerance_kind,
        target.kind,
    )
    return held != (row.value, row.tolerance, row.range_lower, row.range_upper, row.tolerance_kind, row.kind)


def _existing(workbook: IndexWorkbook):
    references = [row.details["reference"] for row in workbook.indicators]
    indicators = {
        indicator.reference: indicator
        for indicator in Indicator.objects.select_related("service_area").filter(reference__in=references)
    }
    outturns = {
        (outturn.indicator_id, outturn.period.kind, outturn.period.basis, outturn.period.start): outturn
        for outturn in Outturn.objects.select_related("period").filter(indicator__in=indicators.values())
    }
    targets = {(t.indicator_id, t.year): t for t in Target.objects.filter(indicator__in=indicators.values())}
    return indicators, outturns, targets


def _key(indicator_id, period):
    return (indicator_id, period.kind.value, period.basis.value, period.start)


def plan_import(workbook: IndexWorkbook) -> ImportPlan:
    indicators, outturns, targets = _existing(workbook)
    plan = ImportPlan()
    for row in workbook.indicators:
        reference = row.details["reference"]
        indicator = indicators.get(reference)
        if indicator is None:
            plan.new_indicators.append(reference)
            plan.new_figures += len(row.figures)
            continue
        if _differs(indicator, row.details):
            plan.changed_indicators.append(reference)
        for period, figure in row.figures.items():
            outturn = outturns.get(_key(indicator.pk, period))
            if outturn is None:
                plan.new_figures += 1
            elif not _figure_differs(outturn, figure):
                plan.unchanged_figures += 1
            elif outturn.first_published_at:
                plan.corrections.append(f"{reference} {period.label}")
            else:
                plan.changed_figures += 1
    by_reference = {reference: indicator.pk for reference, indicator in indicators.items()}
    for target_row in workbook.targets:
        target = targets.get((by_reference.get(target_row.reference), target_row.year))
        if target is None:
            plan.new_targets += 1
        elif _target_differs(target, target_row):
            plan.changed_targets += 1
    return plan


@transaction.atomic
def import_index(workbook: IndexWorkbook, *, user, file_name: str) -> ImportPlan:
    """Save the workbook's suite, targets and figures, or nothing. Returns what it did."""
    plan = plan_import(workbook)
    areas = {area.name: area for area in ServiceArea.objects.all()}
    next_order = max((area.order for area in areas.values()), default=0)
    indicators, outturns, targets = _existing(workbook)
    periods = {}
    new_outturns = []
    reason = f"Corrected by the index workbook {file_name}"
    for order, row in enumerate(workbook.indicators, start=1):
        details = row.details
        area = areas.get(details["service_area"])
        if area is None:
            next_order += 1
            area = areas[details["service_area"]] = ServiceArea.objects.create(
                name=details["service_area"], order=next_order
            )
        indicator = indicators.get(details["reference"])
        fields = {name: details[name] for name in INDICATOR_FIELDS}
        if indicator is None:
            indicator = Indicator.objects.create(
                reference=details["reference"], service_area=area, display_order=order, **fields
            )
        elif _differs(indicator, details):
            for name, value in fields.items():
                setattr(indicator, name, value)
            indicator.service_area = area
            indicator.save()
        for period, figure in row.figures.items():
            if period not in periods:
                periods[period] = period_for(period)
            outturn = outturns.get(_key(indicator.pk, period))
            if outturn is None:
                if figure.numerator is not None and figure.denominator:
                    figure.value = value_from_fraction(figure.numerator, figure.denominator, indicator.unit)
                new_outturns.append(
                    Outturn(
                        indicator=indicator,
                        period=periods[period],
                        value=figure.value,
                        numerator=figure.numerator,
                        denominator=figure.denominator,
                        status=figure.status,
                        source=file_name[:200],
                        entered_by=user,
                        validated_by=user if figure.status == OutturnStatus.VALIDATED else None,
                        validated_at=timezone.now() if figure.status == OutturnStatus.VALIDATED else None,
                    )
                )
            elif not _figure_differs(outturn, figure):
                continue
            elif outturn.first_published_at:
                # A published figure changes only as a correction, checked again before readers see it.
                correct_outturn(
                    outturn=outturn,
                    value=figure.value,
                    numerator=figure.numerator,
                    denominator=figure.denominator,
                    status=OutturnStatus.PROVISIONAL,
                    reason=reason,
                    user=user,
                )
            else:
                # A validated figure changed to a provisional one stays before readers until validated.
                before = recorded_of(outturn)
                seen = was_seen(outturn, before)
                outturn.value, outturn.numerator, outturn.denominator = (
                    figure.value,
                    figure.numerator,
                    figure.denominator,
                )
                outturn.status = figure.status
                outturn.entered_by, outturn.source = user, file_name[:200]
                outturn.validated_by = user if figure.status == OutturnStatus.VALIDATED else None
                outturn.validated_at = timezone.now() if figure.status == OutturnStatus.VALIDATED else None
                outturn.version += 1
                hold_for_readers(outturn, before=before, was_seen=seen, is_changed=True, at=timezone.now())
                outturn.save()
        indicators[details["reference"]] = indicator
    bulk_create_with_history(new_outturns, Outturn, batch_size=2000, default_user=user)
    new_targets = []
    for target_row in workbook.targets:
        indicator = indicators[target_row.reference]
        values = {
            "value": target_row.value,
            "tolerance": target_row.tolerance,
            "range_lower": target_row.range_lower,
            "range_upper": target_row.range_upper,
            "tolerance_kind": target_row.tolerance_kind,
            "kind": target_row.kind,
        }
        target = targets.get((indicator.pk, target_row.year))
        if target is None:
            new_targets.append(Target(indicator=indicator, year=target_row.year, **values))
        elif _target_differs(target, target_row):
            for name, value in values.items():
                setattr(target, name, value)
            target.save()
    bulk_create_with_history(new_targets, Target, batch_size=2000, default_user=user)
    refresh_variation_on_commit(indicator.pk for indicator in indicators.values())
    return plan
