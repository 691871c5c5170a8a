"""A year-to-date figure a small step from the one before it is withheld, so the small number in the
period cannot be worked out by subtraction (finding: indicator 22's Q3 7 and Q4 10 gave away 3)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Correction
from indicators.reader import Reader
from indicators.selectors import corrections_for, indicator_history
from tests import factories

pytestmark = pytest.mark.django_db
CSV_URL = reverse("indicators:index_csv")


@pytest.fixture
def foster_carers():
    """In-house foster carers recruited, year to date: 7 by December, 10 by March (3 in Q4)."""
    indicator = factories.indicator(
        reference="22", title="Foster carers recruited", unit="count", measure_basis="ytd"
    )
    factories.target(indicator, 2019, value=10, tolerance=2, kind="local")
    factories.outturn(indicator, date(2019, 4, 1), 2 + 6)
    factories.outturn(indicator, date(2019, 7, 1), 8)
    factories.outturn(indicator, date(2019, 10, 1), 7 + 8)
    factories.outturn(indicator, date(2020, 1, 1), 18)
    return indicator


def rows_by_period(response) -> dict[str, dict]:
    return {row["period"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8")))}


def test_a_year_to_date_figure_a_small_step_from_the_last_is_withheld_in_the_open_data(
    client, alice, foster_carers
):
    client.force_login(alice)
    rows = rows_by_period(client.get(CSV_URL))
    assert rows["Q3 2019/20"]["value"] == "15"
    assert rows["Q4 2019/20"]["value"] == "c"  # 18 less 15 would give away 3 in the quarter
    assert rows["Q4 2019/20"]["rating"] == "c"
    assert rows["Q2 2019/20"]["value"] == "8"  # no one recruited in Q2: zero is not small


def test_a_year_to_date_figure_a_small_step_from_the_last_is_withheld_on_the_page(
    client, alice, foster_carers
):
    shown = {
        row.period.label: row.value for row in indicator_history(foster_carers, reader=Reader.for_user(alice))
    }
    assert shown["Q3 2019/20"] == 15
    assert shown["Q4 2019/20"] is None


def test_an_officer_sees_the_year_to_date_figure(client, bob, foster_carers):
    shown = {
        row.period.label: row.value for row in indicator_history(foster_carers, reader=Reader.for_user(bob))
    }
    assert shown["Q4 2019/20"] == 18


def test_the_first_figure_of_a_year_is_judged_on_itself(client, alice, foster_carers):
    # 18 by March, then 3 by June: the new year starts again from nothing.
    factories.outturn(foster_carers, date(2020, 4, 1), 3)
    factories.outturn(foster_carers, date(2020, 7, 1), 9)
    shown = {
        row.period.label: row.value for row in indicator_history(foster_carers, reader=Reader.for_user(alice))
    }
    assert shown["Q1 2020/21"] is None
    assert shown["Q2 2020/21"] == 9


def test_a_figure_not_year_to_date_is_not_judged_on_its_step(client, alice, foster_carers):
    foster_carers.measure_basis = "in_period"
    foster_carers.save()
    shown = {
        row.period.label: row.value for row in indicator_history(foster_carers, reader=Reader.for_user(alice))
    }
    assert shown["Q4 2019/20"] == 18


def test_a_correction_to_a_year_to_date_figure_a_small_step_from_the_last_is_withheld(
    alice, bob, foster_carers
):
    q4 = foster_carers.outturns.get(period__start=date(2020, 1, 1))
    Correction.objects.create(
        outturn=q4,
        previous_value=17,
        new_value=18,
        previous_status="validated",
        new_status="validated",
        reason="A carer approved late",
        corrected_by=bob,
    )
    [correction] = corrections_for(foster_carers, reader=Reader.for_user(alice))
    assert correction.is_suppressed
    [correction] = corrections_for(foster_carers, reader=Reader.for_user(bob))
    assert not correction.is_suppressed
