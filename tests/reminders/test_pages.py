"""Who may use the reminders pages: officers read the reminders sent to them, everyone signed in
switches their own off and on, administrators read the whole log in the administration pages."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from reminders import views
from reminders.models import ReminderLog, ReminderPreference
from reminders.services import send_reminders
from tests.reminders.helpers import OVERDUE_DAY, owned_indicator

pytestmark = pytest.mark.django_db
LOG_URL = "/reminders/"
SETTINGS_URL = "/reminders/settings/"


def test_each_page_states_who_may_use_it():
    assert views.log.access == "officers"
    assert views.reminder_settings.access == "signed in"
    assert reverse("reminders:log") == LOG_URL
    assert reverse("reminders:settings") == SETTINGS_URL


@pytest.mark.parametrize("url", [LOG_URL, SETTINGS_URL])
def test_an_anonymous_visitor_is_asked_to_sign_in(client, public_access, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(SETTINGS_URL, {"reminders": "off"}).status_code == 302
    assert not ReminderPreference.objects.exists()


def test_a_member_may_not_read_the_reminders_log(client, alice):
    client.force_login(alice)
    assert client.get(LOG_URL).status_code == 403


def test_an_officer_reads_the_reminders_sent_to_them_and_nobody_else_s(client, dana, lee):
    owned_indicator(dana, reference="2", title="Single assessments within 45 days")
    owned_indicator(lee, reference="5", title="Re-referrals")
    send_reminders(today=OVERDUE_DAY)
    client.force_login(dana)
    response = client.get(LOG_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2: Single assessments within 45 days" in page
    assert "Overdue" in page
    assert "Q2 2019/20" in page
    assert "21 October 2019" in page
    assert timezone.localtime(ReminderLog.objects.get(recipient=dana).sent_at).strftime("%-d %B %Y") in page
    assert "Re-referrals" not in page
    assert "Your reminders are switched on." in page


def test_a_reminder_not_sent_yet_says_it_will_be_tried_again(client, dana, mail_server_down):
    owned_indicator(dana, reference="2", title="Single assessments within 45 days")
    send_reminders(today=OVERDUE_DAY)
    client.force_login(dana)
    page = client.get(LOG_URL).content.decode()
    assert "Not sent" in page
    assert "tried again on the next run" in page


def test_an_officer_who_may_no_longer_see_a_restricted_indicator_no_longer_sees_its_reminder(client, dana):
    owned_indicator(dana, reference="22", title="Foster carers recruited", is_restricted=True)
    send_reminders(today=OVERDUE_DAY)
    client.force_login(dana)
    assert "Foster carers recruited" in client.get(LOG_URL).content.decode()
    dana.groups.clear()
    dana.user_permissions.add(Permission.objects.get(codename="enter_outturns"))
    dana = type(dana).objects.get(pk=dana.pk)
    client.force_login(dana)
    assert "Foster carers recruited" not in client.get(LOG_URL).content.decode()


def test_anyone_signed_in_switches_their_reminders_off_and_on(client, alice):
    client.force_login(alice)
    page = client.get(SETTINGS_URL).content.decode()
    assert 'value="on" checked' in page
    response = client.post(SETTINGS_URL, {"reminders": "off"}, follow=True)
    assert "Reminders are switched off." in response.content.decode()
    assert 'value="off" checked' in response.content.decode()
    assert not ReminderPreference.objects.get(user=alice).reminders_on
    client.post(SETTINGS_URL, {"reminders": "on"})
    assert ReminderPreference.objects.get(user=alice).reminders_on


def test_a_choice_that_is_not_one_is_refused_and_nothing_changes(client, bob):
    client.force_login(bob)
    for data in ({}, {"reminders": "sometimes"}):
        response = client.post(SETTINGS_URL, data)
        page = response.content.decode()
        assert response.status_code == 400
        assert "There is a problem" in page
        assert 'href="#id_reminders_0"' in page
    assert not ReminderPreference.objects.exists()


def test_a_person_without_an_address_is_told_so(client, alice):
    alice.email = ""
    alice.save()
    client.force_login(alice)
    assert "There is no e-mail address on record for you" in client.get(SETTINGS_URL).content.decode()


def test_officers_see_reminders_in_the_menu_and_members_do_not(client, alice, bob):
    client.force_login(bob)
    assert f'href="{LOG_URL}"' in client.get(SETTINGS_URL).content.decode()
    client.force_login(alice)
    assert f'href="{LOG_URL}"' not in client.get(SETTINGS_URL).content.decode()


def test_administrators_read_the_log_and_may_not_change_it(client, charlie, dana):
    owned_indicator(dana, reference="2", title="Single assessments within 45 days")
    send_reminders(today=OVERDUE_DAY)
    log = ReminderLog.objects.get()
    client.force_login(charlie)
    listing = client.get("/admin/reminders/reminderlog/")
    assert listing.status_code == 200
    assert "dana" in listing.content.decode()
    assert client.get(f"/admin/reminders/reminderlog/{log.pk}/change/").status_code == 200
    assert client.post(f"/admin/reminders/reminderlog/{log.pk}/delete/").status_code == 403
    assert client.get("/admin/reminders/reminderlog/add/").status_code == 403


def test_an_officer_may_not_open_the_log_in_the_administration_pages(client, dana):
    client.force_login(dana)
    assert client.get("/admin/reminders/reminderlog/").status_code == 302
