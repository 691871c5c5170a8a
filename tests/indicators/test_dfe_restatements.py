"""When DfE revises a figure it had published, the indicator page says so: the figure it replaced,
the new one, the date, and whether the council's band or national rank moved."""

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.dfe.models import DfeMapping
from indicators.dfe.restatements import Version, restatements_in
from indicators.dfe.services import import_dfe_file
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle
from tests.test_one_line import words

IMPORT = "Imported from csww_indicators_2017_to_2025.csv"


def version(value, *, at=1, band="B", rank=60, ranked=152, kind="council", reason=IMPORT) -> Version:
    return Version(
        year=2025,
        label="2025",
        kind=kind,
        value=None if value is None else Decimal(value),
        reason="" if value is not None else "Suppressed",
        band=band,
        national_rank=rank,
        national_ranked=ranked,
        source_file="csww_indicators_2017_to_2025.csv",
        at=datetime(2026, 1, at, tzinfo=UTC),
        change_reason=reason,
    )


def test_a_changed_figure_between_two_imports_is_a_revision():
    [revision] = restatements_in([version("12.5", at=1), version("13.1", at=2)])
    assert (revision.before.value, revision.after.value) == (Decimal("12.5"), Decimal("13.1"))
    assert revision.is_value_revised
    assert revision.revised_at == datetime(2026, 1, 2, tzinfo=UTC)


def test_an_import_that_changes_nothing_is_no_revision():
    assert restatements_in([version("12.5", at=1), version("12.5", at=2)]) == []


def test_a_figure_typed_in_the_administration_pages_is_not_dfe_s_revision():
    typed = version("20", at=2, reason=None)
    assert restatements_in([version("12.5", at=1), typed, version("12.5", at=3)]) == []


def test_a_figure_published_after_being_suppressed_is_a_revision():
    [revision] = restatements_in([version(None, at=1), version("7", at=2)])
    assert revision.before.reason == "Suppressed"


def test_a_revision_says_whether_the_band_and_the_national_rank_moved():
    [revision] = restatements_in([version("12.5", at=1), version("18", at=2, band="C", rank=90)])
    assert revision.is_band_changed
    assert revision.is_rank_changed
    [revision] = restatements_in([version("12.5", at=1), version("12.6", at=2, rank=61)])
    assert not revision.is_band_changed
    assert revision.is_rank_changed


def test_other_councils_revisions_that_move_the_band_are_shown_though_the_council_s_figure_stands():
    [revision] = restatements_in([version("12.5", at=1), version("12.5", at=2, band="C")])
    assert not revision.is_value_revised
    assert revision.is_band_changed


def test_band_and_rank_are_the_council_s_only():
    [revision] = restatements_in(
        [version("30", at=1, kind="england"), version("31", at=2, kind="england", band="C")]
    )
    assert not revision.is_band_changed


def test_revisions_are_newest_first():
    revisions = restatements_in(
        [version("1", at=1), version("2", at=2), version("3", at=3), version("5", at=1, kind="england")]
    )
    assert [(r.before.value, r.after.value) for r in revisions] == [
        (Decimal(2), Decimal(3)),
        (Decimal(1), Decimal(2)),
    ]


# On the indicator page, from two imports of DfE's file.


def revised_file(changes: dict[str, str]) -> bytes:
    """DfE's workforce file with the 2025 agency rate of each LA code in `changes` revised."""
    text = oracle.path(oracle.CSWW).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["time_period"] == "2025" and row["old_la_code"] in changes:
            row["agency_rate_fte"] = changes[row["old_la_code"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def agency_rate(db):
    indicator = factories.agency_rate()
    return indicator, DfeMapping.objects.get(indicator=indicator)


def reimport(mapping, changes: dict[str, str]):
    import_dfe_file(revised_file(changes), file_name=oracle.CSWW, mappings=[mapping], la_code="315")


def trail_of(client, user, indicator) -> str:
    client.force_login(user)
    page = client.get(indicator.get_absolute_url()).content.decode()
    if 'id="restatement-trail"' not in page:
        return ""
    trail = page[page.index('id="restatement-trail"') :]
    return words(trail[: trail.index("</table>")])


def test_page_says_nothing_of_revisions_when_there_are_none(client, alice, agency_rate):
    indicator, mapping = agency_rate
    reimport(mapping, {})
    assert trail_of(client, alice, indicator) == ""


def test_a_revision_of_the_council_s_figure_shows_old_and_new_date_band_and_rank(client, alice, agency_rate):
    indicator, mapping = agency_rate
    was = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", 2025, "lower")
    council = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)["council"]
    reimport(mapping, {"315": "0.0"})
    trail = trail_of(client, alice, indicator)
    today = timezone.localdate()
    assert f"2025 This council (published) {council:.1f}% 0.0%" in trail
    assert f"{today.day} {today:%B %Y} importing {oracle.CSWW}" in trail
    if was["band"] != "A":
        assert f"Band {was['band']} to A." in trail
    assert f"National rank {was['rank']} of {was['ranked']} to 1 of {was['ranked']}." in trail


def test_a_neighbour_s_revision_shows_as_the_neighbours_mean_revised(client, alice, agency_rate):
    indicator, mapping = agency_rate
    before = Comparator.objects.get(indicator=indicator, year=2025, kind="neighbours").value
    codes, _ = oracle.neighbours_of("315", 2025)
    reimport(mapping, {codes[0]: "99.9"})
    after = Comparator.objects.get(indicator=indicator, year=2025, kind="neighbours").value
    trail = trail_of(client, alice, indicator)
    assert f"2025 Statistical neighbours' average {before:.1f}% {after:.1f}%" in trail
    assert "Not affected" in trail


def test_the_page_reads_the_trail_in_one_query_however_many_revisions(client, alice, agency_rate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    indicator, mapping = agency_rate
    reimport(mapping, {"315": "1.0"})
    client.force_login(alice)
    with CaptureQueriesContext(connection) as once:
        client.get(indicator.get_absolute_url())
    reimport(mapping, {"315": "2.0"})
    reimport(mapping, {"315": "3.0"})
    with CaptureQueriesContext(connection) as thrice:
        page = client.get(indicator.get_absolute_url()).content.decode()
    assert len(thrice) == len(once)
    assert words(page).count("This council (published)") >= 3


def test_neighbours_figure_changed_by_a_new_neighbour_model_is_not_dfe_s_revision():
    at_the_time = replace(version("12.5", at=1, kind="neighbours"), neighbour_model="DfE, April 2021")
    current = replace(version("14.0", at=2, kind="neighbours"), neighbour_model="DfE model 2025")
    assert restatements_in([at_the_time, current]) == []
    assert (
        len(restatements_in([current, replace(current, value=Decimal("15"), at=current.at.replace(day=3))]))
        == 1
    )
