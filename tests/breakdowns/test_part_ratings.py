"""A part of the council is rated only against a target meant for it: a percentage, a rate or an
average by locality is rated against the council's target, but a count's target is for the whole
council, so a count's parts are shown unrated, and every output says why.

Indicator 36, first-time entrants to the youth justice system (lower is better), has a target of 60
for the council: North's 9 is no Green against it, nor East's 20 a Red."""

from datetime import date

import pytest

from reports.services import publish_meeting
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.reports import factories as reports
from tests.reports.test_breakdowns_in_report import appendix_sheet, pack_text, page_text, sheet_rows

pytestmark = pytest.mark.django_db
Q2 = date(2019, 7, 1)
WHOLE_COUNCIL = "A count&#x27;s target is for the whole council, so its parts are not rated against it."


@pytest.fixture
def entrants():
    indicator = factories.indicator(
        reference="36", title="First-time entrants", unit="count", polarity="lower"
    )
    factories.target(indicator, 2019, value=60, tolerance=10, tolerance_kind="percent")
    members = breakdowns.localities()
    breakdown = breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, 64)
    for member, value in zip(members, (9, 15, 20, 20), strict=True):
        breakdowns.part(indicator, Q2, member, value)
    return indicator, breakdown


def latest_rows(page: str) -> str:
    return page.split('-latest"')[1].split("</table>")[0]


def row_of(rows: str, name: str) -> str:
    return rows.split(f">{name}</a>")[1].split("</tr>")[0]


def test_a_count_by_locality_is_shown_unrated_on_the_indicator_page_and_says_why(client, alice, entrants):
    client.force_login(alice)
    page = client.get("/indicators/36/").content.decode()
    assert WHOLE_COUNCIL in page
    latest = latest_rows(page)
    for name in ("North", "East"):
        assert "kpi-rag--not_rated" in row_of(latest, name)
    assert "kpi-rag--green" not in latest.split(">Council<")[0]
    assert "kpi-rag--red" not in latest.split(">Council<")[0]
    # The council's own figure is still rated against its own target: 64 is 6.7% over 60.
    assert "kpi-rag--amber" in latest.split(">Council<")[1]


def test_a_count_on_a_localitys_page_is_unrated_against_the_whole_councils_target(client, alice, entrants):
    client.force_login(alice)
    page = client.get("/localities/north/").content.decode()
    row = page.split('data-reference="36"')[1].split("</tr>")[0]
    assert "kpi-rag--not_rated" in row
    assert "kpi-rag--green" not in row
    assert WHOLE_COUNCIL in row


def test_a_percentage_by_locality_is_still_rated_against_the_councils_target(client, alice):
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=80, tolerance=5)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, numerator=81, denominator=100, value=81)
    for member, numerator in zip(members, (20, 18, 21, 22), strict=True):
        breakdowns.part(indicator, Q2, member, numerator=numerator, denominator=25)
    client.force_login(alice)
    page = client.get("/indicators/2/").content.decode()
    assert WHOLE_COUNCIL not in page
    assert "kpi-rag--red" in row_of(latest_rows(page), "South")  # 72% against 80%


def test_a_reports_count_by_locality_is_unrated_with_the_reason_on_page_appendix_and_pack(
    client, bob, entrants, tmp_path
):
    indicator, breakdown = entrants
    meeting = reports.meeting(reports.committee([indicator]))
    meeting.breakdowns.set([breakdown])
    publish_meeting(meeting=meeting, user=bob)
    client.force_login(bob)
    page = page_text(client, meeting)
    assert WHOLE_COUNCIL in page
    assert "only the council's figure rated" in page
    rows = sheet_rows(appendix_sheet(meeting, bob))
    north = next(row for row in rows if row[2] == "North")
    council = next(row for row in rows if row[2] == "Council")
    assert (north[4], north[7]) == ("9", "Not rated")
    assert north[8] == WHOLE_COUNCIL.replace("&#x27;", "'")
    assert council[7] == "Amber"
    pack = " ".join(pack_text(meeting, bob, tmp_path).split())
    assert "A count's target is for the whole council" in pack
