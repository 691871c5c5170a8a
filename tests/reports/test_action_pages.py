"""Recording the actions the committee agrees, changing them, and the owner's update."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import Action
from reports.services import record_action
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return reports.quarterly_indicator("Single assessments within 45 days", {date(2019, 7, 1): 71}, target=85)


@pytest.fixture
def meeting(indicator):
    return reports.meeting(reports.committee([indicator]))


@pytest.fixture
def action(meeting, indicator, bob):
    return record_action(
        meeting=meeting, indicator=indicator, text="Audit late cases.", owner=bob, due=date(2026, 3, 31)
    )


def _record_url(meeting, indicator):
    return reverse("reports:meeting_actions", args=[meeting.pk, indicator.reference])


def test_an_officer_records_an_action_with_its_owner_and_due_date(client, bob, meeting, indicator):
    client.force_login(bob)
    response = client.post(
        _record_url(meeting, indicator),
        {"text": "Recruit two social workers.", "owner": bob.pk, "due": "2026-03-31"},
        follow=True,
    )
    assert f"Action on indicator {indicator.reference} recorded." in response.content.decode()
    action = Action.objects.get()
    assert (action.text, action.owner, action.due, action.status) == (
        "Recruit two social workers.",
        bob,
        date(2026, 3, 31),
        "open",
    )


def test_an_action_without_words_or_date_is_refused_with_the_error_summary(client, bob, meeting, indicator):
    client.force_login(bob)
    response = client.post(_record_url(meeting, indicator), {"owner": bob.pk, "due": "31/31/2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter what will be done." in page
    assert "Enter the date the action is due by" in page
    assert not Action.objects.exists()


def test_dropping_an_action_needs_a_reason_and_done_needs_its_date(client, bob, action):
    client.force_login(bob)
    url = reverse("reports:action_edit", args=[action.pk])
    fields = {"version": 1, "text": action.text, "owner": bob.pk, "due": "2026-03-31"}
    page = client.post(url, {**fields, "status": "dropped"}).content.decode()
    assert "Say why the action was dropped." in page
    page = client.post(url, {**fields, "status": "done"}).content.decode()
    assert "Enter the date the action was done." in page
    client.post(url, {**fields, "status": "done", "done_on": "2026-02-01", "update": "Finished early."})
    action.refresh_from_db()
    assert (action.status, action.done_on, action.update, action.version) == (
        "done",
        date(2026, 2, 1),
        "Finished early.",
        2,
    )
    assert action.closed_at is not None


def test_a_change_to_an_action_someone_changed_since_is_refused(client, bob, action):
    client.force_login(bob)
    url = reverse("reports:action_edit", args=[action.pk])
    fields = {"text": action.text, "owner": bob.pk, "due": "2026-03-31", "status": "open"}
    client.post(url, {**fields, "version": 1, "update": "First."})
    response = client.post(url, {**fields, "version": 1, "update": "Second."})
    assert response.status_code == 409
    assert "Someone changed this action after you opened it" in response.content.decode()
    action.refresh_from_db()
    assert action.update == "First."


def test_the_owner_writes_their_update_and_others_may_not(client, meeting, indicator, alice):
    owner = factories.scrutiny_member("dana")
    action = record_action(
        meeting=meeting, indicator=indicator, text="Audit.", owner=owner, due=date(2026, 3, 31)
    )
    url = reverse("reports:action_update", args=[action.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 1, "update": "Not mine."}).status_code == 403
    client.force_login(owner)
    response = client.post(url, {"version": 1, "update": "Half the cases audited."}, follow=True)
    assert "Your update is saved." in response.content.decode()
    action.refresh_from_db()
    assert action.update == "Half the cases audited."
    assert action.history.first().history_user == owner


def test_members_may_not_record_or_change_actions(client, alice, meeting, indicator, action):
    client.force_login(alice)
    assert client.get(_record_url(meeting, indicator)).status_code == 403
    assert client.get(reverse("reports:action_edit", args=[action.pk])).status_code == 403


def test_the_commentary_page_and_the_exception_lead_to_the_actions(client, bob, meeting, indicator):
    client.force_login(bob)
    url = _record_url(meeting, indicator)
    assert (
        url
        in client.get(reverse("reports:commentary", args=[meeting.pk, indicator.reference])).content.decode()
    )
    assert url in client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()


def test_the_change_form_opens_with_the_action_as_recorded(client, bob, action):
    client.force_login(bob)
    page = client.get(reverse("reports:action_edit", args=[action.pk])).content.decode()
    assert 'value="2026-03-31"' in page
    assert "Audit late cases." in page
