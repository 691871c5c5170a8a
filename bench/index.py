"""Benchmarks of the pages members read: the index for 300, 1,000 and 3,000 indicators.

Each size is measured beside the raw windowed fetch of the same rows, as the structure issue names
it (figures, targets and indicators: the latest five figures of every indicator in one SQL query,
every indicator with its service area, and the targets they are rated against), so the
index's cost is read as a multiple of what the database alone needs: cold (the cache emptied before
each view, so the body is drawn from the rows kept beside the lines, indicators/kept_rows.py) and
warm (the body kept under the data stamp, indicators/index_cache.py), beside the index with no
cache at all (every row drawn); and through gunicorn with one and with three workers, cold (the
first view a new worker serves, the cache emptied) and warm, with no cache, with each worker's own
memory and with the shared Redis cache.
"""

import gzip
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from bench.build import person, suite_of
from bench.measure import Measurement, best_of, best_of_each
from indicators.models import Indicator, KeptLine, Outturn, ServiceArea, Target, VariationSummary
from indicators.roles import MEMBERS, OFFICERS
from indicators.rules.periods import Period, PeriodKind, YearBasis, reporting_year
from indicators.services import period_for
from indicators.variation_summary import refresh_every_variation

INDICATORS = 300
VARIATION_LIMIT_MS_PER_INDICATOR = 20
"""Working out an indicator's variation again: a save of a period's 300 figures waits 6 s at most."""
MONTHS = 60
SIZES = (300, 1000, 3000)
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

RAW_WINDOWED_FETCH = """
    SELECT indicator_id, period_id, value, numerator, denominator, status, commentary FROM (
        SELECT o.indicator_id, o.period_id, o.value, o.numerator, o.denominator, o.status, o.commentary,
               ROW_NUMBER() OVER (PARTITION BY o.indicator_id ORDER BY p."end" DESC) AS n
        FROM indicators_outturn o JOIN indicators_reportingperiod p ON p.id = o.period_id
        WHERE p."end" <= %s
    ) recent WHERE n <= 5
"""
RAW_INDICATORS = """
    SELECT i.id, i.reference, i.title, i.unit, i.decimal_places, i.polarity, i.frequency, i.year_basis,
           i.is_restricted, a.name
    FROM indicators_indicator i JOIN indicators_servicearea a ON a.id = i.service_area_id
"""
RAW_TARGETS = """
    SELECT t.indicator_id, t.year, t.value, t.range_lower, t.range_upper, t.kind, t.tolerance,
           t.tolerance_kind
    FROM indicators_target t WHERE t.year BETWEEN %s AND %s
"""


def build_large_suite(
    *, indicators: int = INDICATORS, months: int = MONTHS, last: date = date(2025, 3, 1)
) -> float:
    """A suite of `indicators` monthly indicators, each with `months` figures up to `last`, and
    each one's variation, assurance and lines worked out and kept: how long that took, in ms."""
    areas = [ServiceArea.objects.create(name=f"Service area {n}", order=n) for n in range(8)]
    suite = suite_of(
        indicators,
        areas=areas,
        reference="B{n}",
        title="Benchmark indicator {n}",
        unit="percent",
        frequency=PeriodKind.MONTH,
        varying=lambda n: {"polarity": "higher" if n % 3 else "lower", "is_restricted": n % 50 == 0},
    )
    periods = [period_for(Period(last, PeriodKind.MONTH).shifted(-offset)) for offset in range(months)]
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, value=Decimal(75), tolerance=Decimal(5))
        for indicator in suite
        for year in range(last.year - 6, last.year + 1)
    )
    Outturn.objects.bulk_create(
        (
            Outturn(
                indicator=indicator,
                period=period,
                status="validated",
                numerator=Decimal(50 + (i * 7 + p) % 45),
                denominator=Decimal(100),
                value=Decimal(50 + (i * 7 + p) % 45),
            )
            for i, indicator in enumerate(suite)
            for p, period in enumerate(periods)
        ),
        batch_size=2000,
    )
    started = time.perf_counter()
    refresh_every_variation()
    refreshed = (time.perf_counter() - started) * 1000
    if connection.vendor == "postgresql":
        # As autovacuum would soon after a council's figures arrive: the planner's statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return refreshed


def clear_suite() -> None:
    """Empty the suite at once: deleting row by row would write a history entry for every figure."""
    for model in (KeptLine, VariationSummary, Outturn, Target, Indicator, ServiceArea):
        model.objects.all()._raw_delete(connection.alias)
        if hasattr(model, "history"):
            model.history.all()._raw_delete(connection.alias)


def raw_windowed_fetch(as_at: date) -> list[tuple]:
    """The figures, indicators and targets the index reads, fetched raw: its latest five figures,
    every indicator with its service area, and the targets it rates them against, those of the
    as-at date's reporting year and of the year before (the previous year end's). The bench's
    indicators all report by financial year."""
    with connection.cursor() as cursor:
        cursor.execute(RAW_WINDOWED_FETCH, [as_at])
        figures = cursor.fetchall()
        cursor.execute(RAW_INDICATORS)
        indicators = cursor.fetchall()
        year = reporting_year(as_at, YearBasis.FINANCIAL)
        cursor.execute(RAW_TARGETS, [year - 1, year])
        return [*figures, *indicators, *cursor.fetchall()]


def raw_figures(as_at: date) -> list[tuple]:
    """The windowed figures alone, as the bench fetched them before it fetched what the issue names."""
    with connection.cursor() as cursor:
        cursor.execute(RAW_WINDOWED_FETCH, [as_at])
        return cursor.fetchall()


def benchmarks() -> list[Measurement]:
    results = []
    client, member = Client(), Client()
    client.force_login(person("bench-officer", OFFICERS))
    member.force_login(person("bench-member", MEMBERS))
    for size in SIZES:
        clear_suite()
        refreshed = build_large_suite(indicators=size)
        response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, response.status_code
        as_at = Outturn.objects.order_by("-period__end").values_list("period__end", flat=True).first()
        figures = len(raw_figures(as_at))
        # Taking turns, so each ratio compares timings taken under the same conditions of the machine.
        taken = best_of_each(
            {
                "fetch": lambda: raw_windowed_fetch(as_at),  # noqa: B023
                "figures": lambda: raw_figures(as_at),  # noqa: B023
                "uncached": lambda: _without_cache(client),
                "cold": lambda: (cache.clear(), client.get("/")),
                "warm": lambda: client.get("/"),
                "member": lambda: (cache.clear(), member.get("/")),
            },
            repeat=21 if size == INDICATORS else 5,
        )
        fetch = taken["fetch"]
        limit = {300: 200, 1000: 400, 3000: 600}[size]
        # The database alone must leave the page room: the fetch's limit is the page's own.
        results.append(
            Measurement(
                f"Raw windowed fetch of the index's {figures} figures, its indicators and targets,"
                f" {size} indicators",
                fetch,
                limit,
                note=f"the figures alone {taken['figures']:.1f} ms",
            )
        )
        results.append(
            Measurement(
                f"Variation, assurance and lines worked out and kept, {size} indicators, {MONTHS} months",
                refreshed,
                VARIATION_LIMIT_MS_PER_INDICATOR * size,
                note="once, when the suite is loaded; a change refreshes only its indicators",
            )
        )
        results.append(
            Measurement(
                f"Index page, {size} indicators with {MONTHS} monthly figures each, an officer,"
                " no cache at all (INDEX_CACHE=false: every row drawn)",
                taken["uncached"],
                limit,
                note=f"{taken['uncached'] / fetch:.1f}x the raw fetch: what the kept rows and bodies save",
            )
        )
        for label, timing in (
            ("an officer, cold (cache empty, rows kept)", taken["cold"]),
            ("an officer, warm (body cached)", taken["warm"]),
            ("a member (small numbers withheld), cold", taken["member"]),
        ):
            results.append(
                Measurement(
                    f"Index page, {size} indicators with {MONTHS} monthly figures each, {label}",
                    timing,
                    limit,
                )
            )
            results.append(
                Measurement(
                    "  the same, as a multiple of the raw fetch",
                    timing / fetch,
                    3,
                    "x",
                    note=f"{timing / taken['figures']:.1f}x the figures alone",
                )
            )
        if size == INDICATORS:
            compressed = (
                len(response.content)
                if response.get("Content-Encoding") == "gzip"
                else len(gzip.compress(response.content))
            )
            results.append(
                Measurement(
                    f"Index page weight, {size} indicators, compressed",
                    compressed / 1024,
                    250,
                    "KB",
                    note=f"{len(gzip.decompress(response.content)) // 1024} KB uncompressed"
                    if response.get("Content-Encoding") == "gzip"
                    else "",
                )
            )
            results.append(
                Measurement(
                    "Indicator page with five years of monthly figures",
                    best_of(lambda: client.get("/indicators/B1/"), repeat=7),
                    150,
                )
            )
            results.extend(served_by_gunicorn(database_url(), size))
    clear_suite()
    build_large_suite()
    return results


def _without_cache(client: Client):
    with override_settings(INDEX_CACHE=False):
        return client.get("/")


def database_url() -> str:
    """The address of the bench's own database, for a gunicorn it starts."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(database['NAME'])}"
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{database['USER']}@{host}/{database['NAME']}"


def served_by_gunicorn(database: str, size: int) -> list[Measurement]:
    """The public index through gunicorn: cold (each new worker's first view) and warm, 1 and 3 workers."""
    results = []
    for workers in (1, 3):
        for kept, environment in CACHES_COMPARED:
            if environment.get("CACHE_URL"):
                redis.Redis.from_url(environment["CACHE_URL"]).flushdb()  # the bench's own Redis database
            with (
                GunicornServer(database, workers=workers, environment=environment) as url,
                ThreadPoolExecutor(workers) as pool,
            ):
                cold = max(pool.map(lambda _: timed_get(url), range(workers)))
                warm = statistics.median(pool.map(lambda _: timed_get(url), range(10 * workers)))
                label = f"Index through gunicorn, {size} indicators, {workers} worker{'s' * (workers > 1)}"
                label = f"{label}, {kept}"
                if workers == 1 and environment.get("CACHE_URL"):
                    against_stored = warm_against_stored_file(url, label)
            results.append(
                Measurement(f"{label}: cold", cold, 1500, note="slowest first view of a new worker")
            )
            results.append(
                Measurement(f"{label}: warm", warm, 300, note=f"median of {10 * workers}, {workers} at once")
            )
            if workers == 1 and environment.get("CACHE_URL"):
                results.append(against_stored)
    return results


def warm_against_stored_file(url: str, label: str) -> Measurement:
    """The warm page against the same page served as a stored file by a gunicorn worker of its own:
    the two taking turns, view for view, so both are timed under the same conditions of the machine
    (the median of `STORED_FILE_VIEWS` each)."""
    page = urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - loopback
    with tempfile.NamedTemporaryFile(suffix=".html") as stored:
        stored.write(page)
        stored.flush()
        environment = {"BENCH_STORED_PAGE": stored.name}
        stored_page = GunicornServer("", workers=1, environment=environment, app="bench.stored_page:app")
        with stored_page as stored_url:
            timed_get(stored_url)
            warm, floor = [], []
            for _ in range(STORED_FILE_VIEWS):
                warm.append(timed_get(url))
                floor.append(timed_get(stored_url))
    warm, floor = statistics.median(warm), statistics.median(floor)
    return Measurement(
        f"{label}: warm, as a multiple of the same page served as a stored file",
        warm / floor,
        2,
        "x",
        note=f"{warm:.2f} ms against the stored file's {floor:.2f} ms,"
        f" medians of {STORED_FILE_VIEWS} views taking turns",
    )


STORED_FILE_VIEWS = 200


CACHES_COMPARED = (
    ("no cache at all", {"INDEX_CACHE": "false", "CACHE_URL": ""}),
    ("each worker's own memory", {"INDEX_CACHE": "true", "CACHE_URL": ""}),
    ("shared Redis cache", {"INDEX_CACHE": "true", "CACHE_URL": REDIS}),
)


def timed_get(url: str) -> float:
    started = time.perf_counter()
    urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - loopback
    return (time.perf_counter() - started) * 1000


class GunicornServer:
    """gunicorn on a free loopback port, so a portal already running on this machine is no bother."""

    def __init__(
        self, database: str, *, workers: int, environment: dict[str, str], app: str = "kpi_portal.wsgi"
    ):
        self.env = {
            **os.environ,
            "DEBUG": "true",
            "PUBLIC_ACCESS": "true",
            "DATABASE_URL": database,
            "AXES_ENABLED": "false",
            "REQUEST_LOG": "false",
            **environment,
        }
        self.workers = workers
        self.app = app
        self.port = _free_port()

    def __enter__(self) -> str:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            self.app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--no-control-socket",
        ]
        self.server = subprocess.Popen(  # noqa: S603 - this project's own gunicorn, bound to loopback
            command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        url = f"http://127.0.0.1:{self.port}/healthz"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        return f"http://127.0.0.1:{self.port}/"

    def __exit__(self, *exc):
        self.server.send_signal(signal.SIGTERM)
        self.server.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
