import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Outturn
from indicators.opendata import COLUMN_NAMES
from indicators.services import correct_outturn
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def latest_row(rows, reference):
    [row] = [row for row in rows if row["reference"] == reference and row["is_latest_period"] == "yes"]
    return row


def csv_url(meeting):
    return reverse("reports:report_csv", args=[meeting.pk])


def json_url(meeting):
    return reverse("reports:report_json", args=[meeting.pk])


def report_row(client, meeting, reference) -> str:
    """The report page's row for one indicator in its full index."""
    page = client.get(meeting.get_absolute_url()).content.decode()
    start = page.index('id="report-index"')
    start = page.index(f">{reference}<", start)
    return page[start : page.index("</tr>", start)]


@pytest.fixture
def published(bob):
    """A published report: assessments on time (Red, worsening), children placed far away (a small
    number, Green), and a restricted indicator."""
    assessments = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(assessments, 2019, value=85, tolerance=5)
    factories.outturn(assessments, date(2019, 4, 1), numerator=86, denominator=100)
    factories.outturn(assessments, date(2019, 7, 1), numerator=50, denominator=91)
    factories.comparator(assessments, 2018, "neighbours", 80.4, year_label="2018/19")
    placed = factories.indicator(
        reference="22", title="Children placed more than 20 miles away", polarity="lower"
    )
    factories.target(placed, 2019, value=10, tolerance=2)
    factories.outturn(placed, date(2019, 4, 1), numerator=8, denominator=40)
    factories.outturn(placed, date(2019, 7, 1), numerator=3, denominator=40)
    caseload = factories.indicator(reference="11", title="Caseload within the promise", polarity="range")
    factories.target(caseload, 2019, lower=12, upper=20)
    factories.outturn(caseload, date(2019, 7, 1), 16)
    restricted = factories.indicator(reference="23", title="Children missing from care", is_restricted=True)
    factories.outturn(restricted, date(2019, 7, 1), 12)
    panel = reports.committee([assessments, placed, caseload, restricted])
    return publish_meeting(meeting=reports.meeting(panel), user=bob)


def test_report_csv_carries_the_figure_and_rating_the_report_shows(client, alice, published):
    client.force_login(alice)
    row = latest_row(read_csv(client.get(csv_url(published))), "2")
    shown = report_row(client, published, "2")
    assert row["value"] == "55"
    assert "55%" in shown
    assert row["rating"] == "Red"
    assert "Red" in shown
    assert row["direction"] == "Worsening"
    assert "Worsening" in shown
    assert (row["numerator"], row["denominator"]) == ("50", "91")
    assert (row["period"], row["period_start"], row["period_end"]) == (
        "Q2 2019/20",
        "2019-07-01",
        "2019-09-30",
    )
    assert (row["target"], row["neighbours"], row["neighbours_year"]) == ("85", "80", "2018/19")


def test_a_range_target_gives_its_bounds(client, alice, published):
    client.force_login(alice)
    row = latest_row(read_csv(client.get(csv_url(published))), "11")
    assert (row["target"], row["target_lower"], row["target_upper"], row["rating"]) == (
        "z",
        "12",
        "20",
        "Green",
    )


def test_report_json_holds_the_same_rows_under_its_metadata(client, alice, published, settings):
    client.force_login(alice)
    document = json.loads(client.get(json_url(published)).content)
    metadata = document["metadata"]
    assert metadata["council"] == settings.COUNCIL_NAME
    assert metadata["committee"] == "Children and Young People Overview and Scrutiny Panel"
    assert (metadata["meeting"], metadata["as_at"]) == ("2019-11-06", "2019-09-30")
    assert metadata["licence"] == "Open Government Licence v3.0"
    assert metadata["documentation"].endswith(reverse("indicators:open_data"))
    assert metadata["columns"] == list(COLUMN_NAMES)
    assert document["rows"] == read_csv(client.get(csv_url(published)))


def test_report_file_name_says_which_report_it_holds(client, alice, bob, published):
    client.force_login(alice)
    assert client.get(csv_url(published))["Content-Disposition"] == (
        'attachment; filename="demo-borough-council-children-and-young-people-overview-and-scrutiny-panel'
        '-report-2019-11-06.csv"'
    )
    client.force_login(bob)
    assert client.get(json_url(published))["Content-Disposition"].endswith('-2019-11-06-restricted.json"')


def test_report_csv_and_json_are_sent_as_csv_and_json(client, alice, published):
    client.force_login(alice)
    assert client.get(csv_url(published))["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get(json_url(published))["Content-Type"] == "application/json"


def test_a_published_reports_data_never_changes_after_a_correction(client, alice, bob, published):
    client.force_login(alice)
    before = client.get(csv_url(published)).content
    outturn = Outturn.objects.get(indicator__reference="2", period__label="Q2 2019/20")
    correct_outturn(
        outturn=outturn,
        value=None,
        status="validated",
        reason="Recounted: 60 of the 91 were on time.",
        user=bob,
        numerator=Decimal(60),
        denominator=Decimal(91),
    )
    assert Outturn.objects.get(pk=outturn.pk).numerator == 60
    assert client.get(csv_url(published)).content == before
    assert latest_row(read_csv(client.get(csv_url(published))), "2")["numerator"] == "50"


@pytest.mark.parametrize("reader", ["alice", "public"])
def test_a_small_number_and_its_rating_and_direction_are_withheld(client, reader, request, published):
    if reader == "alice":
        client.force_login(request.getfixturevalue("alice"))
    else:
        request.getfixturevalue("public_access")
    rows = read_csv(client.get(csv_url(published)))
    row = latest_row(rows, "22")
    assert (row["value"], row["numerator"], row["denominator"]) == ("c", "c", "c")
    assert (row["rating"], row["direction"]) == ("c", "c")
    assert latest_row(json.loads(client.get(json_url(published)).content)["rows"], "22") == row


def test_an_officer_sees_the_small_number_with_its_rating_and_direction(client, bob, published):
    client.force_login(bob)
    row = latest_row(read_csv(client.get(csv_url(published))), "22")
    shown = report_row(client, published, "22")
    assert (row["value"], row["numerator"], row["denominator"]) == ("8", "3", "40")
    assert "8%" in shown
    assert (row["rating"], row["direction"]) == ("Green", "Improving")
    assert "Green" in shown


def test_a_restricted_indicator_is_absent_for_a_member_and_present_for_an_officer(
    client, alice, bob, published
):
    client.force_login(alice)
    assert "Children missing from care" not in client.get(csv_url(published)).content.decode()
    assert "Children missing from care" not in client.get(json_url(published)).content.decode()
    client.force_login(bob)
    assert latest_row(read_csv(client.get(csv_url(published))), "23")["value"] == "12"


def test_a_title_that_looks_like_a_formula_is_written_as_text(client, alice, bob):
    indicator = factories.indicator(reference="9", title="=cmd|' /C calc'!A0")
    factories.outturn(indicator, date(2019, 7, 1), 50)
    meeting = publish_meeting(meeting=reports.meeting(reports.committee([indicator])), user=bob)
    client.force_login(alice)
    assert latest_row(read_csv(client.get(csv_url(meeting))), "9")["title"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("url", [csv_url, json_url])
def test_a_draft_reports_data_is_not_found(client, alice, bob, url):
    draft = reports.meeting(reports.committee([factories.indicator()]))
    client.force_login(alice)
    assert client.get(url(draft)).status_code == 404
    client.force_login(bob)
    assert client.get(url(draft)).status_code == 404


def test_a_published_report_links_to_its_data_and_a_draft_does_not(client, alice, bob, published):
    client.force_login(alice)
    assert csv_url(published) in client.get(published.get_absolute_url()).content.decode()
    draft = reports.meeting(published.committee, date(2020, 2, 5), date(2019, 12, 31))
    client.force_login(bob)
    assert csv_url(draft) not in client.get(draft.get_absolute_url()).content.decode()


def published_panel(numbers: range, bob, panel=None, meeting_day=date(2019, 11, 6)):
    indicators = []
    for n in numbers:
        indicator = factories.indicator(reference=f"S{n}", title=f"Suite indicator {n}")
        factories.target(indicator, 2019, value=80, tolerance=5)
        factories.comparator(indicator, 2018, "england", 75)
        for day in (date(2019, 1, 1), date(2019, 4, 1), date(2019, 7, 1)):
            factories.outturn(indicator, day, numerator=70 + n % 20, denominator=100)
        indicators.append(indicator)
    panel = reports.committee(indicators, name=f"Panel {numbers.start}")
    return publish_meeting(meeting=reports.meeting(panel, meeting_day), user=bob)


@pytest.mark.parametrize("url", [csv_url, json_url])
def test_report_download_queries_stay_constant_as_the_report_grows(client, alice, bob, url):
    small = published_panel(range(5), bob)
    large = published_panel(range(5, 35), bob)
    client.force_login(alice)
    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(meeting))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len({row["reference"] for row in read_csv(client.get(csv_url(large)))}) == 30
