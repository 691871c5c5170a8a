"""A team inside a locality cannot be worked out from its locality less the team beside it.

The finding: contacts (a count) by locality and by team, North A and North B inside North. North
B's 3 was withheld, and South A with it, but North 544 and North A 541 were shown, so North B = 3.
Now North A is withheld beside it, in the indicator's file, on the locality pages and in a
published report's file.
"""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from breakdowns.models import Member
from reports.services import publish_meeting
from tests import factories
from tests.breakdowns import factories as parts
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db
Q2 = date(2019, 7, 1)
FIGURES = {"North": 544, "South": 544, "North A": 541, "North B": 3, "South A": 300, "South B": 244}


@pytest.fixture
def contacts():
    indicator = reports.quarterly_indicator(
        "Contacts", {}, unit="count", polarity="none", is_target_measure=False
    )
    factories.outturn(indicator, Q2, 1088)
    localities = parts.localities(names=("North", "South"))
    teams = parts.localities(names=("North A", "North B", "South A", "South B"), dimension="Team")
    for team in teams:
        team.parent = next(locality for locality in localities if team.name.startswith(locality.name))
        team.save()
    chosen = [parts.reported_by(indicator, localities), parts.reported_by(indicator, teams)]
    for member in [*localities, *teams]:
        parts.part(indicator, Q2, member, FIGURES[member.name])
    return indicator, chosen


def shown(text: str, part_column: str, value_column: str) -> dict[str, str]:
    return {row[part_column]: row[value_column] for row in csv.DictReader(io.StringIO(text))}


def test_a_team_is_withheld_with_the_team_beside_it_in_its_locality(client, alice, contacts):
    indicator, _ = contacts
    client.force_login(alice)
    rows = shown(
        client.get(f"/indicators/{indicator.reference}/by-part.csv").content.decode(), "part", "value"
    )
    assert rows["North B"] == "c"
    assert rows["North A"] == "c"  # North less North A would give North B away
    assert (rows["North"], rows["South A"], rows["South B"]) == ("544", "300", "244")


def test_the_locality_page_withholds_the_team_beside_a_small_one(client, alice, contacts):
    client.force_login(alice)
    page = client.get(Member.objects.get(name="North A").get_absolute_url(), {"as_at": "2019-09-30"})
    [line] = page.context["lines"]
    assert line.line.withheld
    assert line.line.value is None


def test_an_officer_sees_every_team_marked_as_withheld_from_members(client, bob, contacts):
    indicator, _ = contacts
    client.force_login(bob)
    rows = shown(
        client.get(f"/indicators/{indicator.reference}/by-part.csv").content.decode(), "part", "value"
    )
    assert (rows["North A"], rows["North B"]) == ("541", "3")


def test_a_published_reports_file_withholds_the_team_beside_a_small_one(client, alice, contacts):
    indicator, chosen = contacts
    meeting = reports.meeting(reports.committee([indicator]))
    meeting.breakdowns.set(chosen)
    publish_meeting(meeting=meeting, user=None)
    client.force_login(alice)
    text = client.get(reverse("reports:report_parts_csv", args=[meeting.pk])).content.decode()
    rows = shown(text, "part", "value")
    assert (rows["North A"], rows["North B"]) == ("c", "c")
    assert rows["North"] == "544"
