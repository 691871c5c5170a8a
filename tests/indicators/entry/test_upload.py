"""The spreadsheet round trip, and every kind of bad file refused with nothing saved."""

import zipfile
from decimal import Decimal
from io import BytesIO

import openpyxl
import openpyxl.xml
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from indicators.entry import upload as uploads
from indicators.entry.template import COLUMNS
from indicators.models import Correction, Outturn
from tests import factories
from tests.indicators.entry.helpers import Q2, Q2_URL, suite

pytestmark = pytest.mark.django_db

UPLOAD_URL = Q2_URL + "upload/"
HEADINGS = [column.heading for column in COLUMNS]


def row(reference, value=None, **cells):
    """A data row in the template's column order."""
    values = {"period": "Q2 2019/20", "reference": reference, "value": value, "version": 0, **cells}
    return [values.get(column.field) for column in COLUMNS]


def workbook(rows, *, headings=HEADINGS, sheet="Figures") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(headings)
    for cells in rows:
        book.active.append(cells)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def with_sheet_xml(xml: bytes) -> bytes:
    """A real workbook whose Figures sheet is replaced by the given XML."""
    source = zipfile.ZipFile(BytesIO(workbook([row("5", 130)])))
    members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = xml
    return zipped(members)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def upload(client, content: bytes, name="figures.xlsx"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def officer_with_suite(client, bob):
    indicators = suite()
    client.force_login(bob)
    return indicators


BAD_FILES = [
    ("empty file", b"", "The selected file is empty"),
    (
        "not a workbook",
        b"Reference,Value\n5,130\n",
        "The file is not an Excel workbook (.xlsx); it may be corrupt",
    ),
    ("corrupt workbook", workbook([row("5", 130)])[:900], "it may be corrupt"),
    ("zip of something else", zipped({"notes.txt": b"hello"}), "could not be read as an Excel workbook"),
    (
        "zip bomb",
        zipped({"xl/worksheets/sheet1.xml": b"0" * (30 * 1024 * 1024)}),
        "The workbook unpacks to far more than a figures template could",
    ),
    ("XML entity bomb", with_sheet_xml(BILLION_LAUGHS), "could not be read as an Excel workbook"),
    (
        "wrong sheet",
        workbook([row("5", 130)], sheet="Sheet1"),
        "The workbook has no sheet called &#x27;Figures&#x27;",
    ),
    (
        "wrong column",
        workbook([row("5", 130)], headings=[*HEADINGS[:6], "Valeu", *HEADINGS[7:]]),
        "Row 1, column G: the heading should be &#x27;Value&#x27;, not &#x27;Valeu&#x27;",
    ),
    (
        "extra column",
        workbook([row("5", 130)], headings=[*HEADINGS, "Notes"]),
        "Row 1, column P: the template has no column &#x27;Notes&#x27;",
    ),
    (
        "text in a number cell",
        workbook([row("5", "twelve")]),
        "Row 2, column G (Value): &#x27;twelve&#x27; is not a number",
    ),
    (
        "unknown indicator",
        workbook([row("99", 3)]),
        "Row 2, column B (Reference): no indicator 99 is due for Q2 2019/20",
    ),
    (
        "duplicate row",
        workbook([row("5", 130), row("12", 26), row("5", 131)]),
        "Row 4, column B (Reference): indicator 5 is already in row 2",
    ),
    ("formula", workbook([row("5", "=100+30")]), "Row 2, column G: has a formula; type or paste its value"),
    ("no figures", workbook([]), "The sheet &#x27;Figures&#x27; has no figures in it"),
    (
        "another period",
        workbook([row("5", 130, period="Q1 2019/20")]),
        "Row 2, column A (Period): is &#x27;Q1 2019/20&#x27;, not Q2 2019/20",
    ),
    (
        "value outside the template",
        workbook([[*row("5", 130), None, "stray"]]),
        "Row 2, column Q: is outside the template&#x27;s columns; remove it",
    ),
    (
        "unknown status",
        workbook([row("5", 130, status="Done")]),
        "Row 2, column J (Status): &#x27;Done&#x27; is not a status in the list",
    ),
    (
        "percentage above 100",
        workbook([row("2", 101)]),
        "Row 2, column G (Value): enter a percentage between 0 and 100",
    ),
    (
        "numerator above denominator",
        workbook([row("2", numerator=70, denominator=60)]),
        "Row 2, column H (Numerator): the numerator must not be more than the denominator",
    ),
    (
        "count not whole",
        workbook([row("5", 12.5)]),
        "Row 2, column G (Value): enter a count as a whole number, 0 or more",
    ),
    (
        "large move without confirmation",
        workbook([row("5", 400)]),
        "Row 2, column M (Confirm large change): the figure moves by more than 25%",
    ),
]


@pytest.mark.parametrize(
    ("content", "message"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_file_is_refused_with_a_message_and_nothing_saved(client, officer_with_suite, content, message):
    before = list(Outturn.objects.values_list("pk", "version"))
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Outturn.objects.values_list("pk", "version")) == before
    assert uploads.SESSION_KEY not in client.session


def test_file_over_the_size_limit_is_refused(client, officer_with_suite, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    response = upload(client, workbook([row("5", 130)]) + b"\0" * 4096)
    assert "The file must be smaller than 4 KB" in response.content.decode()
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_too_many_rows_are_refused(client, officer_with_suite, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_DATA_ROWS", 2)
    response = upload(client, workbook([row("5", 130), row("12", 26), row("2", 80)]))
    assert "The sheet has more than 2 rows of figures" in response.content.decode()


def test_openpyxl_reads_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML


def test_template_lists_each_indicator_with_its_previous_figure_and_status_list(client, officer_with_suite):
    response = client.get(Q2_URL + "template.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(BytesIO(response.content))["Figures"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert {r[1]: r[5] for r in rows[1:]} == {"2": 80, "5": 120, "12": 27}
    assert rows[1][4] == "Q1 2019/20"
    formulas = [validation.formula1 for validation in sheet.data_validations.dataValidation]
    assert '"Provisional,Not available in time,Cannot be reported reliably"' in formulas


def status_lists(sheet) -> dict[str, str]:
    """Each Status cell's list of choices, by cell."""
    return {
        cell: validation.formula1
        for validation in sheet.data_validations.dataValidation
        for cell_range in validation.sqref.ranges
        if cell_range.min_col == 10
        for cell in [f"J{number}" for number in range(cell_range.min_row, cell_range.max_row + 1)]
    }


def test_template_offers_validated_only_beside_a_figure_already_validated(client, officer_with_suite):
    """The upload refuses "Validated" for a new or provisional figure: the template does not offer it."""
    factories.outturn(officer_with_suite["5"], Q2.start, 125, status="validated")
    factories.outturn(officer_with_suite["12"], Q2.start, 26, status="provisional")
    sheet = openpyxl.load_workbook(BytesIO(client.get(Q2_URL + "template.xlsx").content))["Figures"]
    lists = status_lists(sheet)
    numbers = {cells[1].value: cells[1].row for cells in sheet.iter_rows(min_row=2) if cells[1].value}
    assert "Validated" in lists[f"J{numbers['5']}"]
    assert "Validated" not in lists[f"J{numbers['2']}"]
    assert "Validated" not in lists[f"J{numbers['12']}"]
    assert "Validated" not in lists["J10"]  # a blank row below the indicators
    guide = " ".join(str(cell.value) for cell in sheet.parent["How to fill this in"]["A"])
    assert "'Validated' is offered only beside a figure already validated" in guide


def test_every_status_the_template_offers_a_row_is_accepted_on_upload(client, officer_with_suite):
    factories.outturn(officer_with_suite["5"], Q2.start, 125, status="validated")
    book = openpyxl.load_workbook(BytesIO(client.get(Q2_URL + "template.xlsx").content))
    sheet = book["Figures"]
    lists = status_lists(sheet)
    for cells in sheet.iter_rows(min_row=2):
        offered = lists[f"J{cells[1].row}"].strip('"').split(",")
        if cells[1].value == "5":
            assert cells[9].value == "Validated"
            assert cells[9].value in offered
            cells[11].value = "Checked with the team."
        if cells[1].value == "12":
            cells[9].value, cells[6].value = offered[-1], None
    output = BytesIO()
    book.save(output)
    response = upload(client, output.getvalue())
    assert response.status_code == 200, response.content.decode()
    assert "is not a status in the list" not in response.content.decode()


def test_template_shows_the_previous_figure_to_the_indicator_s_decimal_places(client, officer_with_suite):
    indicators = officer_with_suite
    indicators["2"].decimal_places = 1
    indicators["2"].save()
    Outturn.objects.filter(indicator=indicators["2"]).update(
        value=Decimal("86.4444"), numerator=389, denominator=450
    )
    sheet = openpyxl.load_workbook(BytesIO(client.get(Q2_URL + "template.xlsx").content))["Figures"]
    previous = {cells[1].value: cells[5] for cells in sheet.iter_rows(min_row=2) if cells[1].value}
    assert previous["2"].value == 86.4
    assert previous["2"].number_format == "0.0"
    assert previous["5"].value == 120
    assert previous["5"].number_format == "0"


def test_round_trip_previews_then_saves_on_confirmation(client, officer_with_suite, bob):
    indicators = officer_with_suite
    published = factories.outturn(indicators["12"], Q2.start, 27, first_published_at=timezone.now())
    book = openpyxl.load_workbook(BytesIO(client.get(Q2_URL + "template.xlsx").content))
    sheet = book["Figures"]
    for cells in sheet.iter_rows(min_row=2):
        reference = cells[1].value
        if reference == "2":
            cells[7].value, cells[8].value, cells[9].value = 50, 60, "Provisional"
        if reference == "5":
            cells[6].value = 131
        if reference == "12":
            cells[6].value, cells[13].value = 26, "Court dates re-checked."
    output = BytesIO()
    book.save(output)

    preview = upload(client, output.getvalue())
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "The spreadsheet changes 3 figures" in page
    assert "27 weeks (validated)" in page
    assert "Correction" in page
    assert not Outturn.objects.filter(period__start=Q2.start).exclude(pk=published.pk).exists()

    token = client.session[uploads.SESSION_KEY]["token"]
    response = client.post(UPLOAD_URL + "confirm/", {"token": token})
    assert response.status_code == 302
    saved = {o.indicator.reference: o for o in Outturn.objects.filter(period__start=Q2.start)}
    assert saved["2"].value == Decimal("83.3333")
    assert saved["5"].value == 131
    assert saved["12"].value == 26
    assert saved["5"].history.first().history_change_reason == "Uploaded spreadsheet"
    assert Correction.objects.get().reason == "Court dates re-checked."


def test_confirming_after_someone_else_saved_refuses_with_both_figures(client, officer_with_suite, bob):
    indicators = officer_with_suite
    factories.outturn(indicators["5"], Q2.start, 118, entered_by=factories.performance_officer("dana"))
    upload(client, workbook([row("5", 131, version=1)]))
    token = client.session[uploads.SESSION_KEY]["token"]
    Outturn.objects.filter(indicator=indicators["5"], period__start=Q2.start).update(value=125, version=2)

    response = client.post(UPLOAD_URL + "confirm/", {"token": token})
    page = response.content.decode()
    assert response.status_code == 409
    assert "theirs is 125 (validated), yours is 131 (provisional)" in page
    assert Outturn.objects.get(indicator=indicators["5"], period__start=Q2.start).value == 125


def test_a_validated_figure_changed_in_the_spreadsheet_is_previewed_as_it_will_be_saved(
    client, officer_with_suite
):
    """The template offers "Validated" for a figure on record as validated; changed, the figure is
    saved provisional until its lead officer validates it again, and the preview says so."""
    factories.outturn(officer_with_suite["5"], Q2.start, 125)
    book = openpyxl.load_workbook(BytesIO(client.get(Q2_URL + "template.xlsx").content))
    for cells in book["Figures"].iter_rows(min_row=2):
        if cells[1].value == "5":
            assert cells[9].value == "Validated"
            cells[6].value = 131
    output = BytesIO()
    book.save(output)
    page = upload(client, output.getvalue()).content.decode()
    assert "131 (provisional)" in page
    token = client.session[uploads.SESSION_KEY]["token"]
    client.post(UPLOAD_URL + "confirm/", {"token": token})
    assert (
        Outturn.objects.get(indicator=officer_with_suite["5"], period__start=Q2.start).status == "provisional"
    )


def test_template_older_than_the_figure_on_record_is_refused_at_preview(client, officer_with_suite):
    indicators = officer_with_suite
    factories.outturn(indicators["5"], Q2.start, 118)
    Outturn.objects.filter(indicator=indicators["5"], period__start=Q2.start).update(value=125, version=2)

    response = upload(client, workbook([row("5", 121, version=1)]))

    page = response.content.decode()
    assert "indicator 5 was changed by someone else after this spreadsheet was downloaded" in page
    assert uploads.SESSION_KEY not in client.session
    assert Outturn.objects.get(indicator=indicators["5"], period__start=Q2.start).value == 125


def test_text_that_looks_like_a_formula_is_written_to_the_template_as_text(client, officer_with_suite):
    indicators = officer_with_suite
    factories.outturn(indicators["5"], Q2.start, 118, commentary='=HYPERLINK("http://example.invalid","x")')
    response = client.get(Q2_URL + "template.xlsx")
    sheet = openpyxl.load_workbook(BytesIO(response.content))["Figures"]
    commentary = next(cell for cell in sheet["L"] if str(cell.value).startswith("=HYPERLINK"))
    assert commentary.data_type == "s"
    assert commentary.quotePrefix


def test_confirming_without_the_preview_changes_nothing(client, officer_with_suite):
    response = client.post(UPLOAD_URL + "confirm/", {"token": "forged"})
    assert response.status_code == 302
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_member_may_not_upload(client, alice):
    suite()
    client.force_login(alice)
    assert upload(client, workbook([row("5", 130)])).status_code == 403
    assert client.get(Q2_URL + "template.xlsx").status_code == 403
