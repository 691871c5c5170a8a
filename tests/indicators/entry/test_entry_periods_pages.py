"""The entry pages offer and accept only periods that have ended, back to the horizon."""

from datetime import date

import pytest
from django.utils import timezone

from indicators.models import Outturn
from tests import factories
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite

pytestmark = pytest.mark.django_db
Q3_2099_URL = "/entry/quarter-financial-2099-10-01/"


def test_figures_for_q3_2099_cannot_be_entered(client, bob):
    suite()
    client.force_login(bob)
    for url in (Q3_2099_URL, Q3_2099_URL + "upload/", Q3_2099_URL + "template.xlsx"):
        page = client.get(url, follow=True).content.decode()
        assert "Q3 2099/00 has not ended: its figures can be entered from 1 January 2100." in page
    response = client.post(Q3_2099_URL, {"rows-TOTAL_FORMS": "0"})
    assert response.status_code == 302
    assert not Outturn.objects.filter(period__start=date(2099, 10, 1)).exists()


def test_a_quarter_that_has_not_ended_is_neither_offered_nor_accepted(client, bob, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2019, 9, 15))
    suite()
    client.force_login(bob)
    page = client.get("/entry/").content.decode()
    assert "Q2 2019/20" not in page
    assert 'value="quarter-financial-2019-04-01" selected' in page
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 118}}), follow=True)
    assert "Q2 2019/20 has not ended" in response.content.decode()
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_periods_beyond_the_horizon_are_neither_offered_nor_accepted(client, bob, settings):
    settings.ENTRY_HORIZON_MONTHS = 12
    suite()
    client.force_login(bob)
    page = client.get("/entry/").content.decode()
    assert "Q1 2018/19" in page
    assert "Q4 2017/18" not in page
    refused = client.get("/entry/quarter-financial-2018-01-01/", follow=True).content.decode()
    assert "Q4 2017/18 is more than 12 months before the latest figures" in refused


def test_entry_opens_on_the_latest_ended_period_with_figures_due(client, bob, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2020, 10, 15))
    area = factories.service_area("Education")
    factories.indicator(
        area=area, reference="27", title="Exclusions", frequency="year", year_basis="academic"
    )
    client.force_login(bob)
    page = client.get("/entry/").content.decode()
    # Sep 2020 and Q2 2020/21 have ended too, but only an academic year has a figure due.
    assert 'value="year-academic-2019-09-01" selected' in page
    assert page.count(" selected") == 1
