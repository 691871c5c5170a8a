"""Actions the committee agrees: their state, and how reports follow them up meeting to meeting."""

import csv
import io
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.reader import Reader
from reports.actions import (
    ActionFacts,
    ActionState,
    actions_since,
    open_actions_for,
    report_actions,
    state_of,
)
from reports.models import Action
from reports.selectors import report_for
from reports.services import StaleActionError, change_action, publish_meeting, record_action, update_action
from tests.reports import factories as reports

Q1, Q2, Q3 = date(2019, 4, 1), date(2019, 7, 1), date(2019, 10, 1)
DUE = date(2019, 12, 31)


@pytest.mark.parametrize(
    ("status", "on", "state"),
    [
        ("open", date(2019, 12, 30), ActionState.OPEN),
        ("open", DUE, ActionState.OPEN),
        ("open", date(2020, 1, 1), ActionState.LATE),
        ("done", date(2020, 1, 1), ActionState.DONE),
        ("dropped", date(2020, 1, 1), ActionState.DROPPED),
    ],
)
def test_an_open_action_is_late_only_once_past_its_due_date(status, on, state):
    assert state_of(ActionFacts(status, DUE), on) is state


@pytest.fixture
def assessments(db):
    return reports.quarterly_indicator(
        "Single assessments within 45 days", {Q1: 86, Q2: 71, Q3: 84}, target=85, tolerance=10
    )


@pytest.fixture
def hidden(db):
    return reports.quarterly_indicator("Children missing from care", {Q1: 3, Q2: 4}, is_restricted=True)


@pytest.fixture
def panel(assessments, hidden):
    return reports.committee([assessments, hidden])


def _published(meeting, bob, day):
    return publish_meeting(
        meeting=meeting, user=bob, at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    )


def _change(action, **fields):
    current = {
        "text": action.text,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
        "done_on": action.done_on,
        "dropped_reason": action.dropped_reason,
        "update": action.update,
    }
    return change_action(action=action, opened_version=action.version, **{**current, **fields})


@pytest.mark.django_db
def test_carries_an_action_across_three_meetings_agreed_late_done(panel, assessments, alice, bob):
    """Each report shows the action as it stood when published, and never changes after."""
    first = _published(reports.meeting(panel, date(2019, 11, 6), date(2019, 9, 30)), bob, date(2019, 11, 1))
    action = record_action(
        meeting=first, indicator=assessments, text="Audit every late assessment.", owner=bob, due=DUE
    )
    second = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    action = update_action(action=action, opened_version=action.version, update="Audit half done.")
    _published(second, bob, date(2020, 1, 29))
    third = reports.meeting(panel, date(2020, 5, 6), date(2020, 3, 31))
    _change(
        action,
        status="done",
        done_on=date(2020, 3, 2),
        update="Audit reported to the board.",
        at=datetime(2020, 3, 2, 12, tzinfo=UTC),
    )
    _published(third, bob, date(2020, 4, 29))
    fourth = reports.meeting(panel, date(2020, 9, 9), date(2020, 6, 30))
    action.refresh_from_db()
    _change(action, text="Audit every assessment.", update="A later word, after the third report.")

    assert actions_since(first) == []
    (at_second,) = actions_since(second)
    assert (at_second.state, at_second.update, at_second.owner) == (
        ActionState.LATE,
        "Audit half done.",
        "Bob",
    )
    (at_third,) = actions_since(third)
    assert (at_third.state, at_third.state_words) == (ActionState.DONE, "Done 2 March 2020")
    assert at_third.update == "Audit reported to the board."
    assert actions_since(fourth) == [], "done before the last report was published: told already"
    for meeting in (first, second, third):
        assert report_for(meeting, reader=Reader.for_user(alice)).actions == actions_since(meeting)


@pytest.mark.django_db
def test_a_draft_lists_actions_agreed_since_the_last_report_and_still_open(panel, assessments, bob):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(
        meeting=first, indicator=assessments, text="Recruit two social workers.", owner=bob, due=DUE
    )
    second = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    (action,) = actions_since(second, on=date(2019, 12, 1))
    assert action.state is ActionState.OPEN
    assert action.state_words == "Open"


@pytest.mark.django_db
def test_members_see_only_published_open_actions_of_indicators_they_may_see(
    panel, assessments, hidden, alice, bob
):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(meeting=first, indicator=assessments, text="Recruit.", owner=bob, due=DUE)
    record_action(meeting=first, indicator=hidden, text="Secret.", owner=bob, due=DUE)
    assert open_actions_for([assessments, hidden], Reader.for_user(alice)) == {}
    assert set(open_actions_for([assessments, hidden], Reader.for_user(bob), live=True)) == {
        assessments.pk,
        hidden.pk,
    }

    _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))
    shown = open_actions_for([assessments, hidden], Reader.for_user(alice))
    assert list(shown) == [assessments.pk]
    assert shown[assessments.pk][0].state is ActionState.LATE


@pytest.mark.django_db
def test_a_report_leaves_out_restricted_actions_for_members(panel, hidden, alice, bob):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(meeting=first, indicator=hidden, text="Secret.", owner=bob, due=DUE)
    second = _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))
    assert len(report_actions(second)) == 1
    assert report_for(second, reader=Reader.for_user(alice)).actions == []
    assert len(report_for(second, reader=Reader.for_user(bob)).actions) == 1


@pytest.mark.django_db
def test_a_stale_change_is_refused(panel, assessments, bob):
    action = record_action(
        meeting=reports.meeting(panel), indicator=assessments, text="Recruit.", owner=bob, due=DUE
    )
    update_action(action=action, opened_version=1, update="Started.")
    with pytest.raises(StaleActionError):
        update_action(action=action, opened_version=1, update="Another.")
    assert Action.objects.get().history.count() == 2


@pytest.fixture
def followed_up(panel, assessments, hidden, bob):
    """A second report following up an action on each indicator, one of them restricted."""
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(
        meeting=first, indicator=assessments, text="Audit every late assessment.", owner=bob, due=DUE
    )
    record_action(meeting=first, indicator=hidden, text="Review each missing episode.", owner=bob, due=DUE)
    return _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))


@pytest.mark.django_db
def test_members_read_the_actions_on_the_report_page_sheet_and_open_data(client, followed_up, alice):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[followed_up.pk])).content.decode()
    assert "Actions since the last meeting" in page
    assert "Audit every late assessment." in page
    assert "Late" in page
    assert "Review each missing episode." not in page

    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[followed_up.pk])).content))
    sheet = [
        [cell for cell in row if cell is not None] for row in workbook["Actions since last meeting"].values
    ]
    assert any("Audit every late assessment." in row for row in sheet)
    assert not any("Review each missing episode." in row for row in sheet)

    response = client.get(reverse("reports:report_table_csv", args=[followed_up.pk, "actions"]))
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["action"], row["owner"], row["due"], row["status"]) == (
        "Audit every late assessment.",
        "Bob",
        "31 December 2019",
        "Late",
    )


@pytest.mark.django_db
def test_officers_read_every_action_on_the_report_page(client, followed_up, bob):
    client.force_login(bob)
    page = client.get(reverse("reports:meeting", args=[followed_up.pk])).content.decode()
    assert "Review each missing episode." in page


@pytest.mark.django_db
def test_the_indicator_page_lists_open_actions_from_published_reports(client, panel, assessments, alice, bob):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    page_url = reverse("indicators:detail", args=[assessments.reference])
    client.force_login(alice)
    assert "No open actions." in client.get(page_url).content.decode()

    record_action(
        meeting=first, indicator=assessments, text="Audit every late assessment.", owner=bob, due=DUE
    )
    assert "No open actions." in client.get(page_url).content.decode(), "not yet in a published report"

    second = _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))
    page = client.get(page_url).content.decode()
    assert "Audit every late assessment." in page
    assert "Due by 31 December 2019" in page
    assert reverse("reports:meeting", args=[second.pk]) in page


@pytest.mark.django_db
def test_the_indicator_page_of_a_restricted_indicator_shows_officers_its_actions(client, panel, hidden, bob):
    record_action(
        meeting=reports.meeting(panel), indicator=hidden, text="Review each episode.", owner=bob, due=DUE
    )
    client.force_login(bob)
    page = client.get(reverse("indicators:detail", args=[hidden.reference])).content.decode()
    assert "Review each episode." in page
    assert reverse("reports:action_edit", args=[Action.objects.get().pk]) in page


@pytest.mark.django_db
def test_the_exceptions_page_shows_each_exceptions_open_actions_from_published_reports(
    client, panel, assessments, alice, bob
):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(
        meeting=first, indicator=assessments, text="Audit every late assessment.", owner=bob, due=DUE
    )
    client.force_login(alice)
    url = reverse("indicators:exceptions") + "?as_at=2019-09-30"
    assert "No open actions." in client.get(url).content.decode()

    second = _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))
    page = client.get(url).content.decode()
    assert "Audit every late assessment." in page
    assert "Owner: Bob. Due by 31 December 2019." in page
    assert reverse("reports:meeting", args=[second.pk]) + "#actions" in page


def _index_row(page: str, indicator) -> str:
    start = page.index(f'<tr data-reference="{indicator.reference}"')
    return page[start : page.index("</tr>", start)]


@pytest.mark.django_db
def test_the_index_row_shows_published_open_actions_and_links_their_report(
    client, panel, assessments, hidden, alice, bob
):
    first = _published(reports.meeting(panel), bob, date(2019, 11, 1))
    record_action(
        meeting=first, indicator=assessments, text="Audit every late assessment", owner=bob, due=DUE
    )
    record_action(meeting=first, indicator=hidden, text="Review each episode.", owner=bob, due=DUE)
    client.force_login(alice)
    row = _index_row(client.get("/?as_at=2019-12-31").content.decode(), assessments)
    assert "No published commentary or open actions" in row, "not yet in a published report"

    second = _published(reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31)), bob, date(2020, 1, 29))
    page = client.get("/?as_at=2019-12-31").content.decode()
    row = _index_row(page, assessments)
    assert "<summary>1 open action</summary>" in row
    assert "No published commentary." in row
    assert "Late: Audit every late assessment. Owner: Bob, due by 31 December 2019" in row
    assert f'href="{reverse("reports:meeting", args=[second.pk])}#actions"' in row
    assert "Review each episode." not in page, "a restricted indicator's action reaches no member"

    action = Action.objects.get(indicator=assessments)
    _change(action, status="done", done_on=date(2020, 2, 10))
    assert "1 open action" in _index_row(client.get("/?as_at=2019-12-31").content.decode(), assessments), (
        "members see an action as the latest published report left it"
    )
    _published(reports.meeting(panel, date(2020, 5, 5), date(2020, 3, 31)), bob, date(2020, 4, 29))
    row = _index_row(client.get("/?as_at=2019-12-31").content.decode(), assessments)
    assert "No published commentary or open actions" in row


def _admin_data(action, **fields):
    return {
        "text": action.text,
        "owner": action.owner_id,
        "due": action.due.isoformat(),
        "status": action.status,
        "done_on": "",
        "dropped_reason": "",
        "update": action.update,
        "opened_version": action.version,
        **fields,
    }


@pytest.mark.django_db
def test_an_administrator_hands_an_action_to_a_new_owner_and_closes_it_as_the_portal_does(
    client, panel, assessments, bob, charlie
):
    action = record_action(
        meeting=reports.meeting(panel), indicator=assessments, text="Audit.", owner=bob, due=DUE
    )
    client.force_login(charlie)
    url = reverse("admin:reports_action_change", args=[action.pk])
    assert "Audit." in client.get(reverse("admin:reports_action_changelist")).content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url, _admin_data(action, owner=charlie.pk, status="done", done_on="2019-12-20"))

    assert response.status_code == 302, response.content.decode()
    action.refresh_from_db()
    assert (action.owner, action.status, action.done_on) == (charlie, "done", date(2019, 12, 20))
    assert action.closed_at is not None, "the next report tells of it"
    assert action.version == 2


@pytest.mark.django_db
def test_the_administration_refuses_a_stale_change_and_never_deletes_an_action(
    client, panel, assessments, bob, charlie
):
    action = record_action(
        meeting=reports.meeting(panel), indicator=assessments, text="Audit.", owner=bob, due=DUE
    )
    opened = _admin_data(action)
    _change(action, update="Half the assessments audited.")
    client.force_login(charlie)
    url = reverse("admin:reports_action_change", args=[action.pk])

    response = client.post(url, {**opened, "text": "Audit every one."})

    assert response.status_code == 200
    assert "Someone changed this action after you opened it: nothing was saved." in response.content.decode()
    action.refresh_from_db()
    assert (action.text, action.update) == ("Audit.", "Half the assessments audited.")
    assert (
        client.post(reverse("admin:reports_action_delete", args=[action.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Action.objects.filter(pk=action.pk).exists()
