"""Administrators define localities and what each reports; parts are read-only in administration."""

from datetime import date

import pytest

from breakdowns.models import Breakdown, Dimension, Member
from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_locality_and_says_what_it_reports(client, charlie):
    indicator = factories.indicator(reference="2")
    client.force_login(charlie)
    response = client.post(
        "/admin/breakdowns/dimension/add/",
        {
            "name": "Locality",
            "plural": "Localities",
            "order": 0,
            "members-TOTAL_FORMS": 1,
            "members-INITIAL_FORMS": 0,
            "members-0-name": "West",
            "members-0-slug": "west",
            "members-0-starts": "2023-04-01",
            "members-0-order": 0,
            "breakdowns-TOTAL_FORMS": 1,
            "breakdowns-INITIAL_FORMS": 0,
            "breakdowns-0-indicator": indicator.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Member.objects.get().dimension == Dimension.objects.get(name="Locality")
    assert Breakdown.objects.get().indicator == indicator


def test_parts_are_read_only_in_administration(client, charlie):
    indicator = factories.indicator(reference="2", unit="count")
    members = breakdowns.localities()
    part = breakdowns.part(indicator, date(2019, 7, 1), members[0], 3)
    client.force_login(charlie)
    assert client.get("/admin/breakdowns/partfigure/").status_code == 200
    change = client.get(f"/admin/breakdowns/partfigure/{part.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.post(f"/admin/breakdowns/partfigure/{part.pk}/delete/", {"post": "yes"}).status_code == 403


def test_members_and_officers_may_not_define_breakdowns(client, alice, bob):
    for persona in (alice, bob):
        client.force_login(persona)
        assert client.get("/admin/breakdowns/dimension/").status_code == 302
