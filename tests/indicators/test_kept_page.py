"""The public's index is kept whole and served before the session is read: it is the page Django
draws, with a fresh CSP nonce for every view, and never outlives the figures, reports, localities,
host or query it was drawn for, nor reaches a signed-in reader.

Alice is a scrutiny member, Bob a performance officer; an anonymous visitor comes with no cookie.
"""

import json
import logging
import re
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators import index_cache
from indicators.filters import SEARCH_MAX_LENGTH, SEARCH_TOO_LONG
from indicators.index_cache import data_stamp, may_keep
from indicators.models import Indicator, Outturn
from kpi_portal.request_log import JsonFormatter
from reports.models import Meeting, MeetingStatus
from reports.services import publish_meeting, save_commentary
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.reports import factories as reports
from tests.test_one_line import row_text

pytestmark = pytest.mark.django_db

JULY = date(2019, 7, 1)
NONCE_IN_HEADER = re.compile(r"'nonce-([^']+)'")


@pytest.fixture
def assessments(public_access):
    """An indicator with a figure of 90% against a target of 80%, and a restricted one."""
    indicator = factories.indicator(reference="7", title="Assessments on time")
    factories.target(indicator, 2019, value=80, tolerance=5)
    factories.outturn(indicator, JULY, 90)
    secret = factories.indicator(reference="P2", title="Children missing from care", is_restricted=True)
    factories.outturn(secret, JULY, 50)
    Client().get("/")  # keeps the suite's lines (indicators/kept_lines.py), which changes the data stamp
    return indicator


def nonce_of(response) -> str:
    nonce = NONCE_IN_HEADER.search(response["Content-Security-Policy"])[1]
    assert f'nonce="{nonce}"' in response.content.decode()
    return nonce


def without_nonce(response) -> tuple[dict, str]:
    """The response's headers and page with its nonce written as NONCE."""
    nonce = nonce_of(response)
    headers = {name: value.replace(nonce, "NONCE") for name, value in response.headers.items()}
    return headers, response.content.decode().replace(nonce, "NONCE")


def viewed(client, path="/", **extra):
    """The response to a view, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def test_the_publics_second_view_is_the_kept_page_as_django_drew_it(client, assessments):
    drawn, drawing = viewed(client)
    kept, keeping = viewed(client)
    assert drawn.status_code == kept.status_code == 200
    assert drawing > 1, "drawn by Django: more than the stamps were read"
    assert keeping == 1, "the kept page is served after one query: the stamps"
    assert without_nonce(kept) == without_nonce(drawn)
    assert kept["Content-Length"] == str(len(kept.content))
    assert kept["X-Frame-Options"] == "DENY"
    assert kept["X-Content-Type-Options"] == "nosniff"
    assert kept["Vary"] == "Cookie, Accept-Encoding"
    assert "90%" in row_text(kept.content.decode(), "7")
    assert "Children missing from care" not in kept.content.decode()
    assert not kept.cookies


def test_every_view_of_the_kept_page_has_a_fresh_nonce_its_header_names(client, assessments):
    nonces = {nonce_of(client.get("/")) for _ in range(3)}
    assert len(nonces) == 3


def test_a_kept_page_is_compressed_for_a_browser_that_asks(client, assessments):
    client.get("/")
    kept, keeping = viewed(client, HTTP_ACCEPT_ENCODING="gzip")
    assert keeping == 1
    assert kept["Content-Encoding"] == "gzip"


def test_a_changed_figure_is_never_served_from_an_old_page(client, assessments):
    client.get("/")
    Outturn.objects.filter(indicator=assessments).update(value=61, numerator=None, denominator=None)
    row = row_text(client.get("/").content.decode(), "7")
    assert "61%" in row
    assert "90%" not in row


def test_a_renamed_indicator_is_never_served_from_an_old_page(client, assessments):
    client.get("/")
    Indicator.objects.filter(pk=assessments.pk).update(title="Assessments within 45 days")
    assert "Assessments within 45 days" in client.get("/").content.decode()


def test_a_report_published_since_is_never_hidden_by_a_kept_page(client, bob, public_access):
    late = reports.quarterly_indicator(
        "Visits on time", {date(2019, 4, 1): 86, date(2019, 7, 1): 40}, target=85
    )
    meeting = reports.meeting(reports.committee([late]))
    save_commentary(
        meeting=meeting, indicator=late, commentary="Back on track.", actions="", caveat="", user=bob
    )
    assert "Back on track." not in client.get("/").content.decode()
    publish_meeting(meeting=meeting, user=bob)
    assert "Back on track." in client.get("/").content.decode()


def test_a_publication_that_touches_no_figure_still_changes_the_stamp(db):
    meeting = reports.meeting(reports.committee())
    before = data_stamp()
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.PUBLISHED, published_at=timezone.now())
    published = data_stamp()
    assert published != before
    meeting.refresh_from_db()
    meeting.version += 1
    meeting.save()  # every column written, the time of publication as it was
    assert data_stamp() == published, "saving a meeting's other details leaves the index as it is"
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.DRAFT, published_at=None)
    withdrawn = data_stamp()
    assert withdrawn != published
    Meeting.objects.filter(pk=meeting.pk).delete()
    assert data_stamp() == withdrawn, "deleting a meeting not published leaves the index as it is"


def test_a_new_locality_is_offered_by_the_next_view(client, assessments):
    breakdowns.localities(["North"])
    assert "North (locality)" in client.get("/").content.decode()
    breakdowns.localities(["North", "Riverside"])
    assert "Riverside (locality)" in client.get("/").content.decode()


def test_a_signed_in_member_or_officer_never_gets_the_publics_page(assessments, alice, bob):
    Client().get("/")
    for person, sees_restricted in ((alice, False), (bob, True)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        page = client.get("/").content.decode()
        assert f"Signed in as <strong>{person.username}</strong>" in page
        assert ("Children missing from care" in page) is sees_restricted
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        assert client.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
        assert "Signed in as" not in client.get("/").content.decode()


def test_any_cookie_or_a_head_request_is_drawn_by_django(client, assessments):
    client.get("/")
    client.cookies["analytics"] = "1"
    _, drawing = viewed(client)
    assert drawing > 1, "drawn by Django: more than the stamps were read"
    assert Client().head("/").status_code == 405, "Django answers it: the index is read by GET only"


def test_another_host_or_query_is_never_served_the_kept_page(client, assessments, settings):
    settings.ALLOWED_HOSTS = ["testserver", "performance.example.gov.uk"]
    client.get("/")
    _, drawing = viewed(client, HTTP_HOST="performance.example.gov.uk")
    assert drawing > 1, "drawn by Django: more than the stamps were read"
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    green = client.get("/?rating=green").content.decode()
    assert 'data-reference="7"' in green
    red = client.get("/?rating=red").content.decode()
    assert 'data-reference="7"' not in red


def test_a_message_shown_to_one_visitor_is_never_kept_for_the_next(client, assessments):
    refused = client.get("/", {"q": "x" * (SEARCH_MAX_LENGTH + 1)}, follow=True).content.decode()
    assert SEARCH_TOO_LONG in refused
    assert SEARCH_TOO_LONG not in Client().get("/").content.decode()


@pytest.mark.parametrize(
    ("message", "cookie", "status", "keeps"),
    [
        (False, False, 200, True),
        (True, False, 200, False),
        (False, True, 200, False),
        (False, False, 302, False),
    ],
)
def test_only_the_publics_plain_page_may_be_kept(message, cookie, status, keeps):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    if message:
        add_message(request, constants.INFO, "Signed out.")
    response = HttpResponse("<p>Performance index</p>", status=status)
    if cookie:
        response.set_cookie("csrftoken", "x")
    assert may_keep(request, response) is keeps


def test_the_index_is_served_when_the_cache_does_not_answer(client, assessments, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200
        assert "90%" in row_text(response.content.decode(), "7")


def test_nothing_is_kept_when_the_index_cache_is_turned_off(client, assessments, settings):
    settings.INDEX_CACHE = False
    client.get("/")
    _, drawing = viewed(client)
    assert drawing > 1, "drawn by Django: more than the stamps were read"


def test_a_kept_page_is_never_served_once_public_access_is_turned_off(client, assessments, settings):
    client.get("/")
    settings.PUBLIC_ACCESS = False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_each_view_of_the_kept_page_is_logged(client, assessments, settings, caplog):
    settings.REQUEST_LOG = True
    caplog.set_level(logging.INFO, logger="kpi_portal.requests")
    client.get("/")
    client.get("/")
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "kpi_portal.requests"]
    assert [(line["user"], line["path"], line["status"]) for line in lines] == [("anonymous", "/", 200)] * 2


def test_the_kept_page_waits_on_the_database_once_its_query_the_check_the_connection_lives(
    client, assessments, alice, monkeypatch
):
    viewed(client)
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append("SELECT 1") or True)
    connection.health_check_done = False  # as Django leaves it when a request starts
    kept, keeping = viewed(client)
    assert (kept.status_code, keeping, checks) == (200, 1, [])
    connection.health_check_done = False
    client.force_login(alice)
    assert client.get("/").status_code == 200
    assert checks == ["SELECT 1"], "any other view has Django's health check"


def test_a_connection_that_has_died_leaves_the_public_index_to_django(client, assessments, monkeypatch):
    viewed(client)
    closed, stamp = [], index_cache.data_stamp

    def dead_then_opened_again():
        if not closed:
            raise OperationalError("server closed the connection unexpectedly")
        return stamp()

    monkeypatch.setattr(index_cache, "data_stamp", dead_then_opened_again)
    monkeypatch.setattr(connection, "close", lambda: closed.append(True))
    response, queries = viewed(client)
    assert response.status_code == 200
    assert "Assessments on time" in response.content.decode()
    assert queries > 1, "drawn by Django, on the connection it opens"
    assert closed == [True]
