"""A withheld figure's rating, direction and exception, a small correction and a decision about a
restricted indicator never reach a member or the public, in any output; an officer sees them all."""

import re
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Outturn
from indicators.reader import Reader
from indicators.rules.terms import Direction, Rating
from indicators.services import correct_outturn
from reports.selectors import report_for
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)
MINUTE = "Raise the target for children missing from care to 12 a quarter."


@pytest.fixture
def missing_education():
    """Row 22 of the November 2019 report: 3 of 100 (3%) against a target of 10%: Red, worsening."""
    indicator = factories.indicator(reference="22", title="Children missing education found a place")
    factories.target(indicator, 2019, value=10, tolerance=2)
    factories.outturn(indicator, Q1, 50, numerator=50, denominator=100)
    factories.outturn(indicator, Q2, 3, numerator=3, denominator=100)
    return indicator


@pytest.fixture
def published(missing_education, bob):
    meeting = reports.meeting(reports.committee([missing_education]))
    return publish_meeting(meeting=meeting, user=bob)


@pytest.fixture
def corrected(missing_education, published, bob):
    """The next report, published, lists a correction of 3% to 4% (4 out of 100)."""
    outturn = Outturn.objects.get(indicator=missing_education, period__label="Q2 2019/20")
    correct_outturn(
        outturn=outturn,
        value=Decimal(4),
        numerator=Decimal(4),
        denominator=Decimal(100),
        status="validated",
        reason="One child recounted.",
        user=bob,
    )
    following = reports.meeting(published.committee, date(2020, 2, 5), date(2019, 9, 30))
    return publish_meeting(meeting=following, user=bob)


@pytest.fixture
def corrected_to_large(missing_education, published, bob):
    """The next report lists a correction of 3 out of 100 to 30 out of 100: the old figure is small."""
    outturn = Outturn.objects.get(indicator=missing_education, period__label="Q2 2019/20")
    correct_outturn(
        outturn=outturn,
        value=Decimal(30),
        numerator=Decimal(30),
        denominator=Decimal(100),
        status="validated",
        reason="Recounted from the case files.",
        user=bob,
    )
    following = reports.meeting(published.committee, date(2020, 2, 5), date(2019, 9, 30))
    return publish_meeting(meeting=following, user=bob)


@pytest.fixture
def restricted_target_decision(bob):
    missing = factories.indicator(reference="26", title="Children missing from care", is_restricted=True)
    panel = reports.committee([missing], name="Corporate Parenting Panel")
    meeting = publish_meeting(meeting=reports.meeting(panel), user=bob)
    return reports.decision(
        meeting, "change_target", [missing], text=MINUTE, target_year=2020, target_value=Decimal(12)
    )


def row_of(page: str, reference: str) -> str:
    return re.search(rf'<tr[^>]*data-reference="{reference}".*?</tr>', page, re.S).group(0)


def page_of(client, meeting) -> str:
    response = client.get(reverse("reports:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def workbook_cells(client, meeting) -> list[str]:
    response = client.get(reverse("reports:appendix", args=[meeting.pk]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    return [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def workbook_rows(client, meeting) -> list[list[str]]:
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[meeting.pk])).content))
    return [
        [str(cell.value) for cell in row if cell.value is not None]
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
    ]


def test_snapshot_withholds_the_rating_direction_and_exception_of_a_small_number(published, alice, bob):
    [line] = report_for(published, reader=Reader.for_user(alice)).lines
    assert line.latest.text == "[c]"
    assert (line.rating, line.direction) == (Rating.NO_DATA, Direction.NOT_COMPARABLE)
    assert report_for(published, reader=Reader.for_user(alice)).exceptions == []

    [whole] = report_for(published, reader=Reader.for_user(bob)).lines
    assert (whole.latest.text, whole.rating, whole.direction) == ("3%", Rating.RED, Direction.WORSENING)
    assert [line.reference for line in report_for(published, reader=Reader.for_user(bob)).exceptions] == [
        "22"
    ]


def test_summary_counts_do_not_count_a_withheld_rating(published, alice, bob):
    counts = {
        count.key: count.count for count in report_for(published, reader=Reader.for_user(alice)).rating_counts
    }
    assert (counts["red"], counts["no_data"]) == (0, 1)
    officer_counts = {
        count.key: count.count for count in report_for(published, reader=Reader.for_user(bob)).rating_counts
    }
    assert officer_counts["red"] == 1


@pytest.mark.parametrize("reader", ["alice", "anonymous"])
def test_report_page_shows_no_rating_direction_or_exception_for_a_small_number(
    client, public_access, published, alice, reader
):
    if reader == "alice":
        client.force_login(alice)
    page = page_of(client, published)
    row = row_of(page, "22")
    assert "[c]" in row
    assert "withheld: small number" in row
    for leak in ("3%", "Red", "Worsening"):
        assert leak not in row
    assert 'id="exception-22"' not in page
    assert "Rated Red" not in page
    assert '<li class="kpi-rag--red" data-rating="red"><strong>0</strong>' in page


def test_report_page_shows_the_officer_everything(client, published, bob):
    client.force_login(bob)
    page = page_of(client, published)
    row = row_of(page, "22")
    assert "3%" in row
    assert "Red" in row
    assert "Worsening" in row
    assert 'id="exception-22"' in page


@pytest.mark.parametrize("reader", ["alice", "anonymous"])
def test_appendix_holds_no_rating_direction_or_exception_of_a_small_number(
    client, public_access, published, alice, reader
):
    if reader == "alice":
        client.force_login(alice)
    cells = workbook_cells(client, published)
    assert "Rated Red" not in " ".join(cells)
    rows = [row for row in workbook_rows(client, published) if "22" in row]
    assert "[c]" in rows[0]
    for cell in (cell for row in rows for cell in row):
        assert "3%" not in cell
        assert "Red" not in cell
        assert "Worsening" not in cell


def test_appendix_shows_the_officer_the_rating_of_a_small_number(client, published, bob):
    client.force_login(bob)
    text = " ".join(workbook_cells(client, published))
    assert "Rated Red" in text
    assert "Worsening" in text


def test_small_correction_is_withheld_from_the_member_in_the_snapshot(corrected, alice, bob):
    [row] = report_for(corrected, reader=Reader.for_user(alice)).corrections
    assert (row.correction.previous, row.correction.new) == ("[c]", "[c]")
    [row] = report_for(corrected, reader=Reader.for_user(bob)).corrections
    assert (row.correction.previous, row.correction.new) == ("3%", "4%")


def test_correction_from_a_small_figure_to_a_large_one_is_withheld_from_the_member(
    client, corrected_to_large, alice, bob
):
    [row] = report_for(corrected_to_large, reader=Reader.for_user(alice)).corrections
    assert (row.correction.previous, row.correction.new) == ("[c]", "[c]")
    client.force_login(alice)
    corrections = page_of(client, corrected_to_large).split('id="corrections"')[1].split("</table>")[0]
    assert "3%" not in corrections
    assert "30%" not in corrections
    [row] = report_for(corrected_to_large, reader=Reader.for_user(bob)).corrections
    assert (row.correction.previous, row.correction.new) == ("3%", "30%")


@pytest.mark.parametrize("reader", ["alice", "anonymous"])
def test_small_correction_never_reaches_the_report_page_or_appendix(
    client, public_access, corrected, alice, reader
):
    if reader == "alice":
        client.force_login(alice)
    page = page_of(client, corrected)
    assert "One child recounted." in page
    corrections = page.split('id="corrections"')[1].split("</table>")[0]
    assert "3%" not in corrections
    assert "4%" not in corrections
    assert "withheld: small number" in corrections
    for cell in workbook_cells(client, corrected):
        assert cell not in ("3%", "4%", "3", "4", "0.03", "0.04")
        assert "3%" not in cell
        assert "4%" not in cell


def test_officer_sees_the_small_correction_on_the_page_and_in_the_appendix(client, corrected, bob):
    client.force_login(bob)
    corrections = page_of(client, corrected).split('id="corrections"')[1].split("</table>")[0]
    assert "3%" in corrections
    assert "4%" in corrections
    cells = workbook_cells(client, corrected)
    assert "3%" in cells
    assert "4%" in cells


@pytest.mark.parametrize("reader", ["alice", "anonymous"])
def test_decision_about_a_restricted_indicator_shows_only_that_it_was_taken(
    client, public_access, restricted_target_decision, alice, reader
):
    if reader == "alice":
        client.force_login(alice)
    page = client.get(reverse("reports:decisions")).content.decode()
    assert "A decision about a restricted (Part 2) indicator." in page
    assert "withheld: restricted" in page
    for leak in (MINUTE, "New target", "Children missing from care"):
        assert leak not in page
    # The new target, 12, as a figure on the page (not inside an address such as /meetings/129/).
    assert not re.search(r"(?<![\w/])12(?![\w/])", page)
    meeting_page = page_of(client, restricted_target_decision.meeting)
    assert MINUTE not in meeting_page
    assert "A decision about a restricted (Part 2) indicator." in meeting_page
    text = " ".join(workbook_cells(client, restricted_target_decision.meeting))
    assert MINUTE not in text
    assert "A decision about a restricted (Part 2) indicator." in text


def test_officer_sees_the_decision_about_a_restricted_indicator(client, restricted_target_decision, bob):
    client.force_login(bob)
    page = client.get(reverse("reports:decisions")).content.decode()
    assert MINUTE in page
    assert "New target 12 from 2020" in page
    assert MINUTE in " ".join(workbook_cells(client, restricted_target_decision.meeting))


def test_decision_about_public_indicators_is_shown_to_everyone(client, public_access, bob):
    carers = factories.indicator(reference="7", title="Foster carers recruited")
    meeting = publish_meeting(meeting=reports.meeting(reports.committee([carers])), user=bob)
    reports.decision(
        meeting, "change_target", [carers], text="Aim higher.", target_year=2020, target_value=30
    )
    page = client.get(reverse("reports:decisions")).content.decode()
    assert "Aim higher." in page
    assert "New target 30 from 2020" in page


def pack_text(client, meeting, tmp_path, *layout: str) -> str:
    response = client.get(reverse("reports:pack", args=[meeting.pk]))
    assert response.status_code == 200
    source = tmp_path / "pack.pdf"
    source.write_bytes(response.content)
    command = [
        "/usr/bin/pdftotext",
        *layout,
        str(source),
        "-",
    ]  # poppler-utils, installed by make and .ci/run
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def pack_index_row(client, meeting, tmp_path, reference: str) -> str:
    """The line of the pack's full index for an indicator, as pdftotext lays it out."""
    text = pack_text(client, meeting, tmp_path, "-layout")
    index = text[text.rindex("The full index") :]
    [row] = [line for line in index.splitlines() if line.split()[:1] == [reference]]
    return " ".join(row.split())


def test_committee_pack_holds_no_withheld_rating_or_restricted_decision(
    client, alice, bob, published, restricted_target_decision, tmp_path
):
    client.force_login(alice)
    assert "Rated Red" not in pack_text(client, published, tmp_path)
    row = pack_index_row(client, published, tmp_path, "22")
    assert "[c]" in row
    assert "No data" in row
    for leak in ("3%", "Red", "Worsening"):
        assert leak not in row
    assert MINUTE not in pack_text(client, restricted_target_decision.meeting, tmp_path)
    client.force_login(bob)
    assert "Rated Red" in pack_text(client, published, tmp_path)
    row = pack_index_row(client, published, tmp_path, "22")
    assert "3% 10% Red" in row
    assert "Worsening" in row
    assert MINUTE in " ".join(pack_text(client, restricted_target_decision.meeting, tmp_path).split())


@pytest.mark.parametrize("reader", ["alice", "anonymous"])
def test_live_index_shows_the_mark_and_no_rating_or_direction_for_a_small_number(
    client, public_access, missing_education, alice, reader
):
    if reader == "alice":
        client.force_login(alice)
    row = row_of(client.get("/").content.decode(), "22")
    assert "[c]" in row
    assert "withheld: small number" in row
    for leak in ("3%", "Red", "Worsening"):
        assert leak not in row


def test_live_index_shows_the_officer_the_small_number_and_its_rating(client, missing_education, bob):
    client.force_login(bob)
    row = row_of(client.get("/").content.decode(), "22")
    assert "3%" in row
    assert "Red" in row
    assert "[c]" not in row


def test_small_correction_never_reaches_the_members_committee_pack(client, alice, bob, corrected, tmp_path):
    client.force_login(alice)
    text = pack_text(client, corrected, tmp_path)
    assert "One child recounted." in " ".join(text.split())
    assert "3%" not in text
    assert "4%" not in text
    client.force_login(bob)
    text = pack_text(client, corrected, tmp_path)
    assert "3%" in text
    assert "4%" in text
