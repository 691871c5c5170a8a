"""What the period form tells an officer after a mistake: the hint beside a proportion follows the
figures typed, each refusal names its indicator and field and says what is allowed, and a post to a
period with nothing due says so, saving nothing."""

import pytest

from indicators.models import Outturn
from tests import factories
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite

pytestmark = pytest.mark.django_db


def computed_hint(page: str, reference_row: str) -> str:
    row = page.split(reference_row, 1)[1]
    return row.split('class="kpi-entry__computed"', 1)[1].split(">", 1)[1].split("</output>", 1)[0]


def test_after_an_error_the_hint_shows_the_percentage_typed_not_the_one_on_record(client, bob):
    indicators = suite()
    factories.outturn(indicators["2"], Q2.start, 68, numerator=272, denominator=400, status="provisional")
    client.force_login(bob)
    changes = {"2": {"numerator": "300", "denominator": "400"}, "5": {"value": "-3"}}
    response = client.post(Q2_URL, form_data(Q2, bob, changes))
    assert response.status_code == 400
    hint = computed_hint(response.text, "Single assessments within 45 days")
    assert hint == "= 75%"
    assert "68%" not in hint


def test_after_an_error_a_fraction_that_makes_no_figure_says_it_is_not_worked_out_yet(client, bob):
    indicators = suite()
    factories.outturn(indicators["2"], Q2.start, 68, numerator=272, denominator=400, status="provisional")
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"2": {"numerator": "300", "denominator": "0"}}))
    assert response.status_code == 400
    hint = computed_hint(response.text, "Single assessments within 45 days")
    assert hint.startswith("Not worked out yet")


@pytest.mark.parametrize("typed", ["1e15", "1E3", "2.5e-2"])
def test_scientific_notation_is_refused_naming_the_indicator_and_field(client, bob, typed):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": typed}}))
    assert response.status_code == 400
    assert "Indicator 5: Enter the value without scientific notation: type it out in full" in response.text
    assert "digits in total" not in response.text
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


@pytest.mark.parametrize("typed", ["1000000000000000", "12345678901.5", "3.14159"])
def test_a_figure_too_long_says_how_many_digits_are_allowed_naming_the_field(client, bob, typed):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"2": {"numerator": typed, "denominator": "400"}}))
    assert response.status_code == 400
    assert (
        "Indicator 2: Enter the numerator with at most 10 digits before the decimal point and 4 after it"
        in response.text
    )
    assert "Ensure that" not in response.text


def test_a_post_to_a_period_with_nothing_due_says_so_and_changes_nothing(client, bob):
    suite()  # quarterly indicators: nothing is due for a month
    before = Outturn.objects.count()
    client.force_login(bob)
    response = client.post("/entry/month-financial-2019-07-01/", {"rows-0-value": "12"}, follow=True)
    assert response.status_code == 200
    assert "No indicators are due for Jul 2019, so nothing was saved." in response.text
    assert "ManagementForm" not in response.text
    assert "bug report" not in response.text
    assert Outturn.objects.count() == before
