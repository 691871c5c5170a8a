"""Officers set up committees (suite and exception criteria) and meetings in the portal; members may not."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports.models import Committee, Meeting, MeetingCommentary
from reports.services import ReportError, publish_meeting, save_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite():
    social_care = factories.service_area("Social Care", order=1)
    looked_after = factories.service_area("Looked After Children", order=2)
    return {
        "2": factories.indicator(reference="2", title="Single assessments", area=social_care),
        "16": factories.indicator(reference="16", title="Care proceedings in weeks", area=looked_after),
        "26": factories.indicator(
            reference="26", title="Children missing from care", area=looked_after, is_restricted=True
        ),
        "7": factories.indicator(
            reference="7", title="Caseload (retired)", area=social_care, retired_on=date(2019, 11, 6)
        ),
    }


@pytest.fixture
def panel(suite):
    return reports.committee([suite["2"]])


def committee_data(suite, **fields):
    return {
        "name": "Corporate Parenting Board",
        "indicators": [suite["2"].pk, suite["16"].pk],
        "exceptions_red": "on",
        "exceptions_off_target_percent": "5",
        "exceptions_worsening_periods": "3",
        **fields,
    }


SET_UP_PAGES = ["reports:committees", "reports:committee_add", "reports:meeting_add"]


@pytest.mark.parametrize("name", SET_UP_PAGES)
def test_member_may_not_set_up_committees_or_meetings(client, alice, panel, name):
    client.force_login(alice)
    assert client.get(reverse(name)).status_code == 403
    if name != "reports:committees":  # the list is read-only: a POST is not allowed to anyone
        assert client.post(reverse(name), {"name": "Mine"}).status_code == 403
    assert Committee.objects.count() == 1


def test_member_may_not_change_a_committee_or_a_meeting(client, alice, suite, panel):
    draft = reports.meeting(panel)
    client.force_login(alice)
    assert (
        client.post(reverse("reports:committee_edit", args=[panel.pk]), committee_data(suite)).status_code
        == 403
    )
    assert (
        client.post(reverse("reports:meeting_edit", args=[draft.pk]), {"date": "2019-11-07"}).status_code
        == 403
    )
    assert Committee.objects.get().name == panel.name
    assert Meeting.objects.get().date == date(2019, 11, 6)


@pytest.mark.parametrize("name", SET_UP_PAGES)
def test_anonymous_visitor_is_asked_to_sign_in(client, public_access, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_picks_the_suite_from_the_indicators_by_service_area(client, bob, suite):
    client.force_login(bob)
    page = client.get(reverse("reports:committee_add")).content.decode()
    social, looked_after = page.index(">Social Care<"), page.index(">Looked After Children<")
    assert social < page.index("2: Single assessments") < looked_after < page.index("16: Care proceedings")
    assert "26: Children missing from care (restricted, Part 2)" in page
    assert "Caseload (retired)" not in page


def test_officer_adds_a_committee_with_its_suite_and_exception_criteria(client, bob, suite):
    client.force_login(bob)
    response = client.post(reverse("reports:committee_add"), committee_data(suite), follow=True)
    committee = Committee.objects.get()
    assert set(committee.indicators.all()) == {suite["2"], suite["16"]}
    assert (committee.exceptions_red, committee.exceptions_amber) == (True, False)
    assert committee.exceptions_off_target_percent == Decimal(5)
    assert committee.exceptions_worsening_periods == 3
    assert "its suite has 2 indicators" in response.content.decode()
    assert "Rated Red; off target by 5% or more; worsening for 3 periods running" in response.content.decode()


def test_officer_changes_a_committees_suite(client, bob, suite, panel):
    client.force_login(bob)
    url = reverse("reports:committee_edit", args=[panel.pk])
    assert "2: Single assessments" in client.get(url).content.decode()
    client.post(url, committee_data(suite, name=panel.name, indicators=[suite["16"].pk]))
    assert list(Committee.objects.get().indicators.all()) == [suite["16"]]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "This field is required."),
        ({"name": "Children and Young People Overview and Scrutiny Panel"}, "name", "already a committee"),
        ({"exceptions_off_target_percent": "five"}, "exceptions_off_target_percent", "Enter a number."),
        ({"exceptions_off_target_percent": "0"}, "exceptions_off_target_percent", "greater than or equal"),
        ({"exceptions_worsening_periods": "1"}, "exceptions_worsening_periods", "greater than or equal to 2"),
        ({"indicators": ["999999"]}, "indicators", "Select a valid choice"),
    ],
)
def test_a_committee_form_with_errors_says_what_is_wrong_and_saves_nothing(
    client, bob, suite, panel, fields, field, message
):
    client.force_login(bob)
    response = client.post(reverse("reports:committee_add"), committee_data(suite, **fields))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert Committee.objects.count() == 1


def test_restricted_indicators_an_officer_may_not_see_stay_in_the_suite(client, suite):
    panel = reports.committee([suite["2"], suite["26"]])
    clerk = factories.make_user("erin")
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["change_committee"]))
    client.force_login(clerk)
    url = reverse("reports:committee_edit", args=[panel.pk])
    assert "Children missing from care" not in client.get(url).content.decode()
    client.post(url, committee_data(suite, name=panel.name, indicators=[suite["16"].pk]))
    assert set(panel.indicators.all()) == {suite["16"], suite["26"]}


def test_officer_adds_a_meeting_and_lands_on_its_draft_report(client, bob, panel):
    client.force_login(bob)
    response = client.post(
        reverse("reports:meeting_add"),
        {"committee": panel.pk, "date": "2020-02-05", "as_at": "2019-12-31"},
        follow=True,
    )
    meeting = Meeting.objects.get()
    assert (meeting.committee, meeting.date, meeting.as_at) == (panel, date(2020, 2, 5), date(2019, 12, 31))
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    page = response.content.decode()
    assert "Its draft report is below" in page
    assert reverse("reports:publish", args=[meeting.pk]) in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"as_at": "2019-12-31", "date": "2019-12-01"}, "as_at", "as at the meeting's date or earlier"),
        ({"date": "2019-11-06"}, "date", "already has a meeting on 6 November 2019"),
        ({"date": "2019-02-31"}, "date", "Enter the meeting's date"),
        ({"as_at": ""}, "as_at", "This field is required."),
        ({"committee": "999999"}, "committee", "Select a valid choice"),
    ],
)
def test_a_meeting_form_with_errors_says_what_is_wrong_and_saves_nothing(
    client, bob, panel, fields, field, message
):
    reports.meeting(panel)
    client.force_login(bob)
    data = {"committee": panel.pk, "date": "2020-02-05", "as_at": "2019-09-30", **fields}
    response = client.post(reverse("reports:meeting_add"), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_a_second_meeting_on_the_same_day_saved_at_once_is_refused_not_a_server_error(panel):
    save_meeting(committee=panel, day=date(2020, 2, 5), as_at=date(2019, 12, 31))
    with pytest.raises(ReportError, match="already has a meeting on 5 February 2020"):
        save_meeting(committee=panel, day=date(2020, 2, 5), as_at=date(2019, 12, 31))
    assert Meeting.objects.count() == 1


def test_officer_changes_a_draft_meetings_date_and_as_at(client, bob, panel):
    draft = reports.meeting(panel)
    client.force_login(bob)
    url = reverse("reports:meeting_edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"date": "2019-11-13", "as_at": "2019-10-31"})
    draft.refresh_from_db()
    assert (draft.date, draft.as_at, draft.committee) == (date(2019, 11, 13), date(2019, 10, 31), panel)


def test_a_published_meeting_cannot_be_changed(client, bob, panel):
    meeting = publish_meeting(meeting=reports.meeting(panel), user=bob)
    client.force_login(bob)
    url = reverse("reports:meeting_edit", args=[meeting.pk])
    response = client.post(url, {"date": "2019-11-13", "as_at": "2019-10-31"}, follow=True)
    assert "cannot be changed" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == date(2019, 11, 6)
    assert "Change the meeting" not in client.get(meeting.get_absolute_url()).content.decode()
    with pytest.raises(ReportError, match="fixed record"):
        save_meeting(meeting=meeting, committee=panel, day=date(2019, 11, 13), as_at=date(2019, 10, 31))


def test_the_meetings_page_offers_a_new_meeting_to_officers_only(client, alice, bob, panel):
    client.force_login(bob)
    assert "Add a meeting" in client.get(reverse("reports:meetings")).content.decode()
    client.force_login(alice)
    assert "Add a meeting" not in client.get(reverse("reports:meetings")).content.decode()


def test_a_first_commentary_names_the_lead_officer_responsible_and_the_officer_may_change_it(
    client, bob, panel
):
    dana = factories.performance_officer("dana")
    indicator = panel.indicators.get()
    indicator.lead_officer_user = dana
    indicator.save()
    draft = reports.meeting(panel)
    client.force_login(bob)
    url = reverse("reports:commentary", args=[draft.pk, indicator.reference])
    form = client.get(url).context["form"]
    assert form["owner"].value() == dana.pk
    assert {choice.instance for choice, _ in form.fields["owner"].choices if choice} == {bob, dana}
    client.post(url, {"commentary": "Why.", "actions": "What.", "owner": bob.pk, "version": 0})
    assert MeetingCommentary.objects.get().owner == bob


def test_a_committee_saved_by_someone_else_since_the_form_opened_is_not_overwritten(
    client, bob, suite, panel
):
    client.force_login(bob)
    url = reverse("reports:committee_edit", args=[panel.pk])
    opened = panel.version
    assert f'name="opened_version" value="{opened}"' in client.get(url).content.decode()
    data = committee_data(suite, name=panel.name, opened_version=opened)
    client.post(url, {**data, "indicators": [suite["16"].pk]})  # another officer's save

    response = client.post(url, {**data, "exceptions_worsening_periods": "6"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone changed this committee after you opened the form: nothing was saved." in page
    assert 'value="6"' in page, "what they typed is kept in the form"
    assert f'name="opened_version" value="{opened + 1}"' in page
    committee = Committee.objects.get()
    assert (committee.exceptions_worsening_periods, list(committee.indicators.all())) == (3, [suite["16"]])

    client.post(url, {**data, "exceptions_worsening_periods": "6", "opened_version": opened + 1})
    assert Committee.objects.get().exceptions_worsening_periods == 6, "saved again knowingly, it is kept"


def test_a_meeting_saved_by_someone_else_since_the_form_opened_is_not_overwritten(client, bob, panel):
    draft = reports.meeting(panel)
    client.force_login(bob)
    url = reverse("reports:meeting_edit", args=[draft.pk])
    assert f'name="opened_version" value="{draft.version}"' in client.get(url).content.decode()
    client.post(url, {"date": "2019-11-13", "as_at": "2019-10-31", "opened_version": draft.version})

    response = client.post(
        url, {"date": "2019-11-20", "as_at": "2019-09-30", "opened_version": draft.version}
    )

    assert response.status_code == 409
    assert (
        "Someone changed this meeting after you opened the form: nothing was saved."
        in response.content.decode()
    )
    assert 'value="2019-11-20"' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.date, draft.as_at) == (date(2019, 11, 13), date(2019, 10, 31))
