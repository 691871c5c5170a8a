"""Two officers writing commentary on one indicator: the later save is refused, with both texts shown."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import MeetingCommentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return reports.quarterly_indicator("Single assessments", {date(2019, 7, 1): 71})


@pytest.fixture
def url(indicator):
    draft = reports.meeting(reports.committee([indicator]))
    return reverse("reports:commentary", args=[draft.pk, indicator.reference])


def opened(client, url) -> str:
    """The version the form was opened on, as the browser would post it back."""
    page = client.get(url).content.decode()
    return page.split('name="version" value="', 1)[1].split('"', 1)[0]


def test_later_save_is_refused_and_shows_both_texts(client, bob, url):
    dana = factories.performance_officer("dana")
    dana.first_name = "Dana"
    dana.save()
    client.force_login(bob)
    bob_opened = opened(client, url)
    client.force_login(dana)
    client.post(url, {"version": opened(client, url), "commentary": "Dana's reading.", "actions": ""})
    client.force_login(bob)
    response = client.post(url, {"version": bob_opened, "commentary": "Bob's reading.", "actions": "Audit."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dana saved commentary on this indicator after you opened it" in page
    assert "Dana&#x27;s reading." in page
    assert "Bob&#x27;s reading." in page
    assert MeetingCommentary.objects.get().commentary == "Dana's reading."

    assert 'name="version" value="1"' in page
    again = client.post(url, {"version": "1", "commentary": "Bob's reading.", "actions": "Audit."})
    assert again.status_code == 302
    note = MeetingCommentary.objects.get()
    assert (note.commentary, note.version, note.written_by) == ("Bob's reading.", 2, bob)


def test_each_save_is_kept_in_the_commentary_history(client, bob, url):
    client.force_login(bob)
    client.post(url, {"version": "0", "commentary": "First."})
    client.post(url, {"version": "1", "commentary": "Second."})
    note = MeetingCommentary.objects.get()
    assert [h.commentary for h in note.history.order_by("history_date")] == ["First.", "Second."]
