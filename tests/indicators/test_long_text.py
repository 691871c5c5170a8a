"""Text far longer than any reference, status or search is refused without being echoed back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Outturn
from tests.indicators.entry.helpers import Q2, Q2_URL, suite
from tests.indicators.entry.test_upload import row, workbook

pytestmark = pytest.mark.django_db
LONG = "7" * 10_000
WORDS = "x" * 10_000


def upload(client, rows):
    return client.post(Q2_URL + "upload/", {"file": SimpleUploadedFile("figures.xlsx", workbook(rows))})


def test_a_ten_thousand_character_reference_is_refused_and_not_echoed(client, bob):
    suite()
    client.force_login(bob)
    response = upload(client, [row(LONG, 130)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 2, column B (Reference): is 10,000 characters long; a reference has at most 20" in page
    assert "7" * 100 not in page
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_long_text_in_a_figure_period_or_status_cell_is_described_not_echoed(client, bob):
    suite()
    client.force_login(bob)
    response = upload(client, [row("5", WORDS, period=WORDS, status=WORDS)])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 2, column G (Value): a text of 10,000 characters is not a number" in page
    assert "Row 2, column A (Period): is a text of 10,000 characters, not Q2 2019/20" in page
    assert "Row 2, column J (Status): a text of 10,000 characters is not a status in the list" in page
    assert "x" * 100 not in page


def test_a_search_too_long_is_refused_and_not_typed_back_into_the_index(client, alice):
    suite()
    client.force_login(alice)
    response = client.get("/", {"q": WORDS, "service_area": ""}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [("/?service_area=", 302)]
    assert "Search for a title, reference or words of at most 100 characters" in page
    assert "x" * 100 not in page
    assert "Single assessments within 45 days" in page  # no filter was applied


def test_a_search_too_long_is_not_echoed_in_the_open_data_file(client, alice):
    suite()
    client.force_login(alice)
    response = client.get("/open-data/performance-index.json", {"q": WORDS})
    assert response.status_code == 200
    assert response.json()["metadata"]["filters"] == {}
    assert "x" * 100 not in response.content.decode()
