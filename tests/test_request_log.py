"""Each request leaves one structured line: who, what, the status and the time it took."""

import json
import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from kpi_portal.request_log import JsonFormatter


class SessionStore(DatabaseSessionStore):
    """Sessions that cannot be read, as when they were read through a cache that was down."""

    def load(self):
        raise ConnectionError("the session store does not answer")


@pytest.fixture
def request_lines(settings, caplog):
    settings.REQUEST_LOG = True
    caplog.set_level(logging.INFO, logger="kpi_portal.requests")
    return lambda: [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "kpi_portal.requests"
    ]


def test_a_request_is_logged_with_who_what_status_and_time(client, alice, request_lines):
    client.force_login(alice)
    client.get("/no-such-page/")
    [line] = request_lines()
    assert line["user"] == alice.username
    assert line["method"] == "GET"
    assert line["path"] == "/no-such-page/"
    assert line["status"] == 404
    assert line["duration_ms"] >= 0
    assert line["event"] == "request"


def test_an_anonymous_request_is_logged_as_anonymous(client, db, request_lines):
    client.get("/healthz")
    [line] = request_lines()
    assert line["user"] == "anonymous"
    assert line["status"] == 200


def test_no_lines_when_request_logging_is_off(client, db, settings, request_lines):
    settings.REQUEST_LOG = False
    client.get("/healthz")
    assert request_lines() == []


def test_a_request_whose_session_cannot_be_read_is_still_logged(client, db, settings, request_lines):
    settings.SESSION_ENGINE = __name__
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a-session-of-a-signed-in-reader"
    assert client.get("/").status_code == 500
    [line] = request_lines()
    assert line["status"] == 500
    assert line["user"] == "unknown"
    assert line["path"] == "/"
