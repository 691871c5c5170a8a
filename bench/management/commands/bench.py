"""`manage.py bench`: the portal's speed promises, measured on data the command builds itself.

It runs in a throwaway database, never the portal's own: a SQLite file, or with `DATABASE_URL`
naming PostgreSQL a database created beside it and dropped after (the worker's memory in a
throwaway PostgreSQL database, bench/memory.py), and prints each measurement beside its
limit. Timings are the fastest of several runs on this machine.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import setup_databases, teardown_databases

from bench import breakdowns as breakdowns_bench
from bench import dfe as dfe_bench
from bench import entry as entry_bench
from bench import index as index_bench
from bench import memory as memory_bench
from bench import published as published_bench
from bench import reports as reports_bench
from bench import suite_import as suite_import_bench
from bench.measure import Measurement, machine_pace
from kpi_portal import worker

BENCHMARKS = {
    "index": index_bench,
    "entry": entry_bench,
    "dfe": dfe_bench,
    "reports": reports_bench,
    "published": published_bench,
    "localities": breakdowns_bench,
    "import": suite_import_bench,
    "memory": memory_bench,
}


def is_sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


class Command(BaseCommand):
    help = "Measure page, import and export speed on generated data, and a gunicorn worker's memory."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(BENCHMARKS), help="Run one group of measurements.")

    def handle(self, *args, only=None, **options):
        workdir = Path(tempfile.mkdtemp(prefix="kpi-bench-"))
        database = workdir / "bench.sqlite3"
        if is_sqlite():
            settings.DATABASES["default"]["TEST"].update(NAME=str(database))
        else:
            # On PostgreSQL (DATABASE_URL), a throwaway database beside the portal's own.
            settings.DATABASES["default"]["TEST"].update(NAME=f"kpi_bench_{os.getpid()}")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # As served, not as tested: Django's test environment would time every template with its
        # context copied for the test client, which no council's server does. No query log either,
        # and no mail leaves the bench.
        settings.DEBUG = False
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
        worker.settle()  # as kpi_portal/wsgi.py settles each gunicorn worker
        pace_before = machine_pace()
        try:
            results = []
            for name, module in BENCHMARKS.items():
                if only in (None, name):
                    results.extend(module.benchmarks())
        finally:
            teardown_databases(old_config, verbosity=0, keepdb=is_sqlite())
        database.unlink(missing_ok=True)
        self.report(results, pace=(pace_before, machine_pace()))

    def report(self, results: list[Measurement], *, pace: tuple[float, float]) -> None:
        before, after = (taken / 1000 for taken in pace)
        self.stdout.write(
            f"This machine added up ten million numbers in Python in {before:.2f} s before the"
            f" measurements and {after:.2f} s after them: read the timings against its pace."
        )
        width = max(len(result.name) for result in results)
        for result in results:
            verdict = "ok" if result.is_within_limit else "OVER LIMIT"
            limit = f"(limit {result.limit:g} {result.unit})"
            line = f"{result.name:<{width}}  {result.value:8.1f} {result.unit:<2}  {limit}"
            line += f"  {verdict}" + (f"  {result.note}" if result.note else "")
            self.stdout.write(self.style.SUCCESS(line) if result.is_within_limit else self.style.ERROR(line))
        over = [result for result in results if not result.is_within_limit]
        if over:
            # `make bench` fails, so a promise broken is never read past.
            raise CommandError(f"{len(over)} of {len(results)} measurements are over their limits.")
        self.stdout.write(f"All {len(results)} measurements are within their limits.")
