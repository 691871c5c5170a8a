"""Publishing a report: the checklist first, a reason where items are outstanding, a confirmation of
what will be frozen, and the sign-off recorded with the report."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.reader import Reader
from reports.checklist import Outstanding
from reports.models import Meeting
from reports.pack import pack_data_for
from reports.selectors import publish_checklist, report_for
from reports.services import ReportError, StaleChecklistError, publish_meeting, save_commentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def assessments():
    """Single assessments: 71% in Q2 against 85%, rated Red, so an exception."""
    return reports.quarterly_indicator(
        "Single assessments within 45 days", {Q1: 86, Q2: 71}, target=85, tolerance=10, reference="2"
    )


@pytest.fixture
def carers():
    """Foster carers: on target, but its Q2 figure is still provisional."""
    indicator = reports.quarterly_indicator("Foster carers approved", {Q1: 90}, reference="8")
    factories.outturn(indicator, Q2, 92, status="provisional")
    return indicator


@pytest.fixture
def proceedings():
    """Care proceedings: Cafcass did not supply Q2 in time, and nobody has said so yet."""
    indicator = reports.quarterly_indicator("Care proceedings in weeks", {Q1: 80}, reference="16")
    factories.outturn(indicator, Q2, None, status="not_available")
    return indicator


@pytest.fixture
def draft(assessments, carers, proceedings):
    return reports.meeting(reports.committee([assessments, carers, proceedings]))


def kinds(checklist) -> set[tuple[str, str]]:
    return {(item.kind, item.reference) for item in checklist.items}


def explain(meeting, indicator, user, **words):
    fields = {"commentary": "", "actions": "", "caveat": "", **words}
    return save_commentary(meeting=meeting, indicator=indicator, user=user, **fields)


def test_the_checklist_lists_what_is_not_ready(draft):
    assert kinds(publish_checklist(draft)) == {
        (Outstanding.PROVISIONAL, "8"),
        (Outstanding.NO_COMMENTARY, "2"),
        (Outstanding.NO_ACTIONS, "2"),
        (Outstanding.NO_OWNER, "2"),
        (Outstanding.NO_CAVEAT, "16"),
    }
    [provisional] = [item for item in publish_checklist(draft).items if item.kind == Outstanding.PROVISIONAL]
    assert provisional.text == "8: Foster carers approved, Q2 2019/20"


def test_the_checklist_clears_as_the_report_is_prepared(draft, assessments, carers, proceedings, bob):
    explain(draft, assessments, bob, commentary="Counting from contact.", actions="Weekly audits.", owner=bob)
    explain(draft, proceedings, bob, caveat="Not supplied by Cafcass in time.")
    carers.outturns.update(status="validated")
    checklist = publish_checklist(draft)
    assert checklist.is_clear
    assert checklist.frozen.exceptions == ["2: Single assessments within 45 days"]


def test_a_figures_own_note_is_a_caveat(bob):
    indicator = reports.quarterly_indicator("Care proceedings in weeks", {Q1: 80})
    factories.outturn(indicator, Q2, None, status="unreliable", commentary="Mosaic upgrade in August.")
    assert publish_checklist(reports.meeting(reports.committee([indicator]))).is_clear


def test_an_indicator_without_a_figure_for_the_period_needs_a_caveat(bob):
    indicator = factories.indicator(title="New measure")
    factories.target(indicator, 2019, value=80)
    meeting = reports.meeting(reports.committee([indicator]))
    assert kinds(publish_checklist(meeting)) == {(Outstanding.NO_CAVEAT, indicator.reference)}
    explain(meeting, indicator, bob, caveat="First collected in Q3.")
    assert publish_checklist(meeting).is_clear


def test_checklist_page_lists_the_items_with_links_to_deal_with_them(client, bob, draft):
    client.force_login(bob)
    response = client.get(reverse("reports:publish", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "5 items are outstanding" in page
    assert "Figures not validated (1)" in page
    assert "8: Foster carers approved, Q2 2019/20" in page
    assert "Exceptions without a responsible officer (1)" in page
    assert reverse("reports:commentary", args=[draft.pk, "2"]) in page
    assert "Figures that cannot be reported, with no caveat saying why (1)" in page


def test_publishing_with_items_outstanding_is_refused_without_a_reason(client, bob, draft):
    client.force_login(bob)
    url = reverse("reports:publish", args=[draft.pk])
    drawn = client.get(url).context["checklist"].fingerprint
    for data in ({"drawn": drawn, "reason": "  "}, {"drawn": drawn, "reason": "", "confirm": "on"}):
        page = client.post(url, data).content.decode()
        assert "Give your reason to publish with 5 items outstanding" in page
    draft.refresh_from_db()
    assert not draft.is_published
    assert not draft.entries.exists()


def test_the_confirmation_names_what_will_be_frozen_and_publishes_nothing_yet(client, bob, draft):
    client.force_login(bob)
    url = reverse("reports:publish", args=[draft.pk])
    drawn = client.get(url).context["checklist"].fingerprint
    response = client.post(url, {"drawn": drawn, "reason": "The panel meets tomorrow; Cafcass are late."})
    page = response.content.decode()
    assert "Publish and sign off the report for 6 November 2019" in page
    frozen = page.split('id="frozen"')[1].split("</dl>")[0]
    for words in (
        "Children and Young People Overview and Scrutiny Panel, Wednesday 6 November 2019",
        "Data as at 30 September 2019",
        "Q2 2019/20: 3 indicators",
        "2: Single assessments within 45 days",
        "5 items. Your reason: The panel meets tomorrow; Cafcass are late.",
    ):
        assert words in frozen
    assert '<dd class="govuk-summary-list__value">3</dd>' in frozen
    draft.refresh_from_db()
    assert not draft.is_published


def test_confirmed_the_report_records_who_signed_it_off_when_and_what_was_outstanding(client, bob, draft):
    client.force_login(bob)
    page = reports.publish_through_the_checklist(client, draft, reason="The panel meets tomorrow.")
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_by == bob
    assert draft.publish_reason == "The panel meets tomorrow."
    assert [(item["kind"], item["reference"]) for item in draft.outstanding_at_publication] == [
        ("no_commentary", "2"),
        ("no_actions", "2"),
        ("no_owner", "2"),
        ("provisional", "8"),
        ("no_caveat", "16"),
    ]
    text = page.content.decode()
    assert "published and signed off" in text
    assert "signed off by Bob" in text
    assert "5 checklist items were outstanding" in text
    assert "The reason given for publishing: The panel meets tomorrow." in text


def test_a_clear_checklist_publishes_without_a_reason(client, bob, assessments):
    meeting = reports.meeting(reports.committee([assessments]))
    explain(meeting, assessments, bob, commentary="Counting from contact.", actions="Audits.", owner=bob)
    client.force_login(bob)
    page = reports.publish_through_the_checklist(client, meeting).content.decode()
    meeting.refresh_from_db()
    assert meeting.is_published
    assert (meeting.publish_reason, meeting.outstanding_at_publication) == ("", [])
    assert "Nothing on its checklist was outstanding when it was signed off." in page


def test_a_checklist_that_changed_since_it_was_drawn_is_not_published(client, bob, draft, assessments):
    client.force_login(bob)
    url = reverse("reports:publish", args=[draft.pk])
    drawn = client.get(url).context["checklist"].fingerprint
    client.post(url, {"drawn": drawn, "reason": "Late figures."})
    explain(draft, assessments, bob, commentary="Written meanwhile.")
    response = client.post(url, {"drawn": drawn, "reason": "Late figures.", "confirm": "on"})
    assert response.status_code == 409
    assert "The checklist changed after you opened it" in response.content.decode()
    assert response.context["checklist"].fingerprint != drawn
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_a_report_someone_else_published_meanwhile_says_so(client, bob, draft):
    client.force_login(bob)
    url = reverse("reports:publish", args=[draft.pk])
    drawn = client.get(url).context["checklist"].fingerprint
    publish_meeting(meeting=draft, user=factories.performance_officer("dana"), reason="Mine first.")
    response = client.post(url, {"drawn": drawn, "reason": "Late.", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert "was already published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.publish_reason == "Mine first."
    assert draft.entries.count() == 3


def test_the_service_refuses_a_stale_checklist_and_a_missing_reason(draft, assessments, bob):
    drawn = publish_checklist(draft).fingerprint
    with pytest.raises(ReportError, match="5 items on the checklist are outstanding"):
        publish_meeting(meeting=draft, user=bob, drawn=drawn)
    explain(draft, assessments, bob, commentary="Counting from contact.")
    with pytest.raises(StaleChecklistError):
        publish_meeting(meeting=draft, user=bob, drawn=drawn, reason="Late.")
    assert not Meeting.objects.get(pk=draft.pk).is_published


def test_member_may_not_publish_through_the_confirmation(client, alice, draft):
    client.force_login(alice)
    url = reverse("reports:publish", args=[draft.pk])
    assert client.post(url, {"drawn": "x", "reason": "Mine.", "confirm": "on"}).status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_publisher_who_may_not_see_restricted_indicators_is_not_told_their_names(client, assessments):
    secret = reports.quarterly_indicator(
        "Children missing from care", {Q1: 8}, target=10, polarity="lower", unit="count", is_restricted=True
    )
    factories.outturn(secret, Q2, 5, status="provisional")
    meeting = reports.meeting(reports.committee([assessments, secret]))
    clerk = factories.make_user("erin")
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["publish_meeting", "prepare_meeting"]))
    client.force_login(clerk)
    page = client.get(reverse("reports:publish", args=[meeting.pk])).content.decode()
    assert "Figures not validated (1)" in page
    assert "A restricted (Part 2) indicator" in page
    assert "Children missing from care" not in page


def test_members_see_the_sign_off_but_not_items_about_restricted_indicators(client, alice, bob, assessments):
    secret = reports.quarterly_indicator(
        "Children missing from care", {Q1: 8}, target=10, polarity="lower", unit="count", is_restricted=True
    )
    factories.outturn(secret, Q2, 5, status="provisional")
    meeting = reports.meeting(reports.committee([assessments, secret]))
    publish_meeting(meeting=meeting, user=bob, reason="Urgent.", drawn=publish_checklist(meeting).fingerprint)
    client.force_login(alice)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "4 checklist items were outstanding" in page
    assert "1 about restricted (Part 2) indicators" in page
    assert "Children missing from care" not in page


def test_the_pack_cover_names_the_sign_off(bob, draft):
    publish_meeting(meeting=draft, user=bob, reason="Urgent.", drawn=publish_checklist(draft).fingerprint)
    draft = Meeting.objects.select_related("committee", "published_by").get(pk=draft.pk)
    data = pack_data_for(draft, report=report_for(draft, reader=Reader.for_user(bob)), decisions=[])
    assert data.sign_off.startswith("Signed off by Bob on ")
    assert data.sign_off.endswith("5 checklist items outstanding. The reason given: Urgent.")


def test_the_checklist_takes_the_same_queries_however_large_the_suite(bob):
    def queries_for(size: int) -> int:
        indicators = [
            reports.quarterly_indicator(f"Measure {n} of {size}", {Q1: 70, Q2: 60}) for n in range(size)
        ]
        meeting = reports.meeting(reports.committee(indicators, name=f"Panel of {size}"))
        for indicator in indicators:
            explain(meeting, indicator, bob, commentary="Why.", owner=bob)
        with CaptureQueriesContext(connection) as queries:
            assert len(publish_checklist(meeting).items) == size
        return len(queries)

    assert queries_for(2) == queries_for(8)
