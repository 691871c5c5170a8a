"""A target's kind is named in a word wherever a report shows it (a report frozen before it was:
tests/reports/test_snapshot_versions.py)."""

from datetime import date

import pytest

from indicators.rules.terms import TargetKind
from tests import factories


@pytest.mark.django_db
def test_a_promise_target_reads_promise_on_the_index(client, alice):
    indicator = factories.indicator(reference="40", title="Average caseload", unit="count")
    factories.target(indicator, 2019, value=15, kind=TargetKind.PROMISE)
    factories.outturn(indicator, date(2019, 7, 1), 14)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "15 (promise)" in page, "worded as the report words it"
    assert "for example the caseload promise" not in page
