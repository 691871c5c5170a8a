"""No browser or proxy keeps what a signed-in reader was sent: every answer to them, pages and
downloads alike, says `Cache-Control: private, no-store`; public pages keep their caching."""

import re
from datetime import date

import pytest
from django.urls import reverse

from reports.models import Meeting
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.reports import factories as reports
from tests.test_view_access import portal_views

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"
Q2 = date(2019, 7, 1)


@pytest.fixture
def council():
    """Indicator 22, a count reported by locality with a small part, in a meeting's report."""
    indicator = factories.indicator(reference="22", title="In-house foster carers recruited", unit="count")
    factories.target(indicator, 2019, value=8, tolerance=2)
    members = breakdowns.localities()
    breakdown = breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, 47, status="validated")
    for member, value in zip(members, (12, 3, 10, 22), strict=True):
        breakdowns.part(indicator, Q2, member, value)
    meeting = reports.meeting(reports.committee([indicator]))
    return {
        "reference": indicator.reference,
        "pk": meeting.pk,
        "key": f"quarter-financial-{Q2.isoformat()}",
        "slug": members[0].slug,
        "dimension": breakdown.dimension_id,
        "uidb64": "MQ",
        "token": "set-password",
        "table": "exceptions",
    }


def addresses(arguments: dict) -> list[str]:
    """Every portal page's address, its parameters filled in with the council's."""
    found = []
    for route, _, _ in portal_views():
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(arguments[match.group(1)]), route)
        found.append("/" + path)
    return found


def test_every_answer_to_a_signed_in_reader_is_kept_private(client, bob, council):
    client.force_login(bob)
    kept = {address: client.get(address).get("Cache-Control") for address in addresses(council)}
    assert {address: header for address, header in kept.items() if header != PRIVATE} == {}


def test_restricted_workbooks_packs_and_files_are_kept_private(client, bob, council):
    client.force_login(bob)
    meeting = Meeting.objects.get(pk=council["pk"])
    downloads = [
        reverse("reports:appendix", args=[meeting.pk]),
        reverse("reports:pack", args=[meeting.pk]),
        reverse("breakdowns:indicator_csv", args=["22"]),
        reverse("indicators:index_csv"),
        reverse("indicators:index_json"),
    ]
    for address in downloads:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "restricted" in response.get("Content-Disposition", "restricted"), address
        assert response["Cache-Control"] == PRIVATE, address


def test_public_pages_keep_their_caching(client, public_access, council):
    for address in ("/", "/indicators/22/", "/open-data/", reverse("indicators:index_csv")):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "no-store" not in response.get("Cache-Control", ""), address
