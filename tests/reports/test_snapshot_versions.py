"""A report frozen in an older shape is brought to the current one once, by its migration, and then
reads as a report frozen today."""

import importlib
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps

from indicators.lines import period_from_json
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.terms import Polarity
from reports.contents import SNAPSHOT_VERSION, line_from_entry
from reports.models import ReportEntry
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

to_version_2 = importlib.import_module("reports.migrations.0006_report_entries_keep_values")


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
    to_version_2._entry_to_version_2(entry, periods or {})
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
    del entry.figures["open_exception_reasons"], entry.figures["movement"]
    entry.save()

    to_version_2.to_version_2(apps, None)

    assert line_from_entry(ReportEntry.objects.get(pk=entry.pk)) == as_published
