"""Officers see each figure's history on the indicator page; members see the corrections only."""

from datetime import UTC, datetime

import pytest

from indicators.models import Outturn
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite

pytestmark = pytest.mark.django_db


def trail_of(page: str) -> str:
    return page.split('id="figure-history"', 1)[1].split("</table>", 1)[0]


@pytest.fixture
def corrected(client, bob):
    """Referrals for Q2 2019/20 entered through the form, published, then corrected with a reason."""
    indicators = suite()
    client.force_login(bob)
    client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 118, "source": "Mosaic report 12"}}))
    Outturn.objects.filter(period__start=Q2.start).update(
        first_published_at=datetime(2019, 11, 6, tzinfo=UTC)
    )
    client.post(
        Q2_URL,
        form_data(Q2, bob, {"5": {"value": 121, "correction_reason": "Three referrals were logged late."}}),
    )
    return indicators["5"]


def test_officer_sees_each_version_with_who_when_source_and_the_correction_reason(client, bob, corrected):
    trail = trail_of(client.get(corrected.get_absolute_url()).content.decode())
    rows = trail.split('<tr class="govuk-table__row">')[2:]
    assert len(rows) == 3  # Q2 corrected, Q2 entered, Q1 from the suite
    corrected_row, entered_row, suite_row = rows
    for text in ("Q2 2019/20", "121", "Correction", "Three referrals were logged late."):
        assert text in corrected_row
    for text in ("Q2 2019/20", "118", "Provisional", "Bob", "Mosaic report 12", "Period entry form"):
        assert text in entered_row
    assert "Correction" not in entered_row
    assert "Q1 2019/20" in suite_row


def test_member_sees_the_correction_but_not_the_history(client, alice, corrected):
    client.force_login(alice)
    page = client.get(corrected.get_absolute_url()).content.decode()
    assert 'id="figure-history"' not in page
    assert "Three referrals were logged late." in page
    assert "Period entry form" not in page
