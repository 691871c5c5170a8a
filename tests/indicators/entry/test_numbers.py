"""Figures typed in the form or uploaded in a spreadsheet are ASCII numbers or are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Outturn
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite
from tests.indicators.entry.test_upload import row, workbook

pytestmark = pytest.mark.django_db

ACCEPTED = (
    "Enter the value as a number with the digits 0 to 9, at most one decimal point and an optional minus sign"
)


@pytest.mark.parametrize("typed", ["３６５", "३६५", "3_66", "٧١"])
def test_form_refuses_digits_other_than_0_to_9(client, bob, typed):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": typed}}))
    assert response.status_code == 400
    assert f"Indicator 5: {ACCEPTED}" in response.text
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_form_accepts_a_signed_decimal(client, bob):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": "+118"}}))
    assert response.status_code == 302
    assert Outturn.objects.get(period__start=Q2.start).value == 118


def test_upload_refuses_an_arabic_indic_figure(client, bob):
    suite()
    client.force_login(bob)
    upload = SimpleUploadedFile("figures.xlsx", workbook([row("5", "٧١")]))
    response = client.post(Q2_URL + "upload/", {"file": upload})
    assert response.status_code == 400
    assert (
        "Row 2, column G (Value): &#x27;٧١&#x27; is not a number: enter a number with the digits 0 to 9"
        in (response.text)
    )
    assert not Outturn.objects.filter(period__start=Q2.start).exists()
