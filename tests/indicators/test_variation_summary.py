"""The variation and assurance kept with each indicator (indicators/variation_summary.py), read by
the index with the indicator, refreshed by every change to what they are worked out from."""

import re
from datetime import date

import pytest
from django.urls import reverse

from indicators.entry.validation import validate_figures
from indicators.models import ChangePoint, Outturn, VariationSummary
from indicators.rules.periods import Period, PeriodKind
from indicators.services import correct_outturn, period_for
from indicators.variation_summary import _pending, refresh_every_variation, refresh_variation
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = Period(date(2023, 4, 1), PeriodKind.MONTH)
STEADY = [80, 82, 79, 81, 80, 83, 78, 80, 81, 79, 82, 80, 81, 79, 80, 82]
FALLEN = [*STEADY, 70, 69, 71, 70, 68, 70, 69]


def monthly(values, *, status="validated", **fields):
    indicator = factories.indicator(frequency="month", **fields)
    for offset, value in enumerate(values):
        factories.outturn(indicator, FIRST.shifted(offset), value, status=status)
    return indicator


@pytest.fixture(autouse=True)
def nothing_pending():
    """Each test's setup asks for refreshes a rolled-back test never commits: forget them."""
    _pending().clear()
    yield
    _pending().clear()


def summary_of(indicator) -> VariationSummary:
    return VariationSummary.objects.get(indicator=indicator)


def test_a_fall_below_the_limits_is_special_cause_concern_and_a_target_above_them_consistently_failing():
    indicator = monthly(FALLEN)
    factories.target(indicator, 2024, value=90)
    refresh_variation([indicator.pk])
    summary = summary_of(indicator)
    assert (summary.variation, summary.assurance) == ("concern_low", "fail")
    assert summary.concern == "A point outside the process limits"
    assert summary.period_end == FIRST.shifted(len(FALLEN) - 1).end
    assert not summary.is_trial
    assert not summary.uses_small_number


def test_an_indicator_with_too_few_figures_keeps_an_empty_summary():
    indicator = monthly([80])
    refresh_variation([indicator.pk])
    assert summary_of(indicator).variation == ""


def test_a_series_with_a_small_number_is_marked_so():
    indicator = monthly([12, 3, 11, 12, 10], unit="count", polarity="lower")
    refresh_variation([indicator.pk])
    assert summary_of(indicator).uses_small_number


def test_every_indicator_is_refreshed_at_once():
    indicators = [monthly(STEADY), monthly(FALLEN)]
    assert refresh_every_variation() == 2
    assert {summary_of(indicator).variation for indicator in indicators} == {"common_cause", "concern_low"}


# Each change path refreshes the summary once its change commits.


def test_validating_figures_refreshes_it(django_capture_on_commit_callbacks, charlie):
    indicator = monthly(STEADY)
    refresh_variation([indicator.pk])
    fallen = [
        factories.outturn(indicator, FIRST.shifted(len(STEADY) + n), value, status="provisional")
        for n, value in enumerate(FALLEN[len(STEADY) :])
    ]
    assert summary_of(indicator).variation == "common_cause"
    _pending().clear()
    with django_capture_on_commit_callbacks(execute=True):
        validate_figures(user=charlie, versions={outturn.pk: outturn.version for outturn in fallen})
    assert summary_of(indicator).variation == "concern_low"


def test_a_correction_refreshes_it(django_capture_on_commit_callbacks, charlie):
    indicator = monthly(FALLEN)
    refresh_variation([indicator.pk])
    latest = Outturn.objects.get(indicator=indicator, period=period_for(FIRST.shifted(len(FALLEN) - 1)))
    latest.first_published_at = latest.validated_at = None
    latest.save()
    VariationSummary.objects.all().delete()
    _pending().clear()
    with django_capture_on_commit_callbacks(execute=True):
        correct_outturn(outturn=latest, value=81, status="validated", reason="Miscounted", user=charlie)
    assert summary_of(indicator).variation


def test_saving_a_target_refreshes_it(django_capture_on_commit_callbacks):
    indicator = monthly(FALLEN)
    refresh_variation([indicator.pk])
    assert summary_of(indicator).assurance == ""
    with django_capture_on_commit_callbacks(execute=True):
        factories.target(indicator, 2024, value=90)
    assert summary_of(indicator).assurance == "fail"


def test_recording_and_removing_a_change_point_refreshes_it(django_capture_on_commit_callbacks):
    indicator = monthly(FALLEN)
    refresh_variation([indicator.pk])
    with django_capture_on_commit_callbacks(execute=True):
        change = ChangePoint.objects.create(
            indicator=indicator, period=period_for(FIRST.shifted(len(STEADY))), reason="New service"
        )
    assert summary_of(indicator).variation != "concern_low"
    with django_capture_on_commit_callbacks(execute=True):
        change.delete()
    assert summary_of(indicator).variation == "concern_low"


def test_entering_figures_refreshes_it(django_capture_on_commit_callbacks, charlie):
    from decimal import Decimal

    from indicators.entry.services import FigureChange, save_figures
    from indicators.rules.entry import Entry

    indicator = monthly(STEADY)
    period = FIRST.shifted(len(STEADY))
    entry = Entry(value=Decimal(81))
    _pending().clear()
    with django_capture_on_commit_callbacks(execute=True):
        save_figures(
            period=period,
            changes=[FigureChange(indicator.pk, indicator.unit, 0, entry)],
            user=charlie,
            how="Period entry form",
        )
    # Worked out, from the figures members see: the new one is provisional until validated.
    assert summary_of(indicator).period_end == FIRST.shifted(len(STEADY) - 1).end


def test_a_refreshed_summary_changes_the_index_data_stamp():
    from indicators.index_cache import data_stamp

    indicator = monthly(STEADY)
    before = data_stamp()
    refresh_variation([indicator.pk])
    assert data_stamp() != before


# The index reads it.


def test_the_index_shows_variation_and_assurance_as_icons_with_words(client, alice):
    indicator = monthly(FALLEN, title="Visits on time")
    factories.target(indicator, 2024, value=90)
    refresh_variation([indicator.pk])
    client.force_login(alice)
    page = client.get(reverse("indicators:index")).content.decode()
    assert re.search(r"<th[^>]*>\s*Variation\s*</th>", page)
    assert re.search(r"<th[^>]*>\s*Assurance\s*</th>", page)
    row = page[page.index(f'data-reference="{indicator.reference}"') :]
    row = row[: row.index("</tr>")]
    assert "Special cause concern: lower" in row
    assert "Consistently failing the target" in row
    # The stylesheet draws each icon: its look and the letter in its circle.
    assert 'kpi-spc--concern" data-letter="L"' in row
    assert 'kpi-spc--fail" data-letter="F"' in row


def test_the_index_shows_none_for_a_summary_of_another_period(client, alice):
    indicator = monthly(FALLEN, title="Visits on time")
    refresh_variation([indicator.pk])
    VariationSummary.objects.filter(indicator=indicator).update(period_end=date(2020, 1, 31))
    client.force_login(alice)
    page = client.get(reverse("indicators:index")).content.decode()
    row = page[page.index(f'data-reference="{indicator.reference}"') :]
    row = row[: row.index("</tr>")]
    assert "Special cause" not in row
    assert "Not available" in row


def test_the_public_never_see_variation_worked_out_from_a_small_number(client, alice, bob, settings):
    settings.PUBLIC_ACCESS = True
    indicator = monthly([12, 3, *([11, 12, 10, 30] * 4)], unit="count", polarity="lower")
    refresh_variation([indicator.pk])
    summary = summary_of(indicator)
    assert summary.variation
    words = {"common_cause": "Common cause"}.get(summary.variation, "Special cause")
    for reader, sees in ((None, False), (alice, False), (bob, True)):
        client.logout()
        if reader:
            client.force_login(reader)
        page = client.get(reverse("indicators:index")).content.decode()
        row = page[page.index(f'data-reference="{indicator.reference}"') :]
        row = row[: row.index("</tr>")]
        assert (words in row) is sees
        if not sees:
            assert "withheld: small number" in row


def test_the_index_reads_the_summaries_in_the_same_queries_however_many(
    client, alice, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("indicators:index"))
        return len(captured)

    refresh_variation([monthly(FALLEN).pk])
    few = queries()
    refresh_variation([monthly(STEADY).pk for _ in range(5)])
    assert queries() == few


def test_publishing_a_report_refreshes_it_with_the_figures_it_showed(django_capture_on_commit_callbacks, bob):
    from reports.services import publish_meeting
    from tests.reports import factories as reports

    indicator = monthly(STEADY)
    shown = factories.outturn(indicator, FIRST.shifted(len(STEADY)), 60, status="provisional")
    refresh_variation([indicator.pk])
    assert summary_of(indicator).period_end == FIRST.shifted(len(STEADY) - 1).end
    meeting = reports.meeting(reports.committee([indicator]), day=date(2025, 1, 6), as_at=shown.period.end)
    _pending().clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_meeting(meeting=meeting, user=bob)
    assert summary_of(indicator).period_end == shown.period.end
