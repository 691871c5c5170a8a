"""An indicator's lead officer and data owner are people, shown with their job titles."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana():
    return factories.make_user("dana", factories.OFFICERS, first_name="Dana", last_name="Okafor")


def test_indicator_page_names_the_lead_officer_and_data_owner_with_their_titles(client, bob, dana):
    indicator = factories.indicator(
        title="Single assessments",
        lead_officer="Head of Social Care",
        lead_officer_user=dana,
        data_owner="Performance analyst",
        data_owner_user=bob,
    )
    client.force_login(bob)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Dana Okafor, Head of Social Care" in page
    assert "Bob, Performance analyst" in page
    assert list(dana.indicators_led.all()) == [indicator]
    assert list(bob.indicators_owned.all()) == [indicator]


def test_the_job_title_stays_when_the_officer_leaves(client, bob, dana):
    indicator = factories.indicator(
        title="Single assessments", lead_officer="Head of Social Care", lead_officer_user=dana
    )
    dana.delete()
    indicator.refresh_from_db()
    assert indicator.lead_officer_user is None
    client.force_login(bob)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Head of Social Care" in page
    assert "Dana" not in page
