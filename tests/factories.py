"""Small factories for tests: each makes one thing with sensible defaults that a test can override."""

from datetime import date
from decimal import Decimal
from itertools import count

from django.contrib.auth import get_user_model

from indicators.dfe.models import DfeMapping
from indicators.dfe.services import import_dfe_file
from indicators.models import Comparator, Indicator, Outturn, ServiceArea, Target
from indicators.roles import ADMINISTRATORS, MEMBERS, OFFICERS, ensure_roles
from indicators.rules.periods import Period, PeriodKind, quarter_of
from indicators.services import period_for
from tests.indicators import dfe_oracle

_sequence = count(1)
PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, role: str | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if role:
        user.groups.add(ensure_roles()[role])
    return user


def scrutiny_member(username="alice"):
    """Alice sits on the scrutiny panel: she reads the index."""
    return make_user(username, MEMBERS, first_name="Alice")


def performance_officer(username="bob"):
    """Bob is a performance officer: he enters and corrects figures."""
    return make_user(username, OFFICERS, first_name="Bob")


def administrator(username="charlie"):
    """Charlie administers the suite and its users."""
    return make_user(username, ADMINISTRATORS, first_name="Charlie", is_staff=True)


def service_area(name=None, order=0) -> ServiceArea:
    return ServiceArea.objects.get_or_create(name=name or "Social Care", defaults={"order": order})[0]


def indicator(**fields) -> Indicator:
    n = next(_sequence)
    # The sequence runs across tests in a worker: pass over a reference a test has already chosen.
    while "reference" not in fields and Indicator.objects.filter(reference=str(n)).exists():
        n = next(_sequence)
    defaults = {
        "reference": str(n),
        "title": f"Indicator {n}",
        "service_area": fields.pop("area", None) or service_area(),
        "unit": "percent",
        "polarity": "higher",
        "frequency": "quarter",
        "display_order": n,
    }
    defaults.update(fields)
    return Indicator.objects.create(**defaults)


def _decimal(value):
    return None if value is None else Decimal(str(value))


def target(
    indicator: Indicator,
    year: int = 2019,
    *,
    value=80,
    lower=None,
    upper=None,
    tolerance=5,
    tolerance_kind="points",
    kind="local",
) -> Target:
    if lower is not None or upper is not None:
        value = None
    return Target.objects.create(
        indicator=indicator,
        year=year,
        value=_decimal(value),
        range_lower=_decimal(lower),
        range_upper=_decimal(upper),
        tolerance=_decimal(tolerance),
        tolerance_kind=tolerance_kind,
        kind=kind,
    )


def outturn(indicator: Indicator, period: Period | date, value=None, **fields) -> Outturn:
    """A figure, validated unless the test says otherwise: members and the public see only validated
    (or published) figures, and most tests are about what they read."""
    if isinstance(period, date):
        period = (
            quarter_of(period)
            if indicator.frequency == PeriodKind.QUARTER
            else Period(date(period.year, period.month, 1), PeriodKind(indicator.frequency))
        )
    fields.setdefault("status", "validated")
    if value is not None:
        fields["value"] = Decimal(str(value))
    for name in ("numerator", "denominator"):
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    return Outturn.objects.create(indicator=indicator, period=period_for(period), **fields)


def comparator(indicator: Indicator, year: int, kind: str, value, **fields) -> Comparator:
    return Comparator.objects.create(
        indicator=indicator,
        year=year,
        year_label=fields.pop("year_label", str(year)),
        kind=kind,
        value=Decimal(str(value)) if value is not None else None,
        **fields,
    )


def mapped_to_dfe(indicator: Indicator, file_name: str, value_column: str, *, publication: str, filters=None):
    """Maps an indicator to a column of a DfE file in ../shared/data and imports the file for Merton."""

    mapping = DfeMapping.objects.create(
        indicator=indicator, publication=publication, filters=filters or {}, value_column=value_column
    )
    import_dfe_file(
        dfe_oracle.path(file_name).read_bytes(), file_name=file_name, mappings=[mapping], la_code="315"
    )
    return mapping


def agency_rate(**fields) -> Indicator:
    """Agency social workers (a percentage, lower is better), with DfE's workforce figures imported."""
    indicator_ = indicator(
        **{
            "title": "Agency social workers",
            "unit": "percent",
            "polarity": "lower",
            "decimal_places": 1,
            **fields,
        }
    )
    mapped_to_dfe(
        indicator_,
        dfe_oracle.CSWW,
        "agency_rate_fte",
        publication="DfE: Children's social work workforce",
    )
    return indicator_


def small_count_mapped_to_dfe() -> Indicator:
    """Children looked after (a count, lower is better) with DfE's figures imported and the council's
    figure for the year to 31 March 2025 a small number, 3."""

    indicator_ = indicator(unit="count", polarity="lower", frequency="quarter")
    mapped_to_dfe(
        indicator_,
        dfe_oracle.CLA,
        "children_count",
        publication="DfE: Children looked after in England",
        filters=dfe_oracle.CLA_FILTER,
    )
    outturn(indicator_, date(2025, 1, 1), 3)
    return indicator_
