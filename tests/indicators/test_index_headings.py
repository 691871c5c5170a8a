"""The index's figure columns are headed by periods, and every figure stands under its own period.

No two columns name the same period; the columns run to the quarter the page says it is "as at",
so an indicator whose figure for it is not in yet shows its figures under their own quarters and
"No figure yet" under that one; a monthly or annual indicator's figures each name their period."""

import re
from datetime import date
from html import unescape

import pytest
from django.core.management import call_command
from django.test import override_settings

from indicators.models import Indicator, Outturn
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for
from tests import factories

pytestmark = pytest.mark.django_db
QUARTERS = [date(2019, 1, 1), date(2019, 4, 1), date(2019, 7, 1)]
Q3 = date(2019, 10, 1)
LINE = re.compile(r'<tr data-reference="([^"]+)"( class="kpi-index__own-periods")?>(.*?)</tr>', re.S)


def words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def read_index(client, query: str = "") -> tuple[list[str], dict[str, tuple[bool, list[dict]]]]:
    """The figure columns' headings, and for each row whether it is on them and its figure cells:
    each cell's words and the period it names."""
    page = client.get("/" + query).content.decode()
    headings = [
        words(cell)
        for cell in re.findall(r'<th scope="col"[^>]*numeric[^>]*>(.*?)</th>', page, re.S)
        if re.search(r"\d{4}", words(cell))
    ]
    rows = {}
    for reference, own_periods, body in LINE.findall(page):
        cells = re.findall(r'<td class="[^"]*kpi-index__figure[^"]*"[^>]*>(.*?)</td>', body, re.S)
        # A row on the headings names no period: its column's heading does. A row on periods of its
        # own names each under its figure, on the cell's last line.
        rows[reference] = (
            not own_periods,
            [cell_words(cell, own_periods=bool(own_periods)) for cell in cells],
        )
    return headings, rows


def cell_words(cell: str, *, own_periods: bool) -> dict:
    lines = cell.split("\n")
    if own_periods and len(lines) > 1:
        return {"words": words("\n".join(lines[:-1])), "period": words(lines[-1])}
    return {"words": words(cell), "period": ""}


def period_of(heading: str) -> str:
    return heading.removesuffix(" (year end)")


def assert_every_figure_is_under_its_own_period(headings: list[str], rows: dict) -> None:
    periods = [period_of(heading) for heading in headings]
    assert len(set(periods)) == len(periods), headings
    for reference, (on_headings, cells) in rows.items():
        assert len(cells) == len(headings), reference
        for period, cell in zip(periods, cells, strict=True):
            if on_headings:
                assert cell["period"] in (period, ""), (reference, period, cell)
            else:
                assert cell["period"] or not cell["words"], (reference, cell)


@pytest.fixture
def suite():
    """Four quarterly indicators with figures for Q4 2018/19 to Q2 2019/20."""
    indicators = []
    for number in range(4):
        indicator = factories.indicator(reference=f"Q{number}", title=f"Quarterly {number}")
        factories.target(indicator, 2019, value=80, tolerance=5)
        for day, value in zip(QUARTERS, (70, 75, 80), strict=True):
            factories.outturn(indicator, day, value + number)
        indicators.append(indicator)
    return indicators


def test_no_two_figure_columns_name_the_same_period(client, alice, suite):
    client.force_login(alice)
    headings, rows = read_index(client)
    assert headings[-3:] == ["Q4 2018/19 (year end)", "Q1 2019/20", "Q2 2019/20"]
    assert [period_of(heading) for heading in headings].count("Q4 2018/19") == 1
    assert_every_figure_is_under_its_own_period(headings, rows)


def test_the_year_end_has_a_column_of_its_own_when_it_is_not_a_recent_period(client, alice, suite):
    for indicator in suite:
        factories.outturn(indicator, date(2020, 1, 1), 90)
        factories.outturn(indicator, Q3, 85)
    client.force_login(alice)
    headings, rows = read_index(client)
    assert headings == ["Q4 2018/19 (year end)", "Q1 2019/20", "Q2 2019/20", "Q3 2019/20", "Q4 2019/20"]
    assert_every_figure_is_under_its_own_period(headings, rows)


def test_the_columns_run_to_the_quarter_the_index_is_as_at(client, alice, suite):
    """One indicator's figure for Q3 is validated, the others' not yet: the page is as at 31
    December 2019, and so are its columns; the others' Q2 figures stay under Q2."""
    early, *others = suite
    factories.outturn(early, Q3, 90)
    for indicator in others:
        factories.outturn(indicator, Q3, 60, status="provisional")
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "as at <strong>31 December 2019</strong>" in page
    headings, rows = read_index(client)
    assert headings[-1] == "Q3 2019/20"
    assert_every_figure_is_under_its_own_period(headings, rows)
    on_headings, cells = rows[early.reference]
    assert on_headings
    assert [cell["words"] for cell in cells[-2:]] == ["80%", "90%"]
    on_headings, cells = rows[others[0].reference]
    assert on_headings
    assert [cell["words"] for cell in cells[-2:]] == ["81%", "No figure yet"]


def test_a_monthly_indicator_names_the_month_of_each_figure(client, alice, suite):
    monthly = factories.indicator(reference="M1", title="Monthly one", frequency="month")
    for month in (6, 7, 8, 9):
        factories.outturn(monthly, date(2019, month, 1), 50 + month)
    client.force_login(alice)
    headings, rows = read_index(client)
    assert_every_figure_is_under_its_own_period(headings, rows)
    on_headings, cells = rows["M1"]
    assert not on_headings
    assert cells[-1]["period"] == "Sep 2019"
    assert "Monthly figures: each names its month" in client.get("/").content.decode()


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@override_settings(INDEX_CACHE=False)
def test_every_demo_figure_is_under_its_own_period(client, demo, alice, bob):
    for persona in (alice, bob):
        client.force_login(persona)
        for as_at in ("", "?as_at=2025-06-30", "?as_at=2025-03-31", "?as_at=2024-12-31"):
            headings, rows = read_index(client, as_at)
            assert len(rows) > 30
            assert_every_figure_is_under_its_own_period(headings, rows)


@override_settings(INDEX_CACHE=False)
def test_six_indicators_validated_for_a_new_quarter_move_the_columns_with_the_date(client, demo, alice):
    """As the issue found it: 6 of the suite validated for Q3 2025/26, the page as at 31 December."""
    q2, q3 = (period_for(Period(day, PeriodKind.QUARTER)) for day in (date(2025, 7, 1), date(2025, 10, 1)))
    validated = Outturn.objects.filter(period=q2, status="validated", indicator__frequency="quarter")
    moved = []
    for outturn in validated.order_by("indicator__display_order")[:6]:
        Outturn.objects.create(
            indicator=outturn.indicator, period=q3, value=outturn.value, status="validated"
        )
        moved.append(outturn.indicator.reference)
    client.force_login(alice)
    assert "as at <strong>31 December 2025</strong>" in client.get("/").content.decode()
    headings, rows = read_index(client)
    assert headings[-1] == "Q3 2025/26"
    assert_every_figure_is_under_its_own_period(headings, rows)
    assert all(rows[reference][0] for reference in moved)
    waiting = [
        reference for reference, (on, cells) in rows.items() if on and cells[-1]["words"] == "No figure yet"
    ]
    assert len(waiting) > 20
    assert Indicator.objects.filter(reference__in=waiting, frequency="quarter").count() == len(waiting)
