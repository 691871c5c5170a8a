"""Who may use each view: members read published reports; performance officers prepare and publish."""

import re
from datetime import date

import pytest
from django.urls import reverse

from reports.models import MeetingCommentary
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return reports.quarterly_indicator("Single assessments", {date(2019, 7, 1): 71})


@pytest.fixture
def draft(indicator):
    return reports.meeting(reports.committee([indicator]))


def test_anonymous_visitor_is_asked_to_sign_in_when_public_access_is_off(client, settings, draft):
    settings.PUBLIC_ACCESS = False
    for url in (reverse("reports:meetings"), reverse("reports:decisions")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_member_reads_the_lists(client, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:meetings")).status_code == 200
    assert client.get(reverse("reports:decisions")).status_code == 200


def test_member_does_not_see_a_draft_report(client, alice, draft):
    client.force_login(alice)
    assert client.get(reverse("reports:meeting", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:appendix", args=[draft.pk])).status_code == 404


def test_officer_sees_a_draft_report_and_its_appendix(client, bob, draft):
    client.force_login(bob)
    assert client.get(reverse("reports:meeting", args=[draft.pk])).status_code == 200
    assert client.get(reverse("reports:appendix", args=[draft.pk])).status_code == 200


def test_member_may_not_publish(client, alice, draft):
    client.force_login(alice)
    assert client.post(reverse("reports:publish", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published


def test_officer_publishes_and_a_second_attempt_is_refused_with_a_message(client, bob, draft):
    client.force_login(bob)
    reports.publish_through_the_checklist(client, draft, reason="The committee meets tomorrow.")
    draft.refresh_from_db()
    assert draft.is_published
    page = client.get(reverse("reports:publish", args=[draft.pk]), follow=True).content.decode()
    assert "already published" in page


def test_member_may_not_open_the_checklist(client, alice, draft):
    client.force_login(alice)
    assert client.get(reverse("reports:publish", args=[draft.pk])).status_code == 403


def test_anonymous_visitor_is_asked_to_sign_in_to_publish(client, public_access, draft):
    response = client.get(reverse("reports:publish", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_member_may_not_write_commentary(client, alice, draft, indicator):
    client.force_login(alice)
    url = reverse("reports:commentary", args=[draft.pk, indicator.reference])
    assert client.post(url, {"commentary": "Mine."}).status_code == 403
    assert not MeetingCommentary.objects.exists()


def test_officer_writes_commentary(client, bob, draft, indicator):
    client.force_login(bob)
    url = reverse("reports:commentary", args=[draft.pk, indicator.reference])
    assert client.get(url).status_code == 200
    client.post(url, {"commentary": "  Counting from contact.  ", "actions": "Weekly checks.", "caveat": ""})
    note = MeetingCommentary.objects.get()
    assert (note.commentary, note.actions, note.written_by) == (
        "Counting from contact.",
        "Weekly checks.",
        bob,
    )


def test_commentary_on_a_published_report_is_refused_with_a_message(client, bob, draft, indicator):
    publish_meeting(meeting=draft, user=bob)
    client.force_login(bob)
    url = reverse("reports:commentary", args=[draft.pk, indicator.reference])
    page = client.post(url, {"commentary": "Too late."}, follow=True).content.decode()
    assert "cannot be changed" in page
    assert not MeetingCommentary.objects.exists()


def test_commentary_on_an_indicator_outside_the_suite_is_not_found(client, bob, draft):
    outsider = factories.indicator(title="Not in the suite")
    client.force_login(bob)
    assert client.get(reverse("reports:commentary", args=[draft.pk, outsider.reference])).status_code == 404


def test_member_may_not_apply_a_decision(client, alice, draft, indicator):
    decision = reports.decision(draft, "retire", [indicator])
    client.force_login(alice)
    assert client.post(reverse("reports:apply_decision", args=[decision.pk])).status_code == 403
    decision.refresh_from_db()
    assert decision.status == "agreed"


def test_officer_applies_a_decision(client, bob, draft, indicator):
    decision = reports.decision(draft, "retire", [indicator])
    client.force_login(bob)
    client.post(reverse("reports:apply_decision", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.status == "implemented"


def test_unknown_meeting_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/meetings/999999/").status_code == 404


def menu_of(page: str) -> list[str]:
    nav = page.split('id="navigation"')[1].split("</ul>")[0]
    links = re.findall(r'<a class="govuk-service-navigation__link"[^>]*>(.*?)</a>', nav, re.S)
    return [re.sub(r"<[^>]+>", "", link).strip() for link in links]


REPORTS_PAGES = ("Meetings", "Decisions", "Committees")


def test_the_menu_lists_meetings_and_decisions_for_everyone_and_meetings_link_committees_for_officers(
    client, alice, bob
):
    client.force_login(alice)
    menu = menu_of(client.get("/").content.decode())
    assert menu[0] == "Performance index"
    assert [label for label in menu if label in REPORTS_PAGES] == ["Meetings", "Decisions"]
    assert 'href="/committees/"' not in client.get("/meetings/").content.decode()
    client.force_login(bob)
    menu = menu_of(client.get("/").content.decode())
    assert [label for label in menu if label in REPORTS_PAGES] == ["Meetings", "Decisions"]
    assert menu.index("Decisions") < menu.index("Enter figures")
    assert 'href="/committees/"' in client.get("/meetings/").content.decode()


def test_the_readers_own_links_sit_in_the_header_not_the_menu(client, alice, charlie):
    client.force_login(charlie)
    page = client.get("/").content.decode()
    account = page.split('class="kpi-header__account"')[1].split("</ul>")[0]
    assert "Signed in as <strong>charlie</strong>" in account
    links = set(re.findall(r">([^<>]+)</(?:a|button)>", account))
    assert {"Your reminders", "Administration", "Sign out"} <= links
    assert not {"Your reminders", "Administration", "Sign out charlie"} & set(menu_of(page))
    client.force_login(alice)
    account = client.get("/").content.decode().split('class="kpi-header__account"')[1].split("</ul>")[0]
    assert "Your reminders" not in account
    assert "Administration" not in account
