"""The upload's preview shows, for each figure it changes, the previous figure, the target with its
tolerance and the rating the figure will get, with a Red's need of commentary before validation."""

import re

import pytest

from indicators.models import Outturn
from tests.indicators.entry.helpers import Q2, suite
from tests.indicators.entry.test_upload import row, upload, workbook

pytestmark = pytest.mark.django_db


def preview_row(page: str, reference: str) -> str:
    """The words of the preview's row for an indicator, tags stripped."""
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    words = [" ".join(re.sub(r"<[^>]+>", " ", cells).split()) for cells in rows]
    return next(line for line in words if line.startswith(f"{reference} "))


def test_the_preview_shows_the_previous_figure_target_and_rating_of_each_change(client, bob):
    suite()
    client.force_login(bob)
    response = upload(client, workbook([row("2", 79), row("12", 27, commentary="Two complex cases.")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert ">Q1 2019/20</th>" in page
    assert preview_row(page, "2") == (
        "2 Single assessments within 45 days Target 85% or more; off target by less than"
        " 5 percentage points: Amber; by 5 percentage points or more: Red"
        " 80% (validated) No figure 79% (provisional)"
        " Red Red figures need commentary before they can be validated."
    )
    assert preview_row(page, "12").endswith(
        "27 weeks (validated) No figure 27 weeks (provisional) Amber Two complex cases."
    )
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_a_contextual_figure_is_previewed_as_not_rated(client, bob):
    suite()
    client.force_login(bob)
    page = upload(client, workbook([row("5", 130)])).content.decode()
    assert preview_row(page, "5") == (
        "5 Referrals A contextual measure: not rated against a target"
        " 120 (validated) No figure 130 (provisional) Not rated"
    )
