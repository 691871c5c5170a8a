"""A workbook with errors in every column gets every error listed, each with its sheet and cell,
and nothing saved; the pages say so and only administrators reach them."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from indicators.models import Indicator, Outturn, ServiceArea, Target
from indicators.suite_import import layout
from tests.factories import administrator, performance_officer

pytestmark = pytest.mark.django_db

HEADINGS = [column.heading for column in layout.DETAILS]
GOOD = [
    "2",
    "% of single assessments in 45 days",
    "Social Care",
    "Percentage",
    0,
    "Higher is better",
    "Quarterly",
    "Financial",
    "No",
    "Head of Social Care",
    "Performance team",
    "Every child assessed within 45 days",
    "Snapshot",
    "Yes",
    0,
    None,
    None,
]


def workbook(
    index_rows,
    *,
    numerators=None,
    denominators=None,
    statuses=None,
    targets=None,
    period_headings=("Q1 2024/25", "Q2 2024/25"),
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = layout.INDEX
    sheet.append([*HEADINGS, *period_headings])
    for row in index_rows:
        sheet.append(row)
    for title, rows in (
        (layout.NUMERATORS, numerators),
        (layout.DENOMINATORS, denominators),
        (layout.STATUS, statuses),
    ):
        if rows is not None:
            extra = book.create_sheet(title)
            extra.append(["Reference", *period_headings])
            for row in rows:
                extra.append(row)
    if targets is not None:
        extra = book.create_sheet(layout.TARGETS)
        extra.append([column.heading for column in layout.TARGET_COLUMNS])
        for row in targets:
            extra.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/import-index/", {"workbook": SimpleUploadedFile("index.xlsx", data)})


@pytest.fixture
def charlie(client):
    admin = administrator()
    client.force_login(admin)
    return admin


def test_errors_in_every_column_are_all_listed_and_nothing_is_saved(client, charlie):
    bad = [
        "",
        "",
        "",
        "Furlongs",
        "seven",
        "Upwards",
        "Fortnightly",
        "Lunar",
        "Maybe",
        "x" * 201,
        "y" * 201,
        "z" * 2001,
        "Sometimes",
        "Perhaps",
        "wide",
        "not a date",
        "31/02/2020",
        "=SUM(A1:A2)",
        "lots",
    ]
    duplicate = ["2", *GOOD[1:], 80, 90]
    data = workbook(
        [[*GOOD, 80, 90, 70], duplicate, bad],
        numerators=[["2", 30, 200], ["99", 1, 1]],
        statuses=[["2", "Checked", "Validated"]],
        targets=[
            ["2", "2024", 85, 5],
            ["2", "2024/25", None, 5, 20, 10],
            ["2", "2025/26", 85, -1],
            ["2", "2026/27", 85, 5, None, None, "Miles", "Aspirational"],
            ["77", "2024/25", 1, 1],
        ],
        period_headings=("Q1 2024/25", "Q2 2024/25", "Sep 2024", "Week 3"),
    )
    page = upload(client, data)
    assert page.status_code == 400
    text = page.text
    expected = [
        "Index, cell A4: enter the reference",
        "Index, cell B4: enter the title",
        "Index, cell C4: enter the service area",
        "Index, cell D4: &#x27;Furlongs&#x27; is not a unit",
        "Index, cell E4: &#x27;seven&#x27; is not a decimals",
        "Index, cell F4: &#x27;Upwards&#x27; is not a polarity",
        "Index, cell G4: &#x27;Fortnightly&#x27; is not a frequency",
        "Index, cell H4: &#x27;Lunar&#x27; is not a year basis",
        "Index, cell I4: &#x27;Maybe&#x27; is not a restricted",
        "Index, cell J4:",
        "Index, cell K4:",
        "Index, cell L4:",
        "Index, cell M4: &#x27;Sometimes&#x27; is not a measure",
        "Index, cell N4: &#x27;Perhaps&#x27; is not a rated",
        "Index, cell O4: &#x27;wide&#x27; is not a no change band",
        "Index, cell P4: &#x27;not a date&#x27; is not a introduced",
        "Index, cell Q4: &#x27;31/02/2020&#x27; is not a retired",
        "Index, cell R4: holds a formula",
        "Index, cell S4: &#x27;lots&#x27; is not a number",
        "Index, cell U1: &#x27;Week 3&#x27; is not a period",
        "Index, cell A3: indicator 2 is also on row 2",
        "Index, cell T2: indicator 2 is quarterly, so it has no figure for &#x27;Sep 2024&#x27;",
        "Numerators, cell A3: indicator 99 is not on the &#x27;Index&#x27; sheet",
        "Status, cell B2: &#x27;Checked&#x27; is not a status",
        "Targets, cell B2: &#x27;2024&#x27; is not a reporting year",
        "Targets, cell E3: the range runs from 20 to 10",
        "Targets, cell D4: the tolerance cannot be negative",
        "Targets, cell G5: &#x27;Miles&#x27; is not a tolerance is",
        "Targets, cell H5: &#x27;Aspirational&#x27; is not a target kind",
        "Targets, cell A6: indicator 77 is not on the &#x27;Index&#x27; sheet",
        "Denominators, indicator 2, Q1 2024/25: give the numerator and the denominator, or neither",
    ]
    missing = [message for message in expected if message not in text]
    assert missing == []
    assert "nothing was saved" in text
    assert not Indicator.objects.exists()
    assert not ServiceArea.objects.exists()


def test_a_good_workbook_is_previewed_then_saved_on_confirmation(client, charlie):
    data = workbook(
        [[*GOOD, 80, 90]],
        numerators=[["2", 80, 90]],
        denominators=[["2", 100, 100]],
        statuses=[["2", "Validated", "Provisional"]],
        targets=[["2", "2024/25", 85, 10, None, None, "Per cent of the target", "Local"]],
    )
    preview = upload(client, data)
    assert preview.status_code == 200
    assert "New indicators" in preview.text
    assert not Indicator.objects.exists()  # nothing saved before the confirmation

    sha = client.session["index_import"]["sha256"]
    done = client.post("/import-index/confirm/", {"sha256": sha}, follow=True)
    assert "is imported: 1 new indicators" in done.text
    indicator = Indicator.objects.get(reference="2")
    assert [(o.value, o.status) for o in Outturn.objects.order_by("period__start")] == [
        (80, "validated"),
        (90, "provisional"),
    ]
    assert Target.objects.get(indicator=indicator).tolerance_kind == "percent"
    assert indicator.success_looks_like == "Every child assessed within 45 days"


def test_a_stale_confirmation_saves_nothing(client, charlie):
    upload(client, workbook([[*GOOD, 80, 90]]))
    page = client.post("/import-index/confirm/", {"sha256": "not-the-one-previewed"}, follow=True)
    assert "upload the workbook again" in page.text
    assert not Indicator.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client, charlie):
    page = upload(client, b"reference,title\n1,Contacts\n")
    assert page.status_code == 400
    assert "not an Excel workbook" in page.text


def test_the_template_downloads_with_the_layout_headings(client, charlie):
    from openpyxl import load_workbook

    response = client.get("/import-index/performance-index.xlsx")
    book = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in book[layout.INDEX][1]][: len(HEADINGS)] == HEADINGS
    assert response["Cache-Control"] == "private, no-store"


def test_officers_cannot_import_an_index(client):
    client.force_login(performance_officer())
    assert client.get("/import-index/").status_code == 403
    assert upload(client, workbook([[*GOOD, 80, 90]])).status_code == 403
