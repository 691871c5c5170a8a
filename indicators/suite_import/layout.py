"""The council's performance index workbook, as councils keep it: one row per indicator, its
details in the first columns and a column per period to the right, as the seed reports' indices
are. Declared once here, read by the importer and written by the template.

- Sheet "Index": the details below, then one column per period headed as the committee writes it
  ("Q2 2019/20", "Oct 2019", "2019/20"), each cell the figure for that period.
- Sheets "Numerators" and "Denominators" (optional): "Reference", then the same period columns.
- Sheet "Status" (optional): "Reference", then period columns holding "Validated", "Provisional",
  or, with no figure, "Not available in time", "Cannot be reported reliably" or "Suppressed"; a
  figure with no status is validated, as a council's own history is.
- Sheet "Targets": one row per indicator and reporting year.
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators.rules.periods import PeriodKind, YearBasis
from indicators.rules.terms import OutturnStatus, Polarity, TargetKind, ToleranceKind, Unit

INDEX, NUMERATORS, DENOMINATORS, STATUS, TARGETS = "Index", "Numerators", "Denominators", "Status", "Targets"


@dataclass(frozen=True)
class Column:
    field: str
    heading: str
    hint: str
    required: bool = True


DETAILS = (
    Column("reference", "Reference", "As the committee knows it: 2, 35.1, 27"),
    Column("title", "Title", "The indicator's title"),
    Column("service_area", "Service area", "Created if the portal does not have it yet"),
    Column("unit", "Unit", "; ".join(unit.label for unit in Unit)),
    Column("decimal_places", "Decimals", "Decimal places the figure is shown with, 0 to 4"),
    Column("polarity", "Polarity", "; ".join(polarity.label for polarity in Polarity)),
    Column("frequency", "Frequency", "Monthly, Quarterly or Annual"),
    Column("year_basis", "Year basis", "Financial, Academic or Calendar"),
    Column("is_restricted", "Restricted", "Yes for a Part 2 indicator, otherwise No"),
    Column("lead_officer", "Lead officer", "Job title", required=False),
    Column("data_owner", "Data owner", "Job title", required=False),
    Column(
        "success_looks_like",
        "What success looks like",
        "The outcome aimed for, in a sentence, for its report card",
        required=False,
    ),
    Column(
        "measure_basis",
        "Measure",
        "Snapshot, Year to date, Rolling 12 months or In the period",
        required=False,
    ),
    Column("is_target_measure", "Rated", "No for a contextual indicator that has no target", required=False),
    Column("no_change_band", "No change band", "A change smaller than this is 'no change'", required=False),
    Column("introduced_on", "Introduced", "The date the indicator joined the suite", required=False),
    Column("retired_on", "Retired", "The date it left the suite", required=False),
)
DETAIL_DEFAULTS = {
    "lead_officer": "",
    "data_owner": "",
    "success_looks_like": "",
    "measure_basis": "snapshot",
    "is_target_measure": True,
    "no_change_band": Decimal(0),
    "introduced_on": None,
    "retired_on": None,
}
TARGET_COLUMNS = (
    Column("reference", "Reference", "The indicator's reference"),
    Column("year", "Year", "The reporting year: 2024/25 (or 2024 for a calendar year)"),
    Column("value", "Target", "The figure aimed for; blank for a range", required=False),
    Column("tolerance", "Tolerance", "Off target by less than this is Amber", required=False),
    Column("range_lower", "Range from", "For a target range", required=False),
    Column("range_upper", "Range to", "For a target range", required=False),
    Column(
        "tolerance_kind",
        "Tolerance is",
        "Points (units of the indicator) or Per cent of the target",
        required=False,
    ),
    Column("kind", "Target kind", "Local, National or Promise", required=False),
)
TOLERANCE_WORDS = {
    "points": ToleranceKind.POINTS,
    "per cent of the target": ToleranceKind.PERCENT_OF_TARGET,
    "percent": ToleranceKind.PERCENT_OF_TARGET,
}
TARGET_KIND_WORDS = {kind.value: kind for kind in TargetKind} | {"national or statutory": TargetKind.NATIONAL}
MEASURE_WORDS = {
    "snapshot": "snapshot",
    "year to date": "ytd",
    "ytd": "ytd",
    "rolling 12 months": "rolling12",
    "rolling12": "rolling12",
    "in the period": "in_period",
    "in_period": "in_period",
}
MEASURE_NAME = {
    "snapshot": "Snapshot",
    "ytd": "Year to date",
    "rolling12": "Rolling 12 months",
    "in_period": "In the period",
}

FREQUENCY_WORDS = {"monthly": PeriodKind.MONTH, "quarterly": PeriodKind.QUARTER, "annual": PeriodKind.YEAR}
BASIS_WORDS = {basis.value: basis for basis in YearBasis}
UNIT_WORDS = {word.casefold(): unit for unit in Unit for word in (unit.value, unit.label)}
POLARITY_WORDS = {
    **{word.casefold(): polarity for polarity in Polarity for word in (polarity.value, polarity.label)},
    "no polarity": Polarity.NONE,
}
STATUS_WORDS = {word.casefold(): status for status in OutturnStatus for word in (status.value, status.label)}
WITHOUT_A_FIGURE = {OutturnStatus.NOT_AVAILABLE, OutturnStatus.UNRELIABLE, OutturnStatus.SUPPRESSED}
"""Statuses that stand in a period with no figure beside them."""
YES_NO = {"yes": True, "no": False, "y": True, "n": False}
FREQUENCY_NAME = {kind: word.capitalize() for word, kind in FREQUENCY_WORDS.items()}
