"""The demo council: a coherent suite with several years of figures, built from fixtures/demo_council.json.

Figures quoted in the committee reports are kept exactly (the "anchors"); the year-end figures of
indicators DfE publishes are DfE's published figures for the council (LA 315, Merton), and the
periods between are generated around them; the rest are generated around each indicator's usual
level with a fixed seed, so every run builds the same council. Definitions of indicators DfE
catalogues are DfE's own.
"""

import json
import logging
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from indicators.charts import year_end_of
from indicators.checks import DEMO_PASSWORD
from indicators.dfe.models import AreaLevel, DfeMapping, DfeValue
from indicators.dfe.services import catalogue_measures, data_dir, import_dfe_file
from indicators.dfe.tidy import DfeFileError
from indicators.models import (
    ChangePoint,
    Indicator,
    Outturn,
    OutturnStatus,
    ReportingPeriod,
    ServiceArea,
    Target,
)
from indicators.roles import ensure_roles, role_named
from indicators.rules.due import due_date
from indicators.rules.figures import rounded
from indicators.rules.periods import (
    YEAR_START_MONTH,
    Period,
    PeriodKind,
    YearBasis,
    month_of,
    parse_period_label,
)
from indicators.rules.terms import Polarity
from indicators.services import correct_outturn, period_for
from indicators.variation_summary import refresh_every_variation, refresh_variation

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_council.json"
POPULATION = Decimal(47200)
"""Children aged 0-17 in the demo council, the denominator of its rates per 10,000."""

CSWW = "csww_indicators_2017_to_2025.csv"
DFE_MAPPINGS = {
    "cla_rate": (
        "cla_number_and_rate_per_10k_children.csv",
        "DfE: Children looked after in England",
        {"population_type": "Children looked after on 31 March each year"},
        "rate_per_10000",
    ),
    "rereferrals": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "DfE: Characteristics of children in need",
        {"category": "Referrals and Re-referrals"},
        "rereferral_percent",
    ),
    "caseload": (CSWW, "DfE: Children's social work workforce", {}, "caseload_fte"),
    "agency_rate": (CSWW, "DfE: Children's social work workforce", {}, "agency_rate_fte"),
    "vacancy_rate": (CSWW, "DfE: Children's social work workforce", {}, "vacancy_rate_fte"),
}
"""The demo's `dfe_comparator` keys: file, publication, filters and value column."""

PROVISIONAL_REFS = ("4", "9", "13", "19", "29", "36", "39")
"""Indicators whose latest figure (Q2 2025/26, or September 2025) awaits its lead officer's
validation: the rest of the demo's figures are validated."""
VALIDATED_DAYS_AFTER = 20
"""Days after a period ends that the demo's lead officer validated its figures."""

logger = logging.getLogger(__name__)


def load_spec(path: Path = DEMO_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def periods_between(first: date, last: date, kind: PeriodKind, basis: YearBasis) -> list[Period]:
    """Every period of a kind that starts on or after `first` and ends on or before `last`."""
    if kind is PeriodKind.YEAR:
        period = Period(date(first.year, YEAR_START_MONTH[basis], 1), kind, basis)
    elif kind is PeriodKind.QUARTER:
        period = Period(date(first.year, 4, 1), kind)
    else:
        period = Period(date(first.year, first.month, 1), kind)
    periods = []
    while period.end <= last:
        if period.start >= first:
            periods.append(period)
        period = period.shifted(1)
    return periods


def current_as_at(today: date) -> date:
    """The end of the latest month whose figures fell due before `today`, as the council's due
    dates count (ENTRY_DUE_WORKING_DAYS working days after a period ends, skipping bank holidays):
    a demo loaded today has every figure already due, and the next month's falling due soon."""
    month = month_of(today).previous()
    while (
        due_date(month, working_days=settings.ENTRY_DUE_WORKING_DAYS, holidays=settings.ENTRY_BANK_HOLIDAYS)
        >= today
    ):
        month = month.previous()
    return month.end


@transaction.atomic
def build_demo_council(spec: dict | None = None, *, as_at: date | None = None) -> dict[str, int]:
    """Create the demo council from scratch: users, suite, targets, figures and corrections.

    Its figures run to the spec's date (30 September 2025, which the tests read), or to `as_at`
    for a demo that looks current (`load_demo --current`)."""
    spec = spec or load_spec()
    if as_at is not None:
        spec = {**spec, "as_at": as_at.isoformat()}
    users = _create_users(spec["users"])
    areas = {
        name: ServiceArea.objects.create(name=name, order=i) for i, name in enumerate(spec["service_areas"])
    }
    first = date(spec["first_year"], 4, 1)
    as_at = date.fromisoformat(spec["as_at"])

    definitions = _catalogue_definitions()
    indicators = {}
    for order, item in enumerate(spec["indicators"]):
        indicators[item["ref"]] = _create_indicator(
            item, areas, order, definitions, owner=users["officer"], lead=users["lead"]
        )
    for item in spec["indicators"]:
        if item.get("predecessors"):
            indicators[item["ref"]].predecessors.set([indicators[ref] for ref in item["predecessors"]])

    targets = [
        target
        for item in spec["indicators"]
        for target in _targets(item, indicators[item["ref"]], spec["first_year"], as_at.year + 1)
    ]
    bulk_create_with_history(targets, Target)

    comparators = _import_comparators(spec["indicators"], indicators)
    published = _published_year_ends()
    officer = users["officer"]
    # The indicators share their periods: each is stored once, not looked up for every figure.
    stored_period = cache(period_for)
    outturns = []
    for item in spec["indicators"]:
        indicator = indicators[item["ref"]]
        year_ends = published.get(indicator.pk, {})
        outturns.extend(_outturns(item, indicator, first, as_at, officer, year_ends, stored_period))
    _validate(outturns, users["lead"], latest=as_at)
    bulk_create_with_history(outturns, Outturn, batch_size=500)

    for correction in spec.get("corrections", []):
        _apply_correction(correction, indicators, officer)
    refresh_every_variation()
    return {
        "indicators": len(indicators),
        "outturns": len(outturns),
        "targets": len(targets),
        "comparators": comparators,
    }


def _import_comparators(items: list[dict], indicators: dict) -> int:
    """Map the demo's DfE-compared indicators and import their comparators from DfE's own files."""
    by_file: dict[str, list[DfeMapping]] = {}
    polarities = _catalogue_polarities()
    for item in items:
        if item.get("dfe_comparator"):
            file_name, publication, filters, column = DFE_MAPPINGS[item["dfe_comparator"]]
            mapping = DfeMapping.objects.create(
                indicator=indicators[item["ref"]],
                publication=publication,
                filters=filters,
                value_column=column,
                banding_polarity=banding_polarity_for(item, polarities),
            )
            by_file.setdefault(file_name, []).append(mapping)
    if not data_dir().is_dir():
        logger.warning("DfE's files are not at %s: the demo council has no comparators.", data_dir())
        return 0
    imported = 0
    for file_name, mappings in by_file.items():
        path = data_dir() / file_name
        result = import_dfe_file(path.read_bytes(), file_name=file_name, mappings=mappings)
        imported += result.created
    return imported


def _published_year_ends() -> dict[int, dict[date, Decimal]]:
    """DfE's figure for the council by indicator and the date it is as at, where DfE gives one."""
    published: dict[int, dict[date, Decimal]] = {}
    values = DfeValue.objects.filter(
        level=AreaLevel.LOCAL_AUTHORITY, area_code=settings.COUNCIL_LA_CODE, value__isnull=False
    ).select_related("mapping")
    for value in values:
        published.setdefault(value.mapping.indicator_id, {})[year_end_of(value.year, value.year_label)] = (
            value.value
        )
    return published


def banding_polarity_for(item: dict, catalogue_polarities: dict[str, Polarity]) -> str:
    """The polarity DfE's catalogue gives the item's measure, to band and rank councils by, where
    the indicator's own polarity is a range or none; "" where it has its own, or DfE gives none."""
    if item.get("polarity") not in (Polarity.WITHIN_RANGE, Polarity.NONE):
        return ""
    polarity = catalogue_polarities.get(item.get("dfe_measure", ""), Polarity.NONE)
    return polarity.value if polarity in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER) else ""


def _catalogue_polarities() -> dict[str, Polarity]:
    """DfE's catalogue polarity by LAIT short name; none when DfE's files are not at hand."""
    try:
        return {measure.short_name: measure.polarity for measure in catalogue_measures()}
    except DfeFileError:
        return {}


def _catalogue_definitions() -> dict[str, str]:
    """DfE's catalogue definitions by LAIT short name; none when DfE's files are not at hand."""
    try:
        return {measure.short_name: measure.definition for measure in catalogue_measures()}
    except DfeFileError:
        return {}


def _create_users(people: list[dict]) -> dict:
    groups = ensure_roles()
    user_model = get_user_model()
    users = {}
    for person in people:
        user = user_model(
            username=person["username"],
            first_name=person["first_name"],
            last_name=person["last_name"],
            email=f"{person['username']}@demo.invalid",
            is_staff=role_named(person["role"]).is_staff,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(groups[person["role"]])
        users[person["username"]] = user
    return users


# What success looks like, in the words of the report cards the demo council's panel reads.
SUCCESS_BY_AREA = {
    "Early Help": "Families get help early, from the right service, and fewer need a social worker later.",
    "Social Care": "Children referred to us get a timely assessment and the right help first time,"
    " with the figure at or better than target for four quarters running.",
    "Child Protection": "Children with a plan are safe sooner: plans are reviewed on time and fewer"
    " children need a second plan.",
    "Looked After Children": "Children in care live in stable homes close to their families and schools,"
    " and their plans are reviewed on time.",
    "Care Leavers": "Care leavers are in touch with us, in suitable homes and in education, training or"
    " work.",
    "Education": "Every child is in school, learning, and achieving as well as children nationally.",
    "SEND": "Children with special educational needs get their plans on time and the help the plans promise.",
    "Workforce": "Social workers stay, have manageable caseloads, and are supervised regularly.",
}


def _create_indicator(
    item: dict, areas: dict, order: int, definitions: dict[str, str], *, owner, lead
) -> Indicator:
    """An indicator of the demo's suite; its figures are the demo officer's to enter and the demo
    lead officer's to validate."""
    return Indicator.objects.create(
        reference=item["ref"],
        title=item["title"],
        definition=item.get("definition") or definitions.get(item.get("dfe_measure", ""), ""),
        service_area=areas[item["area"]],
        unit=item["unit"],
        decimal_places=item.get("decimal_places", 0),
        polarity=item["polarity"],
        frequency=item["frequency"],
        year_basis=item.get("year_basis", YearBasis.FINANCIAL),
        measure_basis=item.get("measure_basis", "snapshot"),
        source=item.get("source", "case_management"),
        lead_officer=f"Head of Service, {item['area']}",
        lead_officer_user=lead,
        data_owner="Performance and Information Officer",
        data_owner_user=owner,
        success_looks_like=SUCCESS_BY_AREA.get(item["area"], ""),
        is_target_measure=not item.get("contextual", False),
        is_restricted=item.get("restricted", False),
        no_change_band=Decimal(str(item.get("band", 0))),
        introduced_on=date.fromisoformat(item["introduced"]) if item.get("introduced") else None,
        retired_on=date.fromisoformat(item["retired"]) if item.get("retired") else None,
        display_order=order,
    )


def _targets(item: dict, indicator: Indicator, first_year: int, last_year: int) -> list[Target]:
    if "target" not in item and "range" not in item:
        return []
    lower, upper = item.get("range", [None, None])
    return [
        Target(
            indicator=indicator,
            year=year,
            value=Decimal(str(item["target"])) if "target" in item else None,
            range_lower=Decimal(str(lower)) if lower is not None else None,
            range_upper=Decimal(str(upper)) if upper is not None else None,
            kind=item.get("target_kind", "local"),
            tolerance=Decimal(str(item.get("tolerance", 0))),
            tolerance_kind=item.get("tolerance_kind", "points"),
        )
        for year in range(first_year - 1, last_year + 1)
    ]


def _outturns(
    item: dict,
    indicator: Indicator,
    first: date,
    as_at: date,
    officer,
    published: dict[date, Decimal],
    stored_period: Callable[[Period], ReportingPeriod],
) -> list[Outturn]:
    """Each period's figure: a quoted anchor, DfE's published figure at a year end, or generated
    around the usual level (DfE's nearest published figure, if any, else the indicator's base)."""
    kind = PeriodKind(item["frequency"])
    basis = YearBasis(item.get("year_basis", "financial")) if kind is PeriodKind.YEAR else YearBasis.FINANCIAL
    start = max(first, date.fromisoformat(item["introduced"])) if item.get("introduced") else first
    end = min(as_at, date.fromisoformat(item["retired"])) if item.get("retired") else as_at
    anchors = {_key(label, basis): value for label, value in item.get("anchors", {}).items()}
    commentary = {_key(label, basis): text for label, text in item.get("commentary", {}).items()}
    unreliable_from = date.fromisoformat(item["unreliable_from"]) if item.get("unreliable_from") else None
    generator = random.Random(f"demo-{item['ref']}")
    level = float(item["base"])
    periods = periods_between(start, end, kind, basis)
    outturns = []
    for period in periods:
        usual = _usual_level(period.end, published, float(item["base"]))
        level += (usual - level) * 0.3 + generator.gauss(0, float(item["noise"]))
        outturn = Outturn(
            indicator=indicator,
            period=stored_period(period),
            status=OutturnStatus.PROVISIONAL,
            source=indicator.get_source_display(),
            commentary=commentary.get(period.start, ""),
            entered_by=officer,
        )
        if unreliable_from and period.start >= unreliable_from:
            outturn.status = OutturnStatus.UNRELIABLE
            outturn.commentary = item["unreliable_reason"]
        elif period.start in anchors:
            _set_anchor(outturn, anchors[period.start])
        elif period.end in published:
            outturn.value = published[period.end]
        else:
            _set_generated(outturn, item, indicator, max(level, 0), generator)
        outturns.append(outturn)
    return outturns


def _validate(outturns: list[Outturn], lead, *, latest: date) -> None:
    """The lead officer validated each figure some days after its period ended, except the latest
    figures of a handful of indicators, still awaiting validation."""
    for outturn in outturns:
        if outturn.status != OutturnStatus.PROVISIONAL:
            continue
        period = outturn.period
        if outturn.indicator.reference in PROVISIONAL_REFS and period.end == latest:
            continue
        outturn.status = OutturnStatus.VALIDATED
        outturn.validated_by = lead
        outturn.validated_at = datetime.combine(
            period.end + timedelta(days=VALIDATED_DAYS_AFTER), time(10), tzinfo=UTC
        )


def _usual_level(end: date, published: dict[date, Decimal], base: float) -> float:
    if not published:
        return base
    nearest = min(published, key=lambda year_end: abs((year_end - end).days))
    return float(published[nearest])


def _key(label: str, basis: YearBasis) -> date:
    return parse_period_label(label, basis).start


def _set_anchor(outturn: Outturn, value) -> None:
    if value is None:
        outturn.status = OutturnStatus.NOT_AVAILABLE
        outturn.commentary = outturn.commentary or "The figure was not available in time for this report."
    else:
        outturn.value = Decimal(str(value))


def _set_generated(outturn: Outturn, item: dict, indicator: Indicator, level: float, generator) -> None:
    unit = indicator.unit
    if unit == "percent" and item.get("denominator"):
        denominator = max(5, round(item["denominator"] * generator.uniform(0.85, 1.15)))
        numerator = min(denominator, round(min(level, 100) / 100 * denominator))
        outturn.numerator, outturn.denominator = Decimal(numerator), Decimal(denominator)
        outturn.value = Decimal(numerator) / Decimal(denominator) * 100
    elif unit == "rate10k":
        count = round(level * float(POPULATION) / 10000)
        outturn.numerator, outturn.denominator = Decimal(count), POPULATION
        outturn.value = Decimal(count) / POPULATION * 10000
    elif unit == "count":
        outturn.value = Decimal(round(level))
    else:
        outturn.value = rounded(Decimal(str(level)), max(indicator.decimal_places, 1))
    if unit == "percent":
        outturn.value = min(outturn.value, Decimal(100))


def _apply_correction(item: dict, indicators: dict, officer) -> None:
    """Record a correction as it happened: the earlier figure first, then the corrected one."""
    indicator = indicators[item["ref"]]
    outturn = Outturn.objects.get(
        indicator=indicator,
        period__start=parse_period_label(item["period"]).start,
        period__kind=indicator.frequency,
    )
    corrected = outturn.value
    outturn.value = Decimal(str(item["previous"]))
    outturn.numerator = outturn.denominator = None
    outturn.save()
    correct_outturn(
        outturn=outturn, value=corrected, status=outturn.status, reason=item["reason"], user=officer
    )


DEMO_CHANGE_POINT = (
    "13",
    Period(date(2021, 4, 1), PeriodKind.MONTH),
    "A visit counts only when the child is seen alone, as the revised child protection procedures "
    "require: earlier visits are not comparable.",
)
"""The demo's recorded change of process: its chart's limits start afresh there, with the reason."""


def record_demo_change_point() -> None:
    reference, period, reason = DEMO_CHANGE_POINT
    indicator = Indicator.objects.get(reference=reference)
    officer = get_user_model().objects.get(username="officer")
    ChangePoint.objects.create(
        indicator=indicator, period=period_for(period), reason=reason, recorded_by=officer
    )
    refresh_variation([indicator.pk])
