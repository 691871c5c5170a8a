"""Factories for committees and meetings, on top of the suite's factories in tests/factories.py."""

from datetime import date

from django.urls import reverse

from reports.models import Committee, Decision, Meeting
from tests import factories


def committee(indicators=(), **fields) -> Committee:
    fields.setdefault("name", "Children and Young People Overview and Scrutiny Panel")
    fields.setdefault("exceptions_amber", True)
    made = Committee.objects.create(**fields)
    made.indicators.set(indicators)
    return made


def meeting(committee: Committee, day: date = date(2019, 11, 6), as_at: date = date(2019, 9, 30)) -> Meeting:
    return Meeting.objects.create(
        committee=committee,
        date=day,
        as_at=as_at,
        lead_officer_name="A. Lead",
        lead_officer_role="Director of Children's Services",
        recommendations="Note the performance report.",
    )


def decision(meeting: Meeting, effect: str, taken_out=(), brought_in=(), **fields) -> Decision:
    fields.setdefault("status", "agreed")
    fields.setdefault("text", f"To {effect} indicators.")
    made = Decision.objects.create(meeting=meeting, effect=effect, **fields)
    made.indicators.set(taken_out)
    made.new_indicators.set(brought_in)
    return made


def quarterly_indicator(title: str, figures: dict[date, float], *, target=80, tolerance=5, **fields):
    """An indicator with a target for 2019/20 and 2020/21 and a figure for each quarter given."""
    indicator = factories.indicator(title=title, **fields)
    for year in (2019, 2020):
        factories.target(indicator, year, value=target, tolerance=tolerance)
    for day, value in figures.items():
        factories.outturn(indicator, day, value)
    return indicator


def publish_through_the_checklist(client, meeting: Meeting, reason: str = ""):
    """An officer's way to publish: draw the checklist, give a reason, confirm. The last response."""
    url = reverse("reports:publish", args=[meeting.pk])
    drawn = client.get(url).context["checklist"].fingerprint
    client.post(url, {"drawn": drawn, "reason": reason})
    return client.post(url, {"drawn": drawn, "reason": reason, "confirm": "on"}, follow=True)
