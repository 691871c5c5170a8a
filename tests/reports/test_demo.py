from datetime import date

import pytest

from demo.committee import build_demo_committee
from demo.council import build_demo_council
from indicators.reader import Reader
from reports.models import Committee, Meeting
from reports.selectors import report_for

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_committee_has_two_published_reports_a_draft_and_the_decisions_of_november_2019(bob):
    build_demo_council()
    counts = build_demo_committee()
    assert counts["suite"] == 39
    panel = Committee.objects.get()
    references = set(panel.indicators.values_list("reference", flat=True))
    assert {"40", "23a", "23b"} <= references
    assert not references & {"7", "15", "23"}

    first, second, draft = Meeting.objects.order_by("date")
    assert (first.is_published, second.is_published, draft.is_published) == (True, True, False)
    assert first.entries.count() == 39
    november_2019 = report_for(first, reader=Reader.for_user(bob))
    assert len(november_2019.corrections) == 5
    caveats = {line.reference: line.caveat for line in november_2019.caveats}
    assert "Cafcass" in caveats["16"]
    assert "8" in caveats
    assert first.decisions.count() == 2
    assert second.as_at == date(2020, 9, 30)
    assert "8" in {line.reference for line in report_for(second, reader=Reader.for_user(bob)).caveats}


MEMBERS = {
    "Locality": ["North", "South", "East", "West"],
    "Team": ["North A", "North B", "South A", "South B", "East A", "East B", "West A", "West B"],
}


def test_demo_reports_include_indicators_by_locality_whose_parts_add_up(bob):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    for meeting in Meeting.objects.filter(status="published"):
        report = report_for(meeting, reader=Reader.for_user(bob))
        assert {(breakdown.reference, breakdown.dimension) for breakdown in report.breakdowns} == {
            ("4", "Locality"),
            ("4", "Team"),
            ("5", "Locality"),
            ("22", "Locality"),
        }
        for breakdown in report.breakdowns:
            assert [part.name for part in breakdown.parts] == MEMBERS[breakdown.dimension]
            total = breakdown.total
            if total.numerator is not None:
                assert sum(part.numerator for part in breakdown.parts) == total.numerator
            else:
                assert sum(part.value for part in breakdown.parts) == total.value
