"""A report frozen in an older shape is brought to the current one once, by its migration, and then
reads as a report frozen today."""

import importlib
from copy import deepcopy
from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps

from indicators.lines import Shown, period_from_json
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.terms import Polarity
from reports.contents import SNAPSHOT_VERSION, line_from_entry
from reports.models import ReportEntry
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

to_version_2 = importlib.import_module("reports.migrations.0006_report_entries_keep_values")
to_version_3 = importlib.import_module("reports.migrations.0009_report_entries_keep_variation")
to_version_4 = importlib.import_module("reports.migrations.0011_report_cards_frozen_with_entries")
to_version_5 = importlib.import_module("reports.migrations.0014_report_entries_keep_comparator_values")


def figure(period: str, value: str, *, is_small: bool) -> dict:
    return {
        "period": period,
        "value": value,
        "text": f"{value}%",
        "status": "validated",
        "is_small": is_small,
    }


def version_1_entry(**fields):
    """An entry as reports published before version 2 froze it: periods and polarity in words."""
    defaults = {
        "pk": 1,
        "indicator_id": 7,
        "indicator": SimpleNamespace(frequency="quarter", year_basis="financial"),
        "position": 1,
        "reference": "2",
        "title": "Single assessments within 45 days",
        "service_area": "Social Care",
        "is_restricted": False,
        "is_target_measure": True,
        "unit": "percent",
        "decimal_places": 0,
        "version": 1,
        "polarity": "Higher is better",
        "rating": "red",
        "previous_rating": "",
        "direction": "worsening",
        "target": "85%",
        "figures": {
            "recent": [
                {
                    "period": "Q1 2019/20",
                    "value": "86",
                    "text": "86%",
                    "status": "validated",
                    "is_small": False,
                },
                {"period": "Q2 2019/20", "value": "4", "text": "4%", "status": "validated", "is_small": True},
            ],
            "previous_year_end": {"period": "Q4 2018/19", "value": None, "text": "No figure", "status": ""},
        },
        "comparators": {
            "neighbours": {"value": "80.4", "text": "80%", "year": "2018/19"},
            "council": {
                "value": None,
                "text": "B",
                "year": "2019/20",
                "band": "B",
                "note": "",
                "period": "Q2 2019/20",
            },
        },
        "commentary": "",
        "exception_reasons": ["Rated Red"],
        "caveat": "",
        "management_commentary": "",
        "corrective_actions": "",
        "breakdowns": [],
        "corrections": [
            {
                "period": "Q1 2019/20",
                "previous": "80%",
                "new": "86%",
                "reason": "Recounted",
                "corrected_on": "2019-10-02",
                "corrected_by": "Bob",
            }
        ],
    }
    return SimpleNamespace(**{**defaults, **fields})


def migrated(entry, periods=None):
    """A version 1 entry brought to the current version by each migration in turn."""
    to_version_2._entry_to_version_2(entry, periods or {})
    to_version_3._entry_to_version_3(entry)
    to_version_4._entry_to_version_4(entry)
    to_version_5._entry_to_version_5(entry)
    return entry


def test_a_version_1_entry_reads_as_values_once_migrated():
    line = line_from_entry(migrated(version_1_entry()))

    assert line.polarity is Polarity.HIGHER_IS_BETTER
    assert [figure.period for figure in line.figures] == [
        Period(date(2019, 4, 1), PeriodKind.QUARTER),
        Period(date(2019, 7, 1), PeriodKind.QUARTER),
    ]
    assert line.previous_year_end.period == Period(date(2019, 1, 1), PeriodKind.QUARTER)
    assert line.corrections[0].period == Period(date(2019, 4, 1), PeriodKind.QUARTER)
    assert line.comparators["council"]["period"] == line.latest.period


def test_a_figure_is_dated_by_its_outturn_where_it_has_one():
    entry = version_1_entry(indicator=SimpleNamespace(frequency="year", year_basis="academic"))
    entry.figures["recent"] = [
        {
            "period": "2019/20",
            "value": "3",
            "text": "3",
            "status": "validated",
            "is_small": False,
            "outturn_id": 9,
        }
    ]
    outturns = {9: {"start": "2019-09-01", "kind": "year", "basis": "academic"}}

    line = line_from_entry(migrated(entry, outturns))

    assert line.latest.period == Period(date(2019, 9, 1), PeriodKind.YEAR, YearBasis.ACADEMIC)


def test_an_academic_year_without_a_figure_is_read_on_the_indicators_basis():
    entry = version_1_entry(indicator=SimpleNamespace(frequency="year", year_basis="academic"))
    entry.figures["recent"] = [{"period": "2019/20", "value": None, "text": "No figure", "status": ""}]

    line = line_from_entry(migrated(entry))

    assert line.latest.period == Period(date(2019, 9, 1), PeriodKind.YEAR, YearBasis.ACADEMIC)


def test_an_entry_frozen_before_open_exceptions_were_kept_withholds_them_where_a_figure_is_withheld():
    line = line_from_entry(migrated(version_1_entry()))

    assert line.exception_reasons == ["Rated Red"]
    assert line.masked().exception_reasons == []


@pytest.mark.parametrize(
    ("frozen", "shown"),
    [
        ("15.0 (promise (for example the caseload promise))", "15.0 (promise)"),
        ("15.0 (promise)", "15.0 (promise)"),
        ("26 weeks (national or statutory)", "26 weeks (national or statutory)"),
        ("85%", "85%"),
    ],
)
def test_a_frozen_target_reads_as_reports_now_word_it(frozen, shown):
    assert line_from_entry(migrated(version_1_entry(target=frozen))).target == shown


def test_an_entry_of_another_version_is_not_read():
    with pytest.raises(ValueError, match=r"manage\.py migrate"):
        line_from_entry(version_1_entry())


def test_a_migrated_entry_is_of_the_current_version():
    assert migrated(version_1_entry()).version == SNAPSHOT_VERSION


@pytest.mark.django_db
def test_a_published_report_frozen_in_version_1_reads_the_same_once_migrated(bob):
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=85, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), numerator=86, denominator=100)
    factories.outturn(indicator, date(2019, 7, 1), numerator=50, denominator=91)
    meeting = publish_meeting(meeting=reports.meeting(reports.committee([indicator])), user=bob)
    [entry] = meeting.entries.all()
    as_published = line_from_entry(entry)
    entry.version = 1
    entry.polarity = as_published.polarity.label
    for data in [*entry.figures["recent"], entry.figures["previous_year_end"]]:
        if data:
            data["period"] = period_from_json(data["period"]).label
    del entry.figures["open_exception_reasons"], entry.figures["movement"], entry.figures["variation"]
    entry.save()

    to_version_2.to_version_2(apps, None)
    to_version_3.to_version_3(apps, None)
    to_version_4.to_version_4(apps, None)
    to_version_5.to_version_5(apps, None)

    # Version 1 kept no variation: the report reads as published, its variation "Not available".
    not_kept = {"variation": "", "assurance": "", "is_trial": False, "variation_concern": ""}
    not_kept["spc_uses_small_number"] = False
    assert line_from_entry(ReportEntry.objects.get(pk=entry.pk)) == replace(as_published, **not_kept)


def test_an_entry_frozen_before_cards_reads_with_its_card_records_blank():
    line = line_from_entry(migrated(version_1_entry()))

    assert (line.lead_officer, line.data_owner, line.success_looks_like) == ("", "", "")


# Version 4 to 5: comparators kept as values, worded by the line.

VERSION_4_COMPARATORS = {
    "neighbours": {
        "value": "61.2000",
        "text": "61%",
        "year": "2018/19",
        "note": "Rank 3 of 11 by the published figure, mean of 10, 2018/19",
        "rank": 3,
        "ranked": 11,
    },
    "region": {
        "value": None,
        "text": "Suppressed to protect confidentiality (small number)",
        "year": "2018/19",
        "note": "2018/19",
        "rank": None,
        "ranked": None,
    },
    "england": {
        "value": "58.7000",
        "text": "59%",
        "year": "2018/19",
        "note": "2018/19",
        "rank": None,
        "ranked": None,
    },
    "council": {
        "value": None,
        "text": "B",
        "year": "2019",
        "note": "among 152 councils",
        "band": "B",
        "national_rank": 40,
        "national_ranked": 152,
        "period": {"start": "2019-07-01", "kind": "quarter", "basis": "financial"},
    },
}
"""A version 4 entry's comparators as a report published with DfE's comparators froze them."""


def version_4_entry():
    entry = version_1_entry()
    to_version_2._entry_to_version_2(entry, {})
    to_version_3._entry_to_version_3(entry)
    to_version_4._entry_to_version_4(entry)
    entry.comparators = deepcopy(VERSION_4_COMPARATORS)
    return entry


def test_a_version_4_entry_keeps_its_comparators_as_values_once_migrated():
    entry = version_4_entry()
    to_version_5._entry_to_version_5(entry)

    assert entry.version == 5
    assert entry.comparators == {
        "neighbours": {
            "value": "61.2000",
            "reason": "",
            "year_label": "2018/19",
            "rank": 3,
            "ranked": 11,
            "neighbours_used": 10,
        },
        "region": {
            "value": None,
            "reason": "Suppressed to protect confidentiality (small number)",
            "year_label": "2018/19",
            "rank": None,
            "ranked": None,
            "neighbours_used": None,
        },
        "england": {
            "value": "58.7000",
            "reason": "",
            "year_label": "2018/19",
            "rank": None,
            "ranked": None,
            "neighbours_used": None,
        },
        "council": {
            "band": "B",
            "national_rank": 40,
            "national_ranked": 152,
            "year_label": "2019",
            "period": {"start": "2019-07-01", "kind": "quarter", "basis": "financial"},
        },
    }


@pytest.mark.parametrize("kind", ["neighbours", "region", "england"])
def test_a_version_4_comparator_shows_the_words_it_kept_once_migrated(kind):
    kept = VERSION_4_COMPARATORS[kind]
    entry = version_4_entry()
    to_version_5._entry_to_version_5(entry)

    shown = line_from_entry(entry).comparator_shown(kind)

    # As a version 4 line showed its kept words.
    year, has_value = kept["year"], kept["value"] is not None
    assert shown == Shown(kept["text"], note=kept["note"] or year, period=year, is_number=has_value)


def test_a_version_4_band_shows_the_words_it_kept_once_migrated_and_is_withheld_with_its_figure():
    entry = version_4_entry()
    to_version_5._entry_to_version_5(entry)
    line = line_from_entry(entry)

    assert line.band_shown == Shown("B", note="among 152 councils", period="2019")
    # The band's period is the withheld small figure's (Q2 2019/20).
    assert line.masked().band_shown.text == "[c]"
    assert line.masked().band_shown.note == ""


def test_a_version_5_entry_is_worded_again_as_version_4_kept_it_when_migrated_back():
    entry = version_4_entry()
    to_version_5._entry_to_version_5(entry)
    to_version_5._entry_to_version_4(entry)

    assert entry.version == 4
    assert entry.comparators == VERSION_4_COMPARATORS


@pytest.mark.django_db
def test_a_published_report_frozen_in_version_4_reads_the_same_once_migrated(bob):
    indicator = factories.indicator(reference="9", unit="rate10k", decimal_places=1, polarity="lower")
    factories.outturn(indicator, date(2025, 1, 1), Decimal("41.26"))
    factories.comparator(
        indicator, 2025, "neighbours", "38.45", rank=4, ranked=11, neighbours_used=10, place="Neighbours"
    )
    factories.comparator(indicator, 2025, "england", None, unavailable_reason="Not applicable")
    factories.comparator(indicator, 2025, "council", 41, band="C", national_rank=90, national_ranked=152)
    meeting = reports.meeting(reports.committee([indicator]), date(2025, 5, 6), date(2025, 3, 31))
    meeting = publish_meeting(meeting=meeting, user=bob)
    [entry] = meeting.entries.all()
    as_published = line_from_entry(entry)
    to_version_5.to_version_4(apps, None)
    entry = ReportEntry.objects.get(pk=entry.pk)
    assert entry.comparators["neighbours"]["note"] == "Rank 4 of 11 by the published figure, mean of 10, 2025"
    assert entry.comparators["england"]["text"] == "Not applicable"
    assert entry.comparators["council"]["note"] == "among 152 councils"

    to_version_5.to_version_5(apps, None)

    assert line_from_entry(ReportEntry.objects.get(pk=entry.pk)) == as_published
    assert as_published.comparator_shown("neighbours").words == (
        "38.5 per 10,000 Rank 4 of 11 by the published figure, mean of 10, 2025"
    )
