"""The demo council rates the figures the committee reports quote as the reports did."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from indicators.checks import check_demo_passwords
from indicators.models import Correction, Indicator, Outturn
from indicators.reader import Reader
from indicators.rules.terms import Rating
from indicators.selectors import assessments_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def rating_as_at(reference: str, as_at: date, user) -> Rating:
    [assessment] = assessments_for(
        [Indicator.objects.get(reference=reference)], reader=Reader.for_user(user), as_at=as_at
    )
    return assessment.rating


def test_demo_rates_quoted_figures_as_the_committee_did(demo, bob):
    sep_2019 = date(2019, 9, 30)
    assert rating_as_at("2", sep_2019, bob) is Rating.RED  # "G to R"
    assert rating_as_at("11", sep_2019, bob) is Rating.GREEN  # 20% within 12-20%
    assert rating_as_at("2", date(2019, 6, 30), bob) is Rating.GREEN
    assert rating_as_at("16", date(2019, 6, 30), bob) is Rating.RED  # 28 weeks against 26
    assert rating_as_at("27", sep_2019, bob) is Rating.NOT_RATED  # exclusions: not a target measure
    sep_2020 = date(2020, 9, 30)
    assert rating_as_at("2", sep_2020, bob) is Rating.AMBER
    assert rating_as_at("16", sep_2020, bob) is Rating.RED
    assert rating_as_at("22", sep_2020, bob) is Rating.RED
    assert rating_as_at("8", sep_2020, bob) is Rating.NO_DATA  # cannot be reported reliably


def test_demo_keeps_corrections_users_and_refuses_to_go_live_with_them(demo, client, settings):
    corrections = Correction.objects.select_related("outturn__indicator")
    assert {c.outturn.indicator.reference for c in corrections} == {"1", "16", "20", "21", "39"}
    proceedings = corrections.get(outturn__indicator__reference="16")
    assert (proceedings.previous_value, proceedings.new_value) == (31, 28)

    response = client.post("/accounts/login/", {"username": "officer", "password": "kpi-demo"})
    assert response.status_code == 302

    settings.DEBUG = False
    errors = check_demo_passwords(None, databases=["default"])
    assert [error.id for error in errors] == ["indicators.E001"]

    figures = Outturn.objects.count()
    call_command("load_demo", "--if-empty", verbosity=0)
    assert Outturn.objects.count() == figures


def test_the_demo_charts_monthly_figures_with_a_recorded_change_of_process(demo, client):
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get("/indicators/13/").content.decode()
    assert 'id="xmr-chart-data"' in page
    assert "From Apr 2021: A visit counts only when the child is seen alone" in page
    assert "Limits recalculated from here: A visit counts only when the child is seen alone" in page
