"""A published report's downloads in under 50 ms each: its PDF pack, appendix and open data CSV
are made once, when it is published, and sent as kept (reports/files.py), for a 150-indicator
report read by an officer over HTTP.

The data is built in the current database inside a transaction that is rolled back.
"""

from django.db import transaction
from django.test import Client

from bench.build import person
from bench.measure import Measurement, best_of_each
from bench.reports import SUITE_SIZE, meeting_of_suite
from indicators.roles import OFFICERS
from reports.files import store_report_files
from reports.models import ReportFileKind
from reports.services import publish_meeting

LIMIT_MS = 50.0
DOWNLOADS = {"PDF pack": "pack.pdf", "appendix": "appendix.xlsx", "open data CSV": "report.csv"}


def benchmarks() -> list[Measurement]:
    with transaction.atomic():
        meeting = meeting_of_suite(SUITE_SIZE)
        officer = person("bench-publisher", OFFICERS)
        publish_meeting(meeting=meeting, user=officer)
        # Every file, the packs as `make_report_files` draws them after a publication.
        store_report_files(
            meeting, absolute_uri=lambda path: f"http://testserver{path}", kinds=tuple(ReportFileKind)
        )
        client = Client()
        client.force_login(officer)
        timings = best_of_each(
            {name: _fetcher(client, f"/meetings/{meeting.pk}/{path}") for name, path in DOWNLOADS.items()},
            repeat=10,
        )
        sizes = {
            name: len(_fetcher(client, f"/meetings/{meeting.pk}/{path}")())
            for name, path in DOWNLOADS.items()
        }
        transaction.set_rollback(True)
    return [
        Measurement(
            f"published {name} of a {SUITE_SIZE}-indicator report",
            round(timings[name], 1),
            LIMIT_MS,
            note=f"sent as kept, {sizes[name] // 1024} KB",
        )
        for name in DOWNLOADS
    ]


def _fetcher(client: Client, path: str):
    def fetched() -> bytes:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    return fetched
