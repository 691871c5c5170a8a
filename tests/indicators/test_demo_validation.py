"""The demo council's figures are validated by its lead officer, except a handful of the latest
quarter's, which officers see marked and the public does not."""

from datetime import date

import pytest
from django.core.management import call_command

from demo.council import PROVISIONAL_REFS
from indicators.models import Outturn

pytestmark = pytest.mark.django_db
LATEST = date(2025, 9, 30)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_lead_officer_validated_every_demo_figure_but_a_handful_of_the_latest(demo):
    provisional = Outturn.objects.filter(status="provisional")
    assert {outturn.period.end for outturn in provisional} == {LATEST}
    assert set(provisional.values_list("indicator__reference", flat=True)) == set(PROVISIONAL_REFS)
    validated = Outturn.objects.filter(status="validated")
    assert set(validated.values_list("validated_by__username", flat=True)) == {"lead"}
    assert not validated.filter(validated_at__isnull=True).exists()


def test_the_public_index_opens_on_the_latest_quarter_without_its_provisional_figures(
    demo, client, public_access
):
    page = client.get("/").content.decode()
    assert "30 September 2025" in page
    assert "Provisional" not in page


def test_the_demo_lead_officer_has_the_handful_to_validate_or_to_ask_about(demo, client):
    client.force_login(Outturn.objects.filter(status="validated").first().validated_by)
    response = client.get("/entry/validate/")
    held_back = response.context["held_back"]
    assert response.content.decode().count('name="figure"') + held_back == len(PROVISIONAL_REFS)
