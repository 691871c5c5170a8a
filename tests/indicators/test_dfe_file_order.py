"""Imports are ordered by the data they hold: an older file is refused unless asked for, and is never
taken for DfE's revision; years a newer file drops are kept and said."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.dfe.models import DfeMapping
from indicators.dfe.restatements import restatements_for
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:indicators_dfemapping_import")
OLDER = "csww_indicators_2017_to_2024.csv"


@pytest.fixture
def mapping():
    return DfeMapping.objects.create(
        indicator=factories.indicator(reference="39", unit="percent", polarity="lower", frequency="year"),
        publication="DfE: Children's social work workforce",
        filters={},
        value_column="agency_rate_fte",
    )


def csww(*, years: range, england_2022: str | None = None) -> str:
    """DfE's workforce file cut to some years, and England's 2022 figure as an older release had it."""
    lines = oracle.path(oracle.CSWW).read_text(encoding="utf-8-sig").splitlines()
    at = lines[0].split(",").index("agency_rate_fte")
    kept = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if int(cells[0]) not in years:
            continue
        if england_2022 and cells[0] == "2022" and cells[2] == "National":
            cells[at] = england_2022
        kept.append(",".join(cells))
    return "\n".join(kept)


def england_2022() -> str:
    [row] = [
        row
        for row in oracle.rows(oracle.CSWW)
        if row["time_period"] == "2022" and row["geographic_level"] == "National"
    ]
    return row["agency_rate_fte"]


def state(mapping) -> dict:
    return {
        (c.year, c.kind): (c.value, c.source_file)
        for c in Comparator.objects.filter(indicator=mapping.indicator)
    }


def run(path, *arguments):
    call_command("import_dfe", str(path), "--council", "315", *arguments)


def test_older_file_after_a_newer_one_is_refused_on_the_command_line_and_nothing_changes(tmp_path, mapping):
    run(oracle.path(oracle.CSWW))
    before = state(mapping)
    older = tmp_path / OLDER
    older.write_text(csww(years=range(2017, 2025), england_2022="99.9"))

    with pytest.raises(
        CommandError, match=r"holds figures up to 2024, older than those already imported \(up to 2025"
    ):
        run(older)

    assert state(mapping) == before
    mapping.refresh_from_db()
    assert mapping.last_file == oracle.CSWW
    assert str(before[(2022, "england")][0]).startswith(england_2022())


def test_older_file_is_refused_in_the_admin_unless_ticked(client, charlie, mapping):
    client.force_login(charlie)
    client.post(IMPORT_URL, {"file": SimpleUploadedFile(oracle.CSWW, oracle.path(oracle.CSWW).read_bytes())})
    older = csww(years=range(2017, 2025), england_2022="99.9").encode()

    refused = client.post(IMPORT_URL, {"file": SimpleUploadedFile(OLDER, older)}).content.decode()
    assert "was not imported, and nothing changed" in refused
    assert "older than those already imported" in refused
    assert Comparator.objects.get(year=2022, kind="england").value != Decimal("99.9")

    client.post(IMPORT_URL, {"file": SimpleUploadedFile(OLDER, older), "older": "on"})
    assert Comparator.objects.get(year=2022, kind="england").value == Decimal("99.9")


def test_older_file_asked_for_is_never_shown_as_dfe_s_revision_nor_made_the_last_file(tmp_path, mapping):
    run(oracle.path(oracle.CSWW))
    older = tmp_path / OLDER
    older.write_text(csww(years=range(2017, 2025), england_2022="99.9"))

    run(older, "--older")
    run(oracle.path(oracle.CSWW))

    assert restatements_for(mapping.indicator_id) == []
    mapping.refresh_from_db()
    assert mapping.last_file == oracle.CSWW


def test_newer_file_that_drops_years_keeps_them_and_says_which(tmp_path, mapping, capsys):
    run(oracle.path(oracle.CSWW))
    before = state(mapping)
    newer = tmp_path / "csww_indicators_2019_to_2025.csv"
    newer.write_text(csww(years=range(2019, 2026)))
    capsys.readouterr()

    run(newer)

    assert "no figures for indicator 39 in 2017, 2018, which an earlier file had: those are kept" in (
        capsys.readouterr().out
    )
    assert {key: row for key, row in state(mapping).items() if key[0] < 2019} == {
        key: row for key, row in before.items() if key[0] < 2019
    }
