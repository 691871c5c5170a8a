"""A report's variation and assurance: shown on its page, in the pack, the appendix (in words) and
its open data; frozen when it is published; an exception where the committee chooses; and never
shown to the public where worked out from a small number."""

import csv
import importlib
import io
from datetime import date
from io import BytesIO

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import VariationSummary
from indicators.reader import Reader
from indicators.rules.periods import Period, PeriodKind
from indicators.variation_summary import refresh_variation
from reports.models import ReportEntry
from reports.selectors import report_for
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports
from tests.test_one_line import pack_index, row_text

to_version_3 = importlib.import_module("reports.migrations.0009_report_entries_keep_variation")
to_version_4 = importlib.import_module("reports.migrations.0011_report_cards_frozen_with_entries")
to_version_5 = importlib.import_module("reports.migrations.0014_report_entries_keep_comparator_values")
pytestmark = pytest.mark.django_db

FIRST = Period(date(2015, 4, 1), PeriodKind.QUARTER)
FIGURES = [80, 82, 79, 81, 80, 83, 78, 80, 81, 79, 82, 80, 81, 79, 80, 82, 60]
"""Quarters from Q1 2015/16 to Q1 2019/20, the last far below the rest."""
CONCERN = "Special cause concern: lower"
FAILING = "Consistently failing the target"


def falling(title="Visits within 10 working days", **fields):
    indicator = factories.indicator(title=title, decimal_places=0, **fields)
    for offset, value in enumerate(FIGURES):
        factories.outturn(indicator, FIRST.shifted(offset).start, numerator=value, denominator=100)
    for year in (2018, 2019):
        factories.target(indicator, year, value=90)
    factories.comparator(indicator, 2018, "england", 75, year_label="2018/19")
    factories.comparator(indicator, 2018, "neighbours", 61, year_label="2018/19")
    refresh_variation([indicator.pk])
    return indicator


@pytest.fixture
def indicator():
    return falling()


@pytest.fixture
def meeting(indicator):
    return reports.meeting(reports.committee([indicator]), as_at=date(2019, 6, 30))


@pytest.fixture
def published(meeting, bob):
    return publish_meeting(meeting=meeting, user=bob)


def test_the_report_page_shows_both_with_their_icons(client, alice, published, indicator):
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[published.pk])).content.decode()
    index = page[page.index('id="report-index"') :]
    assert ">Variation</th>" in index
    assert ">Assurance</th>" in index
    row = row_text(index, indicator.reference)
    assert CONCERN in row
    assert FAILING in row
    assert ">L</text>" in index


def test_the_pack_prints_both_in_words(client, alice, published, tmp_path):
    client.force_login(alice)
    text = " ".join(pack_index(client, published, tmp_path).split())
    assert "Variation Assurance" in text
    # The words wrap within their narrow columns, side by side (a long word broken across lines).
    assert {"Special", "cause", "concern:", "lower", "failing"} <= set(text.split())
    assert "Consistent" in text


def test_the_appendix_writes_both_in_words(client, alice, published, indicator):
    client.force_login(alice)
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))
    sheet = workbook["Performance index"]
    headings = [cell.value for cell in sheet[1]]
    [row] = [row for row in sheet.iter_rows(min_row=2) if row[1].value == indicator.reference]
    cells = dict(zip(headings, (cell.value for cell in row), strict=True))
    assert cells["Variation"] == CONCERN
    assert cells["Assurance"] == FAILING


def test_a_published_report_keeps_what_it_showed(published, alice, indicator):
    VariationSummary.objects.filter(indicator=indicator).update(
        variation="improvement_high", assurance="pass"
    )
    [line] = report_for(published, reader=Reader.for_user(alice)).lines
    assert line.variation_shown.text == CONCERN
    assert line.assurance_shown.text == FAILING


def test_a_report_frozen_before_variation_was_kept_reads_not_available(published, alice):
    """An entry of version 2, as frozen before variation was kept, brought to version 3 by its migration."""
    entry = ReportEntry.objects.get(meeting=published)
    entry.figures.pop("variation")
    to_version_5._entry_to_version_4(entry)  # its comparators in words, as version 2 kept them
    entry.version = 2
    entry.save()
    to_version_3.to_version_3(apps, None)
    to_version_4.to_version_4(apps, None)
    to_version_5.to_version_5(apps, None)
    [line] = report_for(published, reader=Reader.for_user(alice)).lines
    assert line.variation_shown.text == "Not available"
    assert line.assurance_shown.text == "Not available"


@pytest.mark.parametrize(
    ("criterion", "reason"),
    [
        ("exceptions_special_cause_concern", "Special cause concern: A point outside the process limits"),
        ("exceptions_consistently_failing", FAILING),
    ],
)
def test_a_committee_may_make_either_an_exception(indicator, bob, criterion, reason):
    committee = reports.committee(
        [indicator], exceptions_red=False, exceptions_amber=False, **{criterion: True}
    )
    meeting = reports.meeting(committee, as_at=date(2019, 6, 30))
    [line] = report_for(meeting, reader=Reader.for_user(bob)).lines
    assert line.exception_reasons == [reason]
    plain = reports.committee([indicator], name="Other", exceptions_red=False, exceptions_amber=False)
    [line] = report_for(reports.meeting(plain, as_at=date(2019, 6, 30)), reader=Reader.for_user(bob)).lines
    assert line.exception_reasons == []


def test_the_live_exceptions_page_reads_the_settings(client, alice, indicator, settings):
    settings.EXCEPTIONS_RED = settings.EXCEPTIONS_AMBER = False
    settings.EXCEPTIONS_WORSENING_PERIODS = None
    settings.EXCEPTIONS_SPECIAL_CAUSE_CONCERN = True
    client.force_login(alice)
    page = client.get(reverse("indicators:exceptions")).content.decode()
    assert "Special cause concern: A point outside the process limits" in page
    assert "special cause concern" in page


def test_the_committee_form_offers_both_with_hints(client, charlie):
    client.force_login(charlie)
    page = client.get(reverse("reports:committee_add")).content.decode()
    assert "Special cause concern is an exception" in page
    assert "Consistently failing the target is an exception" in page
    assert 'id="id_exceptions_special_cause_concern-hint"' in page


# Open data.


def latest(rows: list[dict], reference: str) -> dict:
    [row] = [row for row in rows if row["reference"] == reference and row["is_latest_period"] == "yes"]
    return row


@pytest.mark.parametrize(
    ("csv_url", "json_url"),
    [("indicators:index_csv", "indicators:index_json"), ("reports:report_csv", "reports:report_json")],
)
def test_open_data_gives_variation_assurance_and_significance(
    client, alice, published, indicator, csv_url, json_url
):
    client.force_login(alice)
    args = [] if csv_url.startswith("indicators") else [published.pk]
    from_csv = latest(
        list(csv.DictReader(io.StringIO(client.get(reverse(csv_url, args=args)).content.decode()))),
        indicator.reference,
    )
    from_json = latest(client.get(reverse(json_url, args=args)).json()["rows"], indicator.reference)
    assert from_csv == from_json
    assert from_csv["variation"] == CONCERN
    assert from_csv["assurance"] == FAILING
    assert from_csv["variation_limits"] == "fixed"
    # 60 of 100: Wilson's 95% interval is 50.2% to 69.06% (69.0599 to four places), below
    # England's 75% and about the neighbours' 61%.
    assert from_csv["interval_95_lower"].startswith("50.2")
    assert from_csv["interval_95_upper"].startswith("69.0")
    assert float(from_csv["interval_998_lower"]) < float(from_csv["interval_95_lower"])
    assert from_csv["england_compared_95"] == "Worse"
    assert from_csv["neighbours_compared_95"] == "Similar"
    assert from_csv["england_compared_998"] in ("Worse", "Similar")


def test_open_data_withholds_the_interval_of_a_withheld_figure(client, settings):
    settings.PUBLIC_ACCESS = True
    small = factories.indicator(title="Children missing education", unit="count", polarity="lower")
    for offset, value in enumerate([12, 3, 11, 12, 10, 30, 11, 12, 10, 14, 11, 12, 10, 14, 11, 12, 2]):
        factories.outturn(small, FIRST.shifted(offset).start, value)
    refresh_variation([small.pk])
    assert VariationSummary.objects.get(indicator=small).variation
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("indicators:index_csv")).content.decode())))
    row = latest(rows, small.reference)
    assert row["value"] == "c"
    assert row["variation"] == row["assurance"] == "c"
    assert row["interval_95_lower"] == row["england_compared_95"] == "c"


def test_open_data_gives_a_count_its_interval(client, alice):
    count = factories.indicator(title="Children looked after", unit="count", polarity="none")
    for offset, value in enumerate([300, 310, 305]):
        factories.outturn(count, FIRST.shifted(offset).start, value)
    client.force_login(alice)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("indicators:index_csv")).content.decode())))
    row = latest(rows, count.reference)
    assert float(row["interval_95_lower"]) < 305 < float(row["interval_95_upper"])
    assert row["england_compared_95"] == "Not compared"
