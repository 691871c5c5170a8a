"""A meeting's report includes the chosen indicators' parts by locality, frozen with it, in every output.

Indicator 2 in Q2 2019/20, by four localities: North 40 of 50 (80%, Green), South 30 of 40 (75%,
Amber), East 3 of 6 (50%: a small numerator) and West 56 of 80 (70%, Red); the council 129 of 176.
East is withheld from members, and so is South, the next smallest, which the council's figure and
the other two would otherwise give away.
"""

import json
from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from breakdowns.models import PartFigure
from indicators.reader import Reader
from reports import selectors
from reports.appendix import appendix_workbook
from reports.pack import pack_data_for, pack_pdf
from reports.services import publish_meeting, save_meeting
from tests import factories
from tests.breakdowns import factories as parts
from tests.reports import factories as reports
from tests.reports.test_pack import poppler

pytestmark = pytest.mark.django_db

Q2 = date(2019, 7, 1)
NORTH = ("80%", "40 out of 50")
EAST = ("50%", "3 out of 6")
SOUTH = ("75%", "30 out of 40")
RESTRICTED_PART = "Missing from home, North"


def by_locality(title="Single assessments within 45 days", shares=None, **fields):
    indicator = reports.quarterly_indicator(title, {}, **fields)
    shares = shares or {"North": (40, 50), "South": (30, 40), "East": (3, 6), "West": (56, 80)}
    members = parts.localities(names=tuple(shares))
    breakdown = parts.reported_by(indicator, members)
    factories.outturn(
        indicator,
        Q2,
        numerator=sum(n for n, _ in shares.values()),
        denominator=sum(d for _, d in shares.values()),
        value=round(100 * sum(n for n, _ in shares.values()) / sum(d for _, d in shares.values()), 1),
    )
    for member in members:
        numerator, denominator = shares[member.name]
        parts.part(indicator, Q2, member, numerator=numerator, denominator=denominator)
    return indicator, breakdown


def panel(*, publish=True, user=None):
    """A panel whose November 2019 report includes indicator 2 and a restricted indicator by locality."""
    assessments, chosen = by_locality()
    restricted, hidden = by_locality(RESTRICTED_PART, is_restricted=True)
    other = reports.quarterly_indicator("Contacts", {Q2: 85})
    meeting = reports.meeting(reports.committee([assessments, restricted, other]))
    meeting.breakdowns.set([chosen, hidden])
    if publish:
        publish_meeting(meeting=meeting, user=user)
    return meeting, assessments


def page_text(client, meeting) -> str:
    return client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()


def appendix_sheet(meeting, user):
    workbook = load_workbook(
        BytesIO(appendix_workbook(selectors.appendix_data_for(meeting, reader=Reader.for_user(user))))
    )
    return workbook


def sheet_rows(workbook, name="By locality") -> list[list[str]]:
    return [
        ["" if value is None else str(value) for value in row]
        for row in workbook[name].iter_rows(values_only=True)
    ]


def pack_text(meeting, user, tmp_path) -> str:
    data = pack_data_for(
        meeting,
        report=selectors.report_for(meeting, reader=Reader.for_user(user)),
        decisions=selectors.decisions_for(reader=Reader.for_user(user), meeting=meeting, at_meeting=True),
    )
    path = tmp_path / data.filename
    path.write_bytes(pack_pdf(data))
    return poppler("pdftotext", "-layout", str(path), "-")


def csv_rows(client, meeting) -> list[list[str]]:
    text = client.get(reverse("reports:report_parts_csv", args=[meeting.pk])).content.decode()
    return [line.split(",") for line in text.strip().splitlines()]


def json_rows(client, meeting) -> list[dict]:
    return json.loads(client.get(reverse("reports:report_parts_json", args=[meeting.pk])).content)["rows"]


def row_for(rows: list[dict], part: str, reference: str) -> dict:
    return next(row for row in rows if row["part"] == part and row["indicator_reference"] == reference)


def test_a_draft_shows_the_parts_as_they_stand(client, bob):
    meeting, indicator = panel(publish=False)
    client.force_login(bob)
    before = page_text(client, meeting)
    assert "By locality" in before
    assert "40 out of 50" in before
    PartFigure.objects.filter(indicator=indicator, member__name="North").update(numerator=45, value=90)
    assert "45 out of 50" in page_text(client, meeting)


def test_a_published_report_keeps_its_parts_after_a_correction(client, bob, tmp_path):
    meeting, indicator = panel(user=bob)
    north = PartFigure.objects.get(indicator=indicator, member__name="North")
    north.numerator, north.value = 45, 90
    north.save()
    client.force_login(bob)
    page = page_text(client, meeting)
    assert "40 out of 50" in page
    assert "45 out of 50" not in page
    assert "90%" not in sheet_rows(appendix_sheet(meeting, bob))[1]
    assert row_for(json_rows(client, meeting), "North", indicator.reference)["numerator"] == "40"


def test_the_same_part_reads_the_same_on_page_appendix_pack_csv_and_json(client, bob, tmp_path):
    meeting, indicator = panel(user=bob)
    client.force_login(bob)
    figure, fraction = NORTH
    assert f'{figure}<span class="kpi-period">{fraction}</span>' in page_text(client, meeting)
    north = next(row for row in sheet_rows(appendix_sheet(meeting, bob)) if row[2] == "North")
    assert north[:4] == [indicator.reference, indicator.title, "North", "Q2 2019/20"]
    assert (north[4], north[5], north[6], north[7]) == ("80", "40", "50", "Green")
    assert f"North {figure}" in " ".join(pack_text(meeting, bob, tmp_path).split())
    header, *rows = csv_rows(client, meeting)
    assert header[:3] == ["indicator_reference", "dimension", "part"]
    north_csv = dict(zip(header, next(row for row in rows if row[2] == "North"), strict=True))
    north_json = row_for(json_rows(client, meeting), "North", indicator.reference)
    for row in (north_csv, north_json):
        assert (row["value"], row["numerator"], row["denominator"], row["rating"]) == (
            "80",
            "40",
            "50",
            "green",
        )


def test_an_officer_sees_which_parts_are_withheld_from_members(client, bob):
    meeting, _ = panel(user=bob)
    client.force_login(bob)
    page = page_text(client, meeting)
    assert "3 out of 6" in page
    assert "Withheld from members: it would give away another part" in page
    restricted = next(row for row in sheet_rows(appendix_sheet(meeting, bob)) if RESTRICTED_PART in row[1])
    assert restricted[2] == "North"


@pytest.mark.parametrize("reader", ["member", "visitor"])
def test_a_suppressed_part_never_reaches_a_member_or_the_public(
    client, alice, bob, public_access, tmp_path, reader
):
    meeting, indicator = panel(user=bob)
    user = alice if reader == "member" else AnonymousUser()
    if reader == "member":
        client.force_login(alice)
    page = page_text(client, meeting)
    pack = " ".join(pack_text(meeting, user, tmp_path).split())
    workbook = appendix_sheet(meeting, user)
    sheet = sheet_rows(workbook)
    csv = csv_rows(client, meeting)
    rows = json_rows(client, meeting)
    for text in (page, pack, " ".join(map(" ".join, sheet)), " ".join(map(",".join, csv))):
        for hidden in (*EAST, *SOUTH, RESTRICTED_PART):
            assert hidden not in text
    assert "North 80%" in pack
    assert "East [c]" in pack
    assert "South [c]" in pack
    east = next(row for row in sheet if row[2] == "East")
    assert east[4:8] == ["[c]", "[c]", "[c]", "[c]"]
    assert east[8] == "withheld: small number"
    for part in ("East", "South"):
        row = row_for(rows, part, indicator.reference)
        assert (row["value"], row["numerator"], row["denominator"], row["rating"]) == ("c", "c", "c", "c")
        assert row["withheld"] == "withheld: small number"
    assert not [row for row in rows if row["indicator_reference"] != indicator.reference]
    assert "the best, the worst and the spread are withheld" in page.lower()


def test_restricted_indicators_parts_are_left_out_of_the_public_files(client, bob, public_access):
    meeting, _ = panel(user=bob)
    restricted = meeting.committee.indicators.get(title=RESTRICTED_PART).reference
    response = client.get(reverse("reports:report_parts_csv", args=[meeting.pk]))
    assert restricted not in {row[0] for row in csv_rows(client, meeting)[1:]}
    assert "restricted" not in response["Content-Disposition"]
    client.force_login(bob)
    response = client.get(reverse("reports:report_parts_csv", args=[meeting.pk]))
    assert restricted in {row[0] for row in csv_rows(client, meeting)[1:]}
    assert "-restricted.csv" in response["Content-Disposition"]


def test_a_drafts_parts_are_not_open_data(client, bob):
    meeting, _ = panel(publish=False)
    client.force_login(bob)
    assert client.get(reverse("reports:report_parts_csv", args=[meeting.pk])).status_code == 404


def test_a_report_without_breakdowns_has_no_sheet_or_section(client, bob, tmp_path):
    indicator, _ = by_locality()
    meeting = reports.meeting(reports.committee([indicator]))
    publish_meeting(meeting=meeting, user=bob)
    client.force_login(bob)
    assert 'id="breakdowns"' not in page_text(client, meeting)
    assert "By locality" not in appendix_sheet(meeting, bob).sheetnames


def test_the_appendix_sheet_is_a_defined_table_set_up_for_print(bob):
    meeting, _ = panel(user=bob)
    workbook = appendix_sheet(meeting, bob)
    sheet = workbook["By locality"]
    assert list(sheet.tables) == ["Breakdowns"]
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert all(sheet.row_dimensions[row].height for row in range(1, sheet.max_row + 1))
    assert "By locality" in workbook["Cover"]["B8"].value


def test_the_pack_bookmarks_the_breakdowns(bob):
    from reports.pack import pack_document

    meeting, _ = panel(user=bob)
    data = pack_data_for(
        meeting,
        report=selectors.report_for(meeting, reader=Reader.for_user(bob)),
        decisions=selectors.decision_log(),
    )
    ((_, _, sections, _),) = pack_document(data).make_bookmark_tree()
    assert "By locality" in [section[0] for section in sections]


def test_a_new_meeting_starts_with_the_last_meetings_breakdowns(bob):
    meeting, _ = panel(publish=False)
    following = save_meeting(committee=meeting.committee, day=date(2020, 2, 5), as_at=date(2019, 12, 31))
    assert set(following.breakdowns.all()) == set(meeting.breakdowns.all())


def test_the_meeting_form_offers_only_indicators_reported_by_locality(client, bob):
    meeting, indicator = panel(publish=False)
    client.force_login(bob)
    page = client.get(reverse("reports:meeting_edit", args=[meeting.pk])).content.decode()
    assert f"{indicator.reference}: Single assessments within 45 days, by locality" in page
    assert "Contacts, by" not in page
    response = client.post(
        reverse("reports:meeting_edit", args=[meeting.pk]),
        {"date": "2019-11-06", "as_at": "2019-09-30", "breakdowns": []},
    )
    assert response.status_code == 302
    assert not meeting.breakdowns.exists()


def test_a_breakdown_outside_the_suite_is_refused(client, bob):
    meeting, _ = panel(publish=False)
    _, elsewhere = by_locality("Not in the panel's suite")
    client.force_login(bob)
    response = client.post(
        reverse("reports:meeting_edit", args=[meeting.pk]),
        {"date": "2019-11-06", "as_at": "2019-09-30", "breakdowns": [elsewhere.pk]},
    )
    assert response.status_code == 200
    assert "is not in the suite of" in response.content.decode()
    assert meeting.breakdowns.count() == 2


def twelve_localities():
    return {f"Locality {n}": (30 + n, 40 + n) for n in range(12)}


@pytest.mark.parametrize("output", ["page", "appendix", "pack"])
def test_queries_stay_the_same_with_two_or_twelve_parts(client, bob, output):
    counts = []
    for shares in ({"North": (40, 50), "South": (30, 40)}, twelve_localities()):
        indicator, breakdown = by_locality(f"Indicator with {len(shares)} parts", shares=shares)
        meeting = reports.meeting(
            reports.committee([indicator], name=f"Panel {len(shares)}"), day=date(2019, 11, len(shares))
        )
        meeting.breakdowns.set([breakdown])
        publish_meeting(meeting=meeting, user=bob)
        client.force_login(bob)
        urls = {
            "page": reverse("reports:meeting", args=[meeting.pk]),
            "appendix": reverse("reports:appendix", args=[meeting.pk]),
            "pack": reverse("reports:pack", args=[meeting.pk]),
        }
        client.get(urls[output])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(urls[output]).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_draft_reads_the_parts_in_the_same_queries_however_many(bob):
    counts = []
    for shares in ({"North": (40, 50), "South": (30, 40)}, twelve_localities()):
        indicator, breakdown = by_locality(f"Draft with {len(shares)} parts", shares=shares)
        meeting = reports.meeting(
            reports.committee([indicator], name=f"Draft panel {len(shares)}"), day=date(2019, 11, len(shares))
        )
        meeting.breakdowns.set([breakdown])
        selectors.report_for(meeting, reader=Reader.for_user(bob))  # the officer's permissions, read once
        with CaptureQueriesContext(connection) as queries:
            report = selectors.report_for(meeting, reader=Reader.for_user(bob))
        assert len([part for part in report.breakdowns[0].parts if part.value is not None]) == len(shares)
        counts.append(len(queries))
    assert counts[0] == counts[1]
