from datetime import date

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_exceptions_lists_red_and_amber_with_the_criterion_met(client, alice):
    red = factories.indicator(reference="16", title="Care proceedings", unit="weeks", polarity="lower")
    factories.target(red, 2019, value=26, tolerance=5, tolerance_kind="percent")
    factories.outturn(red, date(2019, 7, 1), 28, commentary="Covid has delayed court hearings.")
    green = factories.indicator(reference="2", title="Assessments on time")
    factories.target(green, 2019, value=85)
    factories.outturn(green, date(2019, 7, 1), 90)
    client.force_login(alice)
    page = client.get("/exceptions/").content.decode()
    assert "Care proceedings" in page
    assert "Rated Red" in page
    assert "Covid has delayed court hearings." in page
    assert "Assessments on time" not in page


def test_exceptions_includes_three_periods_of_worsening(client, alice, settings):
    settings.EXCEPTIONS_WORSENING_PERIODS = 3
    falling = factories.indicator(reference="19", title="Health assessments up to date")
    factories.target(falling, 2019, value=50)
    for day, value in [
        (date(2018, 10, 1), 95),
        (date(2019, 1, 1), 90),
        (date(2019, 4, 1), 85),
        (date(2019, 7, 1), 80),
    ]:
        factories.outturn(falling, day, value)
    client.force_login(alice)
    page = client.get("/exceptions/").content.decode()
    assert "Health assessments up to date" in page
    assert "Worsening for 3 periods running" in page


def test_exceptions_hides_restricted_indicators_from_members(client, alice):
    hidden = factories.indicator(reference="26", title="Children missing from care", is_restricted=True)
    factories.target(hidden, 2019, value=5)
    factories.outturn(hidden, date(2019, 7, 1), 60)
    client.force_login(alice)
    assert "Children missing from care" not in client.get("/exceptions/").content.decode()


def test_an_exception_computed_from_a_small_number_is_withheld_from_members(client, alice, bob, settings):
    """Three periods worsening, the last of them a small number: a member may not learn that the
    hidden figure is lower than the one before, so the exception is not listed for them."""
    settings.EXCEPTIONS_WORSENING_PERIODS = 3
    falling = factories.indicator(reference="19", title="Health assessments up to date")
    factories.target(falling, 2019, value=50)
    for day, numerator in [
        (date(2018, 10, 1), 19),
        (date(2019, 1, 1), 18),
        (date(2019, 4, 1), 17),
        (date(2019, 7, 1), 4),
    ]:
        factories.outturn(falling, day, numerator=numerator, denominator=20)
    client.force_login(alice)
    page = client.get("/exceptions/").content.decode()
    assert "Health assessments up to date" not in page
    assert "No indicator meets the exception criteria" in page
    client.force_login(bob)
    page = client.get("/exceptions/").content.decode()
    assert "Health assessments up to date" in page
    assert "20%" in page


@pytest.mark.parametrize(
    "path", ["/exceptions/", "/open-data/performance-index.csv", "/open-data/performance-index.json"]
)
def test_with_no_figures_yet_the_exceptions_and_the_index_downloads_say_so(client, alice, path):
    factories.indicator(reference="2", title="Assessments on time")
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    assert "No figures have been entered yet" in response.content.decode()
