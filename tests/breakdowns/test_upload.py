"""An officer downloads a quarter's spreadsheet by locality, fills it in and uploads it: the figures
come into the entry form with the total worked out to check; a bad file is refused with reasons."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from breakdowns.models import PartFigure
from tests.breakdowns import factories as breakdowns
from tests.breakdowns.test_entry import Q2, url

pytestmark = pytest.mark.django_db


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled(client, indicator, members, figures) -> bytes:
    response = client.get(url(indicator, members) + "figures.xlsx")
    assert response["Content-Type"] == XLSX
    name = f"figures-{indicator.reference}-by-locality-quarter-financial-2019-07-01.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Figures by part"]
    assert [cell.value for cell in sheet[1]] == ["Locality", "Numerator", "Denominator", "Version"]
    for row, (numerator, denominator) in zip(sheet.iter_rows(min_row=2), figures, strict=True):
        row[1].value, row[2].value = numerator, denominator
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, indicator, members, content: bytes):
    file = SimpleUploadedFile("figures.xlsx", content, content_type=XLSX)
    return client.post(url(indicator, members) + "upload/", {"file": file})


def test_an_uploaded_spreadsheet_fills_the_form_and_shows_the_total_before_saving(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    content = filled(client, indicator, members, [(20, 25), (18, 25), (21, 25), (22, 25)])
    response = upload(client, indicator, members, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The council figure: 81 out of 100 (81%)" in page
    assert not PartFigure.objects.exists()
    signature = response.context["signature"]
    data = dict(response.context["form"].data.items())
    saved = client.post(url(indicator, members), {**data, "action": "save", "checked": signature})
    assert saved.status_code == 302
    assert PartFigure.objects.filter(period__start=Q2).count() == 4


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "The selected file is empty"),
        (b"not a workbook", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(client, bob, assessments, content, problem):
    indicator, members = assessments
    client.force_login(bob)
    response = upload(client, indicator, members, content)
    assert response.status_code == 400
    assert problem in response.content.decode()


def test_a_spreadsheet_missing_a_locality_or_with_a_bad_figure_names_each_problem(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    content = filled(client, indicator, members, [(20, 25), ("twenty", 25), (21, 25), (22, 25)])
    workbook = load_workbook(BytesIO(content))
    workbook["Figures by part"]["A5"] = "Westminster"
    out = BytesIO()
    workbook.save(out)
    page = upload(client, indicator, members, out.getvalue()).content.decode()
    assert "Row 3, numerator: &#x27;twenty&#x27; is not a number" in page
    assert "Row 5: &#x27;Westminster&#x27; is not a locality in use in this period" in page
    assert "West is missing: the spreadsheet needs a row for it" in page
    assert not PartFigure.objects.exists()


def test_a_figure_saved_after_the_spreadsheet_was_downloaded_is_a_conflict(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    content = filled(client, indicator, members, [(20, 25), (18, 25), (21, 25), (22, 25)])
    breakdowns.part(indicator, Q2, members[0], numerator=19, denominator=25)
    response = upload(client, indicator, members, content)
    data = dict(response.context["form"].data.items())
    saved = client.post(
        url(indicator, members), {**data, "action": "save", "checked": response.context["signature"]}
    )
    assert saved.status_code == 409
    assert PartFigure.objects.get().numerator == 19


def test_members_may_not_download_or_upload(client, alice, assessments):
    indicator, members = assessments
    client.force_login(alice)
    assert client.get(url(indicator, members) + "figures.xlsx").status_code == 403
    assert client.post(url(indicator, members) + "upload/").status_code == 403
