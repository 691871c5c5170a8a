"""A change to a figure members and the public see is provisional until validated, and until then they
keep seeing the figure as it was, marked as since corrected: on the index and its summary counts,
the indicator page and its chart, the exceptions and open data. Officers see the change at once."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client

from indicators.entry.validation import validate_figures
from indicators.models import Correction, Outturn
from indicators.services import correct_outturn
from tests import factories
from tests.indicators.entry.helpers import Q1, Q2, Q2_URL, form_data

pytestmark = pytest.mark.django_db
PUBLISHED = datetime(2019, 11, 6, tzinfo=UTC)
SINCE_CORRECTED = "Since corrected, pending validation"


@pytest.fixture
def plans(public_access):
    """Indicator 11, second child protection plans (higher is better here, to make the point): 23 of
    127 in Q2 2019/20, 18.1% against a target of 18%, validated and published to committee."""
    indicator = factories.indicator(reference="11", title="Plans for a second time", decimal_places=1)
    factories.target(indicator, 2019, value=18, tolerance=0.5)
    factories.outturn(indicator, Q1.start, numerator=22, denominator=120)
    factories.outturn(indicator, Q2.start, numerator=23, denominator=127, first_published_at=PUBLISHED)
    return indicator


def corrected_through_the_form(client, officer, indicator):
    """The officer corrects the numerator, 23 to 22 (17.3%, Red), with a reason and commentary."""
    client.force_login(officer)
    response = client.post(
        Q2_URL,
        form_data(
            Q2,
            officer,
            {
                indicator.reference: {
                    "numerator": 22,
                    "value": "",
                    "correction_reason": "One child was counted twice.",
                    "commentary": "A recount found a duplicate.",
                }
            },
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    client.logout()
    return Outturn.objects.get(indicator=indicator, period__start=Q2.start)


def row_of(page: str, reference: str) -> str:
    return page.split(f'data-reference="{reference}"', 1)[1].split("</tr>", 1)[0]


def test_corrected_figure_stays_published_until_validated(client, plans, bob, charlie):
    outturn = corrected_through_the_form(client, bob, plans)
    assert (outturn.numerator, outturn.status) == (22, "provisional")
    assert Correction.objects.get(outturn=outturn).new_value == outturn.value

    public = Client()
    index = public.get("/").content.decode()
    assert "18.1%" in row_of(index, "11")
    assert "17.3%" not in index
    assert SINCE_CORRECTED in row_of(index, "11")
    assert "Provisional" not in row_of(index, "11")

    page = public.get("/indicators/11/").content.decode()
    figures = page.split('id="figures"', 1)[1].split("</table>", 1)[0]
    assert "23 / 127" in figures
    assert "Validated, since corrected, pending validation" in figures
    assert "22 / 127" not in figures
    chart = page.split('id="trend-chart-data"', 1)[1].split("</script>", 1)[0]
    assert "18.11" in chart
    assert "17.32" not in chart
    corrections = page.split('id="corrections"', 1)[1].split("</ul>", 1)[0]
    assert "18.1% corrected, the corrected figure awaiting validation" in corrections
    assert "One child was counted twice." in corrections
    assert "17.3%" not in page

    csv = public.get("/open-data/performance-index.csv").content.decode()
    [q2] = [line for line in csv.splitlines() if line.startswith("11,") and "Q2 2019/20" in line]
    assert ",18.1,23,127,Percentage,validated," in q2
    rows = json.loads(public.get("/open-data/performance-index.json").content)["rows"]
    [row] = [row for row in rows if row["reference"] == "11" and row["period"] == "Q2 2019/20"]
    assert (row["value"], row["numerator"], row["status"], row["rating"]) == (
        "18.1",
        "23",
        "validated",
        "Green",
    )

    bob_client = Client()
    bob_client.force_login(bob)
    officers_index = bob_client.get("/").content.decode()
    assert "17.3%" in row_of(officers_index, "11")
    assert "Provisional" in row_of(officers_index, "11")

    validate_figures(user=charlie, versions={outturn.pk: outturn.version})
    index = public.get("/").content.decode()
    assert "17.3%" in row_of(index, "11")
    assert SINCE_CORRECTED not in index
    page = public.get("/indicators/11/").content.decode()
    assert "18.1% corrected to 17.3%" in page
    assert "awaiting validation" not in page


def rating_counts(page: str) -> str:
    return page.split('aria-label="Indicators by RAG rating"', 1)[1].split("</ul>", 1)[0]


def test_summary_counts_and_exceptions_keep_the_published_rating_until_the_correction_is_validated(
    client, plans, alice, bob
):
    corrected_through_the_form(client, bob, plans)
    client.force_login(alice)
    counts = rating_counts(client.get("/").content.decode())
    assert "<strong>1</strong> Green" in counts
    assert "<strong>0</strong> Red" in counts
    assert "Plans for a second time" not in client.get("/exceptions/").content.decode()
    client.force_login(bob)
    assert "<strong>1</strong> Red" in rating_counts(client.get("/").content.decode())
    assert "Plans for a second time" in client.get("/exceptions/").content.decode()


def test_a_changed_validated_figure_keeps_the_index_on_its_quarter_until_validated(client, alice, bob):
    """Indicator 2's validated Q2 figure (never published) changes to 389 of 450: members keep the
    validated figure, and the index stays as at the end of Q2, not back on Q1."""
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=85, tolerance=5)
    factories.outturn(indicator, Q1.start, numerator=380, denominator=450)
    factories.outturn(indicator, Q2.start, numerator=420, denominator=450)
    client.force_login(bob)
    response = client.post(
        Q2_URL, form_data(Q2, bob, {"2": {"numerator": 389, "value": "", "commentary": "Recounted."}})
    )
    assert response.status_code == 302
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "as at 30 September 2019" in page
    assert "93%" in row_of(page, "2")
    assert "86%" not in page


def test_members_allowed_provisional_figures_see_the_correction_marked_provisional(
    client, plans, alice, bob, settings
):
    settings.MEMBERS_SEE_PROVISIONAL = True
    corrected_through_the_form(client, bob, plans)
    client.force_login(alice)
    row = row_of(client.get("/").content.decode(), "11")
    assert "17.3%" in row
    assert "Provisional" in row


def test_a_second_change_before_validation_keeps_the_published_figure(client, plans, bob):
    outturn = corrected_through_the_form(client, bob, plans)
    correct_outturn(
        outturn=outturn,
        value=None,
        numerator=Decimal(21),
        denominator=Decimal(127),
        status="provisional",
        reason="Again",
        user=bob,
    )
    outturn.refresh_from_db()
    assert (outturn.held_numerator, outturn.held_status) == (23, "validated")
    assert "18.1%" in row_of(Client().get("/").content.decode(), "11")


def test_a_report_published_with_the_correction_shows_it_to_members(client, plans, alice, bob):
    from reports.services import publish_meeting
    from tests.reports import factories as reports

    outturn = corrected_through_the_form(client, bob, plans)
    meeting = reports.meeting(reports.committee([plans]), as_at=Q2.end)
    publish_meeting(meeting=meeting, user=bob, reason="Published with the correction pending.")
    outturn.refresh_from_db()
    assert not outturn.is_held
    client.force_login(alice)
    row = row_of(client.get("/").content.decode(), "11")
    assert "17.3%" in row
    assert "Provisional" in row
