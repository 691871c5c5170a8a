"""The officers' page of what is due: each period's figures by indicator and owner, with counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
DUE_URL = "/entry/due/"
TODAY = date(2019, 10, 25)  # Q2 2019/20 ended on 30 September; its figures were due on 21 October


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)


@pytest.fixture
def dana():
    return factories.make_user("dana", factories.OFFICERS, first_name="Dana", last_name="Okafor")


def counts(page: str, period_key: str) -> dict[str, int]:
    section = page.split(f'id="period-{period_key}"', 1)[1].split("</section>", 1)[0]
    return {
        state: int(section.split(f'data-count="{state}">', 1)[1].split("<", 1)[0])
        for state in ("due", "overdue", "entered", "validated")
    }


def test_officer_sees_each_figure_due_overdue_entered_or_validated_with_counts(client, bob, dana):
    area = factories.service_area("Social Care")
    factories.indicator(
        area=area, reference="2", title="Single assessments", data_owner_user=dana, data_owner="Analyst"
    )
    entered = factories.indicator(area=area, reference="5", title="Referrals")
    validated = factories.indicator(area=area, reference="7", title="Caseloads")
    cafcass = factories.indicator(area=area, reference="9", title="Care proceedings", due_working_days=40)
    factories.outturn(entered, date(2019, 7, 1), 120, status="provisional")
    factories.outturn(validated, date(2019, 7, 1), 15, status="validated")
    client.force_login(bob)
    response = client.get(DUE_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert counts(page, "quarter-financial-2019-07-01") == {
        "due": 1,
        "overdue": 1,
        "entered": 1,
        "validated": 1,
    }
    row = page.split("Single assessments", 1)[1].split("</tr>", 1)[0]
    assert "Dana Okafor, Analyst" in row
    assert "21 October 2019" in row
    assert "Overdue" in row
    due_now = page.split('id="due"', 1)[1].split("</section>", 1)[0]
    cafcass_row = due_now.split(cafcass.title, 1)[1].split("</tr>", 1)[0]
    assert "25 November 2019" in cafcass_row
    assert "Due" in cafcass_row
    # Q1 2019/20 is also in the last year: nothing was entered for it.
    assert counts(page, "quarter-financial-2019-04-01")["overdue"] == 4


def test_an_officer_may_see_only_the_indicators_they_own_or_lead(client, dana):
    area = factories.service_area("Social Care")
    factories.indicator(area=area, reference="2", title="Single assessments", data_owner_user=dana)
    factories.indicator(area=area, reference="5", title="Referrals")
    client.force_login(dana)
    page = client.get(DUE_URL, {"mine": "1"}).content.decode()
    assert "Single assessments" in page
    assert "Referrals" not in page


def test_a_quarter_that_has_not_ended_is_not_listed(client, bob):
    factories.indicator(title="Single assessments")
    client.force_login(bob)
    page = client.get(DUE_URL).content.decode()
    assert "Q3 2019/20" not in page


def test_member_may_not_see_what_is_due(client, alice):
    client.force_login(alice)
    assert client.get(DUE_URL).status_code == 403


def queries_for(client, size: int) -> int:
    area = factories.service_area(f"Area {size}")
    owner = factories.make_user(f"owner{size}", factories.OFFICERS)
    for n in range(size):
        indicator = factories.indicator(
            area=area, reference=f"{size}-{n}", title=f"Indicator {n}", data_owner_user=owner
        )
        factories.outturn(indicator, date(2019, 7, 1), 50)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DUE_URL).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_number_of_queries_whatever_the_suite_size(client, bob):
    client.force_login(bob)
    assert queries_for(client, 5) == queries_for(client, 30)


def test_a_bank_holiday_moves_the_due_date(client, bob, settings):
    settings.ENTRY_BANK_HOLIDAYS = frozenset({date(2019, 10, 14)})
    factories.indicator(title="Single assessments")
    client.force_login(bob)
    row = client.get(DUE_URL).content.decode().split("Single assessments", 1)[1].split("</tr>", 1)[0]
    assert "22 October 2019" in row


def test_the_page_opens_with_counts_of_every_state_each_linking_to_its_figures(client, bob):
    area = factories.service_area("Social Care")
    factories.indicator(area=area, reference="2", title="Single assessments")
    entered = factories.indicator(area=area, reference="5", title="Referrals")
    factories.outturn(entered, date(2019, 7, 1), 120, status="provisional")
    client.force_login(bob)
    page = client.get(DUE_URL).content.decode()
    summary = page.split('aria-label="Figures in the last year, by where they stand"', 1)[1].split("</ul>")[0]
    assert page.index("Figures in the last year") < page.index('id="overdue"')
    # Four quarters ended in the last year for both indicators: one entered, seven overdue.
    assert '<a class="govuk-link" href="#overdue"><strong>7</strong> overdue</a>' in summary
    assert '<a class="govuk-link" href="#due"><strong>0</strong> due</a>' in summary
    assert (
        '<a class="govuk-link" href="#entered"><strong>1</strong> entered, awaiting validation</a>' in summary
    )
    assert '<a class="govuk-link" href="#validated"><strong>0</strong> validated</a>' in summary
    for anchor in ("overdue", "due", "entered", "validated"):
        assert f'id="{anchor}"' in page


def test_an_indicator_overdue_for_several_periods_is_one_row_listing_them(client, bob):
    factories.indicator(title="Single assessments")
    client.force_login(bob)
    page = client.get(DUE_URL).content.decode()
    overdue = page.split('id="overdue"', 1)[1].split("</section>", 1)[0]
    assert overdue.count("Single assessments") == 1
    row = overdue.split("Single assessments", 1)[1].split("</tr>", 1)[0]
    assert ">Q2\N{NO-BREAK SPACE}2019/20</a>," in row
    assert ">Q1\N{NO-BREAK SPACE}2019/20</a>," in row
    assert ">Q4\N{NO-BREAK SPACE}2018/19</a>," in row
    assert " to 21 October 2019" in row
    assert "Overdue</strong> 4" in row
