"""Figures by locality for a council figure members and the public already see: entering them is no
correction of an unchanged figure, and they stay out of sight (or as they were) until validated."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from breakdowns.models import PartFigure
from indicators.entry.validation import validate_figures
from indicators.models import Correction, Outturn
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.breakdowns.test_entry import FIGURES, Q2, check_then_save, form_data, url

pytestmark = pytest.mark.django_db
PUBLISHED = datetime(2019, 11, 6, tzinfo=UTC)
MOVED = [(18, 25), (20, 25), (21, 25), (22, 25)]  # North's and South's swapped: still 81 of 100


@pytest.fixture
def published(public_access):
    """Indicator 2 by locality: the council's Q2 figure, 81 of 100, validated and published."""
    indicator, members = breakdowns.assessments_by_locality()
    council = factories.outturn(
        indicator, Q2, numerator=81, denominator=100, value=81, first_published_at=PUBLISHED
    )
    return indicator, members, council


def with_parts(indicator, members, figures=FIGURES):
    for member, (numerator, denominator) in zip(members, figures, strict=True):
        breakdowns.part(indicator, Q2, member, numerator=numerator, denominator=denominator)


def part_rows(indicator) -> list[str]:
    csv = Client().get(f"/indicators/{indicator.reference}/by-part.csv").content.decode()
    return [line for line in csv.splitlines() if "Q2 2019/20" in line and ",Council," not in line]


def test_check_total_accepts_the_validated_status_the_form_opens_with(client, bob, published):
    indicator, members, council = published
    client.force_login(bob)
    opened = client.get(url(indicator, members))
    assert opened.context["form"]["status"].value() == "validated"
    checked = client.post(
        url(indicator, members),
        form_data(members, FIGURES, status="validated", total_version=council.version),
    )
    page = checked.content.decode()
    assert "enter the figure as provisional" not in page.lower()
    assert "give the reason" not in page
    assert "The council figure: 81 out of 100 (81%)" in page


def test_parts_typed_for_a_published_figure_stay_hidden_until_validated(client, bob, charlie, published):
    indicator, members, council = published
    client.force_login(bob)
    response = check_then_save(client, indicator, members, status="validated", total_version=council.version)
    assert response.status_code == 302
    assert not Correction.objects.exists()
    council.refresh_from_db()
    assert (council.numerator, council.denominator) == (81, 100)
    assert council.status == "provisional", "it awaits validation with its parts"
    assert (council.held_numerator, council.held_status) == (81, "validated")

    assert part_rows(indicator) == []
    assert 'data-reference="2"' not in Client().get("/localities/north/").content.decode()
    assert "81%" in Client().get("/indicators/2/").content.decode()
    assert "North" in client.get("/indicators/2/by-part.csv").content.decode(), "officers see them"

    validate_figures(user=charlie, versions={council.pk: council.version})
    assert len(part_rows(indicator)) == 4
    assert not PartFigure.objects.filter(held_since__isnull=False).exists()
    assert 'data-reference="2"' in Client().get("/localities/north/").content.decode()


def test_a_corrected_part_shows_as_published_until_validated(client, bob, charlie, published):
    indicator, members, council = published
    with_parts(indicator, members)
    versions = {member.name: 1 for member in members}
    client.force_login(bob)
    response = check_then_save(
        client,
        indicator,
        members,
        MOVED,
        status="validated",
        versions=versions,
        total_version=council.version,
        correction_reason="North's and South's cases were swapped.",
    )
    assert response.status_code == 302
    assert not Correction.objects.exists(), "the council's own figure did not change"
    [north] = [row for row in part_rows(indicator) if ",North," in row]
    assert ",80,20,25," in north
    council.refresh_from_db()
    validate_figures(user=charlie, versions={council.pk: council.version})
    [north] = [row for row in part_rows(indicator) if ",North," in row]
    assert ",72,18,25," in north


@pytest.mark.parametrize("status", ["validated", "provisional"])
def test_unchanged_locality_form_records_no_correction(client, bob, published, status):
    indicator, members, council = published
    with_parts(indicator, members)
    versions = {member.name: 1 for member in members}
    client.force_login(bob)
    response = check_then_save(
        client, indicator, members, status=status, versions=versions, total_version=council.version
    )
    assert response.status_code == 302
    assert not Correction.objects.exists()
    unchanged = Outturn.objects.get(pk=council.pk)
    assert (unchanged.status, unchanged.version, unchanged.is_held) == ("validated", council.version, False)
    assert set(PartFigure.objects.values_list("status", "version")) == {("validated", 1)}
    assert len(part_rows(indicator)) == 4
