"""A cache that does not answer makes pages slower, never errors: a signed-in reader signs in and
reads every page while Redis is down or goes away mid-visit, and each request is logged.

The portal is configured as kpi_portal/settings.py configures it when CACHE_URL names a Redis, read
from a process that imports the settings with that address; the machine's own Redis is never
stopped."""

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from kpi_portal.request_log import JsonFormatter
from tests import factories
from tests.indicators.entry.helpers import Q2_URL, suite
from tests.reports import factories as reports

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = "redis://127.0.0.1:1/0"
REPORT_SETTINGS = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'CACHES': settings.CACHES, 'SESSION_ENGINE': settings.SESSION_ENGINE}))"
)


def configured_with_cache_at(settings, cache_url: str) -> None:
    """Apply the caches and sessions kpi_portal/settings.py sets up for CACHE_URL=`cache_url`."""
    env = {
        **os.environ,
        "DEBUG": "true",
        "CACHE_URL": cache_url,
        "DJANGO_SETTINGS_MODULE": "kpi_portal.settings",
    }
    result = subprocess.run(  # noqa: S603 - this project's own interpreter
        [sys.executable, "-c", "import django; django.setup(); " + REPORT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    configured = json.loads(result.stdout.splitlines()[-1])
    assert configured["CACHES"]["default"]["LOCATION"] == cache_url
    settings.CACHES = configured["CACHES"]
    settings.SESSION_ENGINE = configured["SESSION_ENGINE"]


@pytest.fixture
def request_lines(settings, caplog):
    settings.REQUEST_LOG = True
    caplog.set_level(logging.INFO, logger="kpi_portal.requests")
    return lambda: [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "kpi_portal.requests"
    ]


@pytest.fixture
def committee_pages(db):
    """Bob's suite of three indicators, on a committee with a meeting."""
    suite_ = suite()
    committee = reports.committee(indicators=suite_.values())
    return {"indicator": suite_["2"], "meeting": reports.meeting(committee)}


def signed_in_journey(client, pages) -> dict[str, int]:
    """Bob signs in, reads the index, an indicator, the figures to enter and a meeting's report, and
    signs out: each page's status."""
    bob = factories.performance_officer()
    statuses = {
        "sign in": client.post(
            "/accounts/login/", {"username": bob.username, "password": factories.PASSWORD}
        ).status_code
    }
    for name, path in (
        ("index", "/"),
        ("indicator", f"/indicators/{pages['indicator'].reference}/"),
        ("enter figures", Q2_URL),
        ("meeting report", f"/meetings/{pages['meeting'].pk}/"),
    ):
        response = client.get(path)
        statuses[name] = response.status_code
        assert response.wsgi_request.user.get_username() == "bob", name  # still signed in
    statuses["sign out"] = client.post("/accounts/logout/").status_code
    return statuses


def test_a_signed_in_reader_gets_every_page_while_redis_is_down(
    client, settings, committee_pages, request_lines
):
    configured_with_cache_at(settings, CLOSED_PORT)
    assert client.get("/healthz").status_code == 503

    statuses = signed_in_journey(client, committee_pages)

    assert statuses == {
        "sign in": 302,
        "index": 200,
        "indicator": 200,
        "enter figures": 200,
        "meeting report": 200,
        "sign out": 302,
    }
    lines = request_lines()
    assert len(lines) == 1 + len(statuses)
    assert [line["user"] for line in lines[2:-1]] == ["bob"] * 4


@pytest.fixture
def own_redis():
    """A Redis server of this test's own on a free port, which the test may stop."""
    server_binary = shutil.which("redis-server")
    if server_binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - a loopback Redis that keeps nothing on disk
        [server_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield url, server
    if server.poll() is None:
        server.kill()
    server.wait(timeout=10)


def test_a_signed_in_reader_keeps_reading_when_redis_goes_away(
    client, settings, committee_pages, own_redis, request_lines
):
    url, server = own_redis
    configured_with_cache_at(settings, url)
    bob = factories.performance_officer()
    client.post("/accounts/login/", {"username": bob.username, "password": factories.PASSWORD})
    assert client.get("/").status_code == 200
    assert redis.Redis.from_url(url).dbsize() > 0  # the index's body is kept in it
    assert client.get("/healthz").status_code == 200

    server.kill()
    server.wait(timeout=10)

    assert client.get("/healthz").status_code == 503
    for path in (
        "/",
        f"/indicators/{committee_pages['indicator'].reference}/",
        Q2_URL,
        f"/meetings/{committee_pages['meeting'].pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.wsgi_request.user.get_username() == "bob", path
    lines = request_lines()
    assert len(lines) == 8
    assert [line["status"] for line in lines] == [302, 200, 200, 503, 200, 200, 200, 200]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
