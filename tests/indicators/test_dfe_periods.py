"""DfE's figure is set beside the index's figure for the same period, read from the file's
time_identifier: a calendar, academic or financial year, or a figure as at 31 March."""

from datetime import date

import pytest

from indicators.dfe.models import DfeMapping
from indicators.dfe.periods import period_end
from indicators.dfe.services import import_dfe_file
from indicators.rules.periods import Period, PeriodKind, YearBasis
from tests import factories
from tests.indicators import dfe_oracle as oracle
from tests.test_one_line import words


@pytest.mark.parametrize(
    ("year", "label", "identifier", "end"),
    [
        (2024, "2024", "Calendar year", date(2024, 12, 31)),
        (2023, "2023/24", "Academic year", date(2024, 8, 31)),
        (2023, "2023/24", "Financial year", date(2024, 3, 31)),
        (2025, "2025", "Reporting year", date(2025, 3, 31)),
        (2019, "2019/20", "", date(2020, 3, 31)),
    ],
)
def test_the_period_dfe_s_figure_covers_ends_as_its_time_identifier_says(year, label, identifier, end):
    assert period_end(year, label, identifier) == end


def csww_as(identifier: str, *, spans: bool = False) -> bytes:
    """DfE's workforce file with another time_identifier (and, for a span, 2025 written 202425)."""
    text = oracle.path(oracle.CSWW).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        period, _, rest = line.split(",", 2)
        if spans:
            period = f"{int(period) - 1}{period[2:]}"
        out.append(f"{period},{identifier},{rest}")
    return "\n".join(out).encode()


def agency_rate(content: bytes, **fields):
    indicator = factories.indicator(unit="percent", polarity="lower", decimal_places=1, **fields)
    mapping = DfeMapping.objects.create(
        indicator=indicator, publication="DfE workforce", filters={}, value_column="agency_rate_fte"
    )
    import_dfe_file(content, file_name="csww.csv", mappings=[mapping], la_code="315")
    return indicator


def figures_of(client, user, indicator) -> str:
    client.force_login(user)
    page = client.get(indicator.get_absolute_url()).content.decode()
    return words(
        page[page.index('id="benchmark-figures"') : page.index("</dd>", page.index('id="benchmark-figures"'))]
    )


def dfe_2025() -> str:
    return f"{oracle.expected(oracle.CSWW, {}, 'agency_rate_fte', '315', 2025)['council']:.1f}%"


@pytest.mark.django_db
def test_calendar_year_figure_is_not_compared_with_a_financial_year_indicator_s_quarter(client, alice):
    indicator = agency_rate(csww_as("Calendar year"), frequency="quarter")
    factories.outturn(indicator, date(2025, 1, 1), 50)  # Q4 2024/25, ending 31 March 2025
    factories.outturn(indicator, date(2025, 10, 1), 60)  # Q3 2025/26, ending 31 December 2025

    figures = figures_of(client, alice, indicator)

    assert f"DfE publishes {dfe_2025()} for Merton in 2025" in figures
    assert (
        "DfE's figure is for the calendar year 2025, and the index counts financial years (April to March), "
        "so it has no figure for that period to compare with."
    ) in figures
    assert "50.0%" not in figures
    assert "60.0%" not in figures


@pytest.mark.django_db
def test_calendar_year_figure_is_compared_with_a_calendar_year_indicator_s_year(client, alice):
    indicator = agency_rate(csww_as("Calendar year"), frequency="year", year_basis="calendar")
    factories.outturn(indicator, Period(date(2025, 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR), 12.5)
    factories.outturn(indicator, Period(date(2024, 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR), 40)

    figures = figures_of(client, alice, indicator)

    assert "the index shows 12.5% for 2025." in figures


@pytest.mark.django_db
def test_academic_year_figure_is_compared_with_the_academic_year_ending_in_august(client, alice):
    indicator = agency_rate(csww_as("Academic year", spans=True), frequency="year", year_basis="academic")
    factories.outturn(indicator, Period(date(2024, 9, 1), PeriodKind.YEAR, YearBasis.ACADEMIC), 12.5)

    figures = figures_of(client, alice, indicator)

    assert f"DfE publishes {dfe_2025()} for Merton in 2024/25" in figures
    assert "the index shows 12.5% for 2024/25." in figures


@pytest.mark.django_db
def test_figure_as_at_31_march_is_compared_with_the_quarter_ending_then(client, alice):
    indicator = agency_rate(oracle.path(oracle.CSWW).read_bytes(), frequency="quarter")
    factories.outturn(indicator, date(2025, 1, 1), 12.5)

    assert "the index shows 12.5% for Q4 2024/25." in figures_of(client, alice, indicator)


@pytest.mark.django_db
def test_trend_chart_places_a_calendar_year_comparator_at_the_end_of_december(client, alice):
    indicator = agency_rate(csww_as("Calendar year"), frequency="year", year_basis="calendar")
    client.force_login(alice)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "2024-12-31" in page
    assert "2024-03-31" not in page
