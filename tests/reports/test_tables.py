"""A meeting's tables are declared once (reports/tables.py): a column added to a table's
declaration shows on the report page, in the pack, in the appendix and in open data."""

import csv
import io
import subprocess
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.columns import EVERY_OUTPUT, Column
from indicators.lines import Shown
from indicators.models import Unit
from reports import tables
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(bob):
    """Single assessments within 45 days, Red at 55% against 85% in Q2 2019/20: an exception."""
    indicator = factories.indicator(
        reference="2", title="Single assessments within 45 days", decimal_places=0
    )
    factories.target(indicator, 2019, value=85, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), numerator=86, denominator=100)
    factories.outturn(indicator, date(2019, 7, 1), numerator=50, denominator=91)
    return publish_meeting(meeting=reports.meeting(reports.committee([indicator])), user=bob)


@pytest.fixture
def unit_column(monkeypatch):
    """The exceptions table with a column added as the README says: one declaration."""
    unit = Column(
        "unit",
        "Unit",
        lambda line: Shown(Unit(line.unit).label),
        shows_in=EVERY_OUTPUT,
        printed_width=(9.5, 0),
    )
    declared = tables.TABLES["exceptions"]
    monkeypatch.setitem(tables.TABLES, "exceptions", replace(declared, columns=(*declared.columns, unit)))


def test_a_column_added_to_the_exceptions_table_shows_in_every_output(
    client, alice, published, unit_column, tmp_path
):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[published.pk])).content.decode()
    exceptions = page[page.index('id="exceptions"') : page.index('id="caveats"')]
    assert ">Unit</dt>" in exceptions
    assert reverse("reports:report_table_csv", args=[published.pk, "exceptions"]) in exceptions
    assert "Percentage" in exceptions

    source = tmp_path / "pack.pdf"
    source.write_bytes(client.get(reverse("reports:pack", args=[published.pk])).content)
    command = ["/usr/bin/pdftotext", "-layout", str(source), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    start = text.index("Exceptions, Red first")
    pack_exceptions = text[start : start + 2000]
    assert "Unit" in pack_exceptions
    assert "Percentag" in pack_exceptions  # a ninth column is narrow: the word may break at its end

    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))
    sheet = workbook["Exceptions"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[-1] == "Unit"
    assert sheet.cell(row=2, column=len(headings)).value == "Percentage"

    response = client.get(reverse("reports:report_table_csv", args=[published.pk, "exceptions"]))
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["unit"] == "Percentage"
    assert row["reference"] == "2"


def test_each_table_has_one_heading_per_column_and_an_empty_message():
    for table in tables.TABLES.values():
        keys = [column.key for column in table.columns]
        assert len(keys) == len(set(keys)), table.key
        assert table.empty_message, table.key


def test_a_table_shows_its_empty_message_in_the_appendix_and_on_the_page(
    client,
    alice,
    published,
):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[published.pk])).content.decode()
    assert tables.CORRECTIONS.empty_message in page
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))
    assert workbook["Corrections"]["A2"].value == tables.CORRECTIONS.empty_message


def test_a_draft_reports_tables_are_not_open_data(client, alice):
    draft = reports.meeting(reports.committee([factories.indicator()]))
    client.force_login(alice)
    response = client.get(reverse("reports:report_table_csv", args=[draft.pk, "corrections"]))
    assert response.status_code == 404


def test_a_table_without_open_data_columns_has_no_download(client, alice, published):
    client.force_login(alice)
    assert client.get(reverse("reports:report_table_csv", args=[published.pk, "parts"])).status_code == 404
    for table in ("exceptions", "rating-changes", "corrections", "caveats", "decisions"):
        response = client.get(reverse("reports:report_table_csv", args=[published.pk, table]))
        assert response.status_code == 200, table
