"""A gunicorn worker's memory under the pages that make the most objects, served as production
serves them: DEBUG off, PostgreSQL, the shared Redis cache, one worker.

An officer views the warm 3,000-indicator index 100 times and draws the PDF pack of a published
150-indicator report 50 times, one pack after every second view, and the worker's peak resident
memory is read from /proc (VmHWM): the most it held at any moment, not what it held at the end.

The data is built in a PostgreSQL database of the bench's own, created on the server
BENCH_POSTGRES_URL names (by default the local one `make services` starts) and dropped afterwards.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg2
from django.conf import settings

from bench.index import REDIS, _free_port
from bench.measure import Measurement

INDICATORS = 3000
VIEWS = 100
PACKS = 50
LIMIT_MB = 400
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
POPULATE = "import django; django.setup(); from bench.memory import populate; print(populate())"


def benchmarks() -> list[Measurement]:
    database = f"kpi_bench_memory_{os.getpid()}"
    server = dj_database_url.parse(POSTGRES)
    database_url = POSTGRES.rsplit("/", 1)[0] + f"/{database}"
    secret_key = secrets.token_urlsafe(60)
    _administer(server, f'CREATE DATABASE "{database}"')
    try:
        env = {**os.environ, "DEBUG": "true", "DATABASE_URL": database_url, "SECRET_KEY": secret_key}
        out = _manage(env, "-c", POPULATE).stdout.split()
        peak, after_views = _served(database_url, secret_key, meeting=out[-2], session=out[-1])
    finally:
        _administer(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return [
        Measurement(
            f"gunicorn worker's peak memory: {VIEWS} views of the {INDICATORS:,}-indicator index "
            f"and {PACKS} committee packs, DEBUG off, PostgreSQL",
            peak,
            LIMIT_MB,
            "MB",
            note=f"{after_views:.0f} MB after the first {VIEWS // 2} views and {PACKS // 2} packs",
        )
    ]


def populate() -> str:
    """Run in the bench's own database: its tables, the suites, and an officer signed in. The
    published meeting's id and the officer's session key."""
    from django.core.management import call_command
    from django.test import Client

    from bench.build import person
    from bench.index import build_large_suite
    from bench.reports import meeting_of_suite
    from indicators.roles import OFFICERS
    from reports.services import publish_meeting

    call_command("migrate", verbosity=0)
    build_large_suite(indicators=INDICATORS)
    officer = person("bench-officer", OFFICERS)
    meeting = meeting_of_suite()
    publish_meeting(meeting=meeting, user=officer)
    client = Client()
    client.force_login(officer)
    return f"{meeting.pk} {client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _served(database_url: str, secret_key: str, *, meeting: str, session: str) -> tuple[float, float]:
    """Serve the mix from one worker: its peak resident memory, and that halfway, in MB."""
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS,
        "AXES_ENABLED": "false",
        "REQUEST_LOG": "false",
    }
    # With DEBUG off, pages name static files by the manifest collectstatic writes.
    _manage(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    log = Path(settings.BASE_DIR) / "var" / "bench-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "gunicorn", "kpi_portal.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--timeout", "120", "--no-control-socket"]
    server = subprocess.Popen(  # noqa: S603 - this project's own gunicorn, bound to loopback
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz")
        worker = _worker_of(server.pid)
        after_views = 0.0
        for view in range(VIEWS):
            _get(f"{base}/", session)
            if view % 2:
                _get(f"{base}/meetings/{meeting}/pack.pdf", session)
            if view == VIEWS // 2 - 1:
                after_views = _memory_mb(worker, "VmRSS")
        peak = _memory_mb(worker, "VmHWM")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    return peak, after_views


def _get(url: str, session: str) -> None:
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
        assert response.status == 200, (url, response.status)
        response.read()


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()  # noqa: S310 - loopback
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _worker_of(pid: int) -> int:
    children = subprocess.run(  # noqa: S603
        ["/usr/bin/pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    if not children:
        raise RuntimeError("gunicorn has no worker: see var/bench-gunicorn.log")
    return int(children[0])


def _memory_mb(pid: int, field: str) -> float:
    """A memory figure of a process from /proc, in MB: VmRSS now, VmHWM its peak."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field))) / 1024


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this project's own interpreter
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )


def _administer(server: dict, statement: str) -> None:
    """Create or drop the bench's database, from the server's maintenance database."""
    connection = psycopg2.connect(
        dbname=server["NAME"] or "postgres",
        user=server["USER"],
        password=server["PASSWORD"],
        host=server["HOST"],
        port=server["PORT"] or 5432,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()
