import re
from datetime import date
from decimal import Decimal

import pytest

from indicators.rules.periods import Period, PeriodKind
from indicators.services import correct_outturn
from tests import factories

pytestmark = pytest.mark.django_db


def monthly_indicator(months: int, **fields):
    indicator = factories.indicator(frequency="month", **fields)
    for year in range(2010, 2026):
        factories.target(indicator, year, value=80, tolerance=5)
    last = Period(date(2025, 3, 1), PeriodKind.MONTH)
    for offset in range(months):
        factories.outturn(indicator, last.shifted(-offset), 70 + offset % 15)
    return indicator


@pytest.mark.parametrize("months", [10, 300])
def test_indicator_page_queries_stay_constant_as_periods_grow(
    client, alice, months, django_assert_max_num_queries
):
    indicator = monthly_indicator(months, reference="M1")
    client.force_login(alice)
    # 24: one of them asks whether the indicator is reported by locality or team (breakdowns);
    # three read the variation chart's figures, target and change points; one its report card's
    # latest published commentary, and one its open actions.
    with django_assert_max_num_queries(24):
        response = client.get(indicator.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row" class="govuk-table__header">') >= months


def test_indicator_page_explains_a_range_rating(client, alice):
    indicator = factories.indicator(reference="11", title="Repeat child protection plans", polarity="range")
    factories.target(indicator, 2019, lower=12, upper=20, tolerance=3)
    factories.outturn(indicator, date(2019, 7, 1), 20)
    client.force_login(alice)
    page = client.get("/indicators/11/").content.decode()
    assert (
        "20% against an acceptable range of 12% to 20%; within the range is best; within the range: Green."
        in page
    )


def test_indicator_page_explains_a_contextual_measure(client, alice):
    indicator = factories.indicator(reference="4", polarity="none", unit="count", is_target_measure=False)
    factories.outturn(indicator, date(2019, 7, 1), 2900)
    client.force_login(alice)
    page = client.get("/indicators/4/").content.decode()
    assert "A contextual measure: it is reported but not rated against a target." in page


def test_small_numbers_are_suppressed_for_the_public_with_the_percentage(client, public_access):
    indicator = factories.indicator(reference="9", title="Conferences on time")
    factories.outturn(indicator, date(2019, 7, 1), numerator=3, denominator=4)
    page = client.get("/indicators/9/").content.decode()
    assert "75%" not in page
    assert '[c]<span class="govuk-visually-hidden"> (withheld: small number)</span>' in page


def test_officer_sees_small_numbers(client, bob):
    indicator = factories.indicator(reference="9", title="Conferences on time")
    factories.outturn(indicator, date(2019, 7, 1), numerator=3, denominator=4)
    client.force_login(bob)
    page = client.get("/indicators/9/").content.decode()
    assert "75%" in page
    assert "3 / 4" in page


def test_restricted_indicator_page_is_not_found_for_the_public(client, public_access):
    factories.indicator(reference="26", is_restricted=True)
    assert client.get("/indicators/26/").status_code == 404


def test_unknown_indicator_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/indicators/nope/").status_code == 404


def test_lineage_names_only_indicators_the_reader_may_see(client, alice, bob):
    whole = factories.indicator(reference="23", title="Adoptions and special guardianship orders")
    part = factories.indicator(reference="23a", title="Adoptions", is_restricted=True)
    part.predecessors.add(whole)
    client.force_login(alice)
    assert "Adoptions</a>" not in client.get("/indicators/23/").content.decode()
    client.force_login(bob)
    assert "23a Adoptions" in client.get("/indicators/23/").content.decode()


def test_corrections_to_small_numbers_are_suppressed_for_the_public(client, public_access, bob):
    indicator = factories.indicator(reference="22", title="Foster carers recruited", unit="count")
    outturn = factories.outturn(indicator, date(2019, 7, 1), 3)
    correct_outturn(outturn=outturn, value=Decimal(4), status="validated", reason="Late approval", user=bob)
    page = client.get("/indicators/22/").content.decode()
    assert "a small number (suppressed) corrected" in page
    assert "3 corrected to 4" not in page
    client.force_login(bob)
    assert "3 corrected to 4" in client.get("/indicators/22/").content.decode()


def test_the_direction_sentence_reads_without_a_space_before_its_punctuation(client, alice):
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=80, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), 70)
    factories.outturn(indicator, date(2019, 7, 1), 90)
    client.force_login(alice)
    page = client.get("/indicators/2/").content.decode()
    sentence = re.search(r"Direction of travel against the previous period:.*?</p>", page, re.S).group()
    words = " ".join(re.sub(r"<[^>]+>", "", sentence).split())
    assert words == (
        "Direction of travel against the previous period: ▲Improving; "
        "against a year earlier: –Not comparable."
    )
