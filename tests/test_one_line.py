"""One indicator's line reads the same in every output: the live index, the report page, the
published snapshot, the appendix, the committee pack, and the CSV and JSON of both the index and
the report. A wording that drifts in one output fails here."""

import csv
import io
import re
import subprocess
from dataclasses import replace
from datetime import date
from html import unescape
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.columns import LIVE, columns_of
from indicators.lines import (
    IndicatorLine,
    line_fields,
    line_from_assessment,
    withholds_anything,
)
from indicators.reader import Reader
from indicators.selectors import assessments_as_at
from indicators.tables import IndexTable
from reports.selectors import report_for
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

LINE = {
    "period": "Q2 2019/20",
    "latest": "55%",
    "target": "85%",
    "rating": "Red",
    "direction": "Worsening",
    "neighbours": "80%",
}
"""Single assessments within 45 days, Q2 2019/20: 50 of 91 against a target of 85%."""
OPEN_DATA = {
    "period": "Q2 2019/20",
    "value": "55",
    "target": "85",
    "rating": "Red",
    "direction": "Worsening",
    "neighbours": "80",
    "neighbours_year": "2018/19",
}
"""The same line as open data writes it: numbers without their unit, which is a column of its own."""


@pytest.fixture
def assessments():
    indicator = factories.indicator(
        reference="2", title="Single assessments within 45 days", decimal_places=0
    )
    factories.target(indicator, 2019, value=85, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), numerator=86, denominator=100)
    factories.outturn(indicator, date(2019, 7, 1), numerator=50, denominator=91)
    factories.comparator(indicator, 2018, "neighbours", 80.4, year_label="2018/19")
    return indicator


@pytest.fixture
def published(assessments, bob):
    return publish_meeting(meeting=reports.meeting(reports.committee([assessments])), user=bob)


def words(html: str) -> str:
    """What a reader reads of some HTML: its text, in one run, without the markup."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row_text(page: str, reference: str) -> str:
    return words(re.search(rf'<tr[^>]*data-reference="{reference}".*?</tr>', page, re.S).group(0))


def assert_reads_the_line(text: str, keys=tuple(LINE)):
    for key in keys:
        assert LINE[key] in text, (key, LINE[key], text)


def test_live_index_row_reads_the_line(client, alice, assessments):
    """The row's figures stand under the column headed by their period, which the row leaves out."""
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert_reads_the_line(row_text(page, "2"), tuple(key for key in LINE if key != "period"))
    headings = re.findall(r'<th scope="col"[^>]*kpi-index__period[^>]*>\s*(.*?)\s*</th>', page, re.S)
    assert headings[-1] == LINE["period"]


def test_report_page_row_reads_the_line(client, alice, published):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[published.pk])).content.decode()
    index = page[page.index('id="report-index"') :]
    assert_reads_the_line(row_text(index, "2"), ("period", "latest", "target", "rating", "direction"))


def test_published_snapshot_reads_the_line(published, alice):
    [line] = report_for(published, reader=Reader.for_user(alice)).lines
    shown = {
        "period": line.latest.shown.period,
        "latest": line.latest.shown.text,
        "target": line.target_shown.text,
        "rating": line.rating_shown.text,
        "direction": line.direction_shown.text,
        "neighbours": line.comparator_shown("neighbours").text,
    }
    assert shown == LINE


def as_printed(cell) -> str:
    """A cell as the spreadsheet prints it: a number in its format's digits and unit."""
    if not isinstance(cell.value, int | float):
        return str(cell.value)
    first = cell.number_format.split(";")[0]
    places = len(re.search(r"0(?:\.(0+))?", first).group(1) or "")
    suffix = "".join(re.findall(r'"([^"]*)"', first))
    return f"{cell.value:,.{places}f}{suffix}"


def test_appendix_reads_the_line(client, alice, published):
    client.force_login(alice)
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))
    index = workbook["Performance index"]
    headings = [cell.value for cell in index[1]]
    [row] = [row for row in index.iter_rows(min_row=2) if row[1].value == "2"]
    printed = dict(zip(headings, map(as_printed, row), strict=True))
    assert printed[f"Latest {LINE['period']}"] == LINE["latest"]
    assert printed["Target"] == LINE["target"]
    assert printed["Rating"] == LINE["rating"]
    assert printed["Direction of travel"] == f"\u25bc {LINE['direction']}"
    comparators = workbook["Comparators and commentary"]
    [row] = [row for row in comparators.iter_rows(min_row=2) if row[0].value == "2"]
    printed = dict(zip([cell.value for cell in comparators[1]], map(as_printed, row), strict=True))
    assert printed["Statistical neighbours 2018/19"] == LINE["neighbours"]


def pack_index(client, meeting, tmp_path) -> str:
    """The full index of the meeting's committee pack, as pdftotext lays it out."""
    source = tmp_path / "pack.pdf"
    source.write_bytes(client.get(reverse("reports:pack", args=[meeting.pk])).content)
    command = ["/usr/bin/pdftotext", "-layout", str(source), "-"]  # poppler-utils, from make and .ci/run
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return text[text.rindex("The full index") :]


def test_committee_pack_reads_the_line(client, alice, published, tmp_path):
    client.force_login(alice)
    index = pack_index(client, published, tmp_path)
    [row] = [line for line in index.splitlines() if "Single assessments within" in line]
    assert_reads_the_line(" ".join(row.split()), ("latest", "target", "rating", "direction"))


def latest_row(rows: list[dict]) -> dict:
    [row] = [row for row in rows if row["reference"] == "2" and row["is_latest_period"] == "yes"]
    return {key: row[key] for key in OPEN_DATA}


@pytest.mark.parametrize(
    ("csv_url", "json_url"),
    [("indicators:index_csv", "indicators:index_json"), ("reports:report_csv", "reports:report_json")],
)
def test_open_data_reads_the_line(client, alice, published, csv_url, json_url):
    client.force_login(alice)
    args = [] if csv_url.startswith("indicators") else [published.pk]
    from_csv = latest_row(
        list(csv.DictReader(io.StringIO(client.get(reverse(csv_url, args=args)).content.decode())))
    )
    from_json = latest_row(client.get(reverse(json_url, args=args)).json()["rows"])
    assert from_csv == from_json == OPEN_DATA
    assert f"{from_csv['value']}%" == LINE["latest"]
    assert f"{from_csv['neighbours']}%" == LINE["neighbours"]


@pytest.fixture
def unit_column(monkeypatch):
    """A column added as the README's layout section says: one declaration, where it shows and its
    printed width with it, placed after the polarity."""
    from indicators import columns
    from indicators.columns import APPENDIX, REPORT, Column
    from indicators.lines import Shown
    from indicators.models import Unit

    unit = Column(
        "unit",
        "Unit",
        lambda line: Shown(Unit(line.unit).label),
        shows_in=(REPORT, APPENDIX),
        printed_width=(9.5, 0),
    )
    declared = {}
    for key, column in columns.COLUMNS.items():
        if key != "polarity":
            declared[key] = column
            continue
        # The appendix's index sheet fills an A4 page already: a column there takes another's room.
        declared[key] = replace(column, shows_in=())
        declared["unit"] = unit
    monkeypatch.setattr(columns, "COLUMNS", declared)


def test_the_live_index_shows_the_columns_declared_for_it_in_their_order():
    assert list(IndexTable.base_columns) == [column.key for column in columns_of(LIVE)]
    assert list(IndexTable.base_columns)[:3] == ["reference", "title", "previous_year_end"]


def test_a_column_declared_once_shows_on_the_report_page_the_pack_and_the_appendix(
    client, alice, published, unit_column, tmp_path
):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[published.pk])).content.decode()
    index = page[page.index('id="report-index"') :]
    assert ">Unit</th>" in index
    assert "Percentage" in row_text(index, "2")
    pack = pack_index(client, published, tmp_path)
    [headings] = [line for line in pack.splitlines() if line.split()[:2] == ["Ref", "Indicator"]]
    assert "Unit" in headings
    [row] = [line for line in pack.splitlines() if "Single assessments within" in line]
    assert "Percentage" in row
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))
    sheet = workbook["Performance index"]
    assert sheet.cell(row=1, column=4).value == "Unit"
    [row] = [row for row in sheet.iter_rows(min_row=2) if row[1].value == "2"]
    assert row[3].value == "Percentage"


@pytest.mark.django_db
def test_a_line_for_a_reader_without_permission_is_the_masked_line_whether_or_not_it_withholds_anything():
    """The index builds a line that withholds nothing once, not twice (`withholds_anything`): the
    line it gives a member must be the one masking would have made."""
    small = factories.indicator(unit="count", polarity="lower", title="Children missing education")
    plain = factories.indicator(title="Assessments on time")
    for quarter, (count, share) in zip(
        (date(2019, 4, 1), date(2019, 7, 1)), ((12, 80), (3, 85)), strict=True
    ):
        factories.outturn(small, quarter, count)
        factories.outturn(plain, quarter, share, numerator=share, denominator=100)
    factories.target(plain, 2019, value=80)
    found = assessments_as_at([small, plain], as_at=date(2019, 9, 30), withhold_small_numbers=True)
    lines = {}
    for assessment in found:
        fields = line_fields(assessment, threshold=0)
        line = line_from_assessment(assessment, reader=Reader.PUBLIC)
        assert line == IndicatorLine(**fields).masked()
        assert line.is_masked
        lines[assessment.indicator.pk] = (withholds_anything(fields), line)
    assert lines[small.pk][0]
    assert lines[small.pk][1].figures[-1].text == "[c]"
    assert not lines[plain.pk][0]
    assert lines[plain.pk][1].figures[-1].text == "85%"


@pytest.mark.django_db
def test_a_variation_worked_out_from_a_small_number_is_withheld_with_it():
    """The line's figures show no small number, but the series its variation is read from has one:
    a reader without permission sees neither the variation nor the assurance, and why."""
    from indicators.models import VariationSummary
    from indicators.rules.suppression import Withheld

    indicator = factories.indicator(title="Assessments on time")
    factories.outturn(indicator, date(2019, 7, 1), 85, numerator=85, denominator=100)
    summary = {"variation": "concern_low", "assurance": "fail", "period_end": date(2019, 9, 30)}
    VariationSummary.objects.create(indicator=indicator, uses_small_number=True, **summary)
    indicator = type(indicator).objects.select_related("variation_summary").get(pk=indicator.pk)
    [assessment] = assessments_as_at([indicator], as_at=date(2019, 9, 30), withhold_small_numbers=True)
    fields = line_fields(assessment, threshold=0)
    assert withholds_anything(fields)
    whole = IndicatorLine(**fields)
    assert whole.variation_shown.text == "Special cause concern: lower"
    masked = line_from_assessment(assessment, reader=Reader.PUBLIC)
    assert (masked.variation, masked.assurance) == ("", "")
    assert masked.variation_shown.text == "Not available"
    assert masked.variation_shown.withheld is Withheld.SMALL_NUMBER
    assert masked.assurance_shown.withheld is Withheld.SMALL_NUMBER
    assert not masked.is_special_cause_concern
