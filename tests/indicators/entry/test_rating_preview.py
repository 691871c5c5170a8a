"""What the entry pages say beside a figure: its target and tolerance in the committee's words, and
the rating the figure will get, by the rule the index rates it with, with a Red's need of commentary."""

from decimal import Decimal as D

import pytest

from indicators.assessment import assess
from indicators.entry.presentation import rating_preview, target_text
from indicators.entry.selectors import EntryRow
from indicators.models import Indicator, Outturn, ReportingPeriod, Target
from indicators.rules.terms import Rating
from tests.indicators.entry.helpers import Q2


def indicator(**fields) -> Indicator:
    defaults = {
        "reference": "2",
        "title": "Single assessments",
        "unit": "percent",
        "polarity": "higher",
        "decimal_places": 1,
        "frequency": "quarter",
        "year_basis": "financial",
    }
    return Indicator(**{**defaults, **fields})


def target(value=None, *, lower=None, upper=None, tolerance=0, kind="points") -> Target:
    return Target(
        year=2019,
        value=None if value is None else D(value),
        range_lower=None if lower is None else D(lower),
        range_upper=None if upper is None else D(upper),
        tolerance=D(tolerance),
        tolerance_kind=kind,
    )


@pytest.mark.parametrize(
    ("fields", "target", "expected"),
    [
        (
            {},
            target(85, tolerance=5),
            "Target 85.0% or more; off target by less than 5 percentage points: Amber;"
            " by 5 percentage points or more: Red",
        ),
        (
            {"unit": "weeks", "polarity": "lower", "decimal_places": 0},
            target(26, tolerance="1.5"),
            "Target 26 weeks or less; off target by less than 1.5 weeks: Amber; by 1.5 weeks or more: Red",
        ),
        (
            {"unit": "count", "polarity": "lower", "decimal_places": 0},
            target(60, tolerance=10, kind="percent"),
            "Target 60 or less; off target by less than 10% of the target: Amber;"
            " by 10% of the target or more: Red",
        ),
        (
            {"polarity": "range"},
            target(lower=12, upper=20, tolerance=1),
            "Target range 12.0% to 20.0%; off target by less than 1 percentage point: Amber;"
            " by 1 percentage point or more: Red",
        ),
        ({}, target(85), "Target 85.0% or more; off target by any amount: Red (no tolerance)"),
        ({}, None, "No target for this year: not rated"),
        ({"polarity": "range"}, target(15), "No acceptable range for this year: not rated"),
        ({"unit": "count", "polarity": "none"}, None, "A contextual measure: not rated against a target"),
        ({"is_target_measure": False}, target(85), "A contextual measure: not rated against a target"),
    ],
)
def test_a_target_reads_with_its_tolerance_in_the_committees_words(fields, target, expected):
    assert target_text(indicator(**fields), target) == expected


def row(target: Target | None, **fields) -> EntryRow:
    return EntryRow(indicator=indicator(**fields), outturn=None, previous=None, target=target)


@pytest.mark.parametrize(
    ("value", "commentary", "expected"),
    [
        ("86", "", (Rating.GREEN, False)),
        ("82", "", (Rating.AMBER, False)),
        ("80", "", (Rating.RED, True)),
        ("80", "Two teams were short of social workers.", (Rating.RED, False)),
        ("80", "   ", (Rating.RED, True)),
    ],
)
def test_a_figure_typed_is_rated_and_a_red_one_needs_commentary(value, commentary, expected):
    preview = rating_preview(row(target(85, tolerance=5)), D(value), commentary)
    assert (preview.rating, preview.needs_commentary) == expected
    assert preview.figure == f"{D(value):.1f}%"


@pytest.mark.parametrize(
    ("the_row", "value"),
    [
        (row(target(85, tolerance=5)), None),
        (row(None), D(80)),
        (row(target(85), unit="count", polarity="none"), D(80)),
    ],
    ids=["no figure", "no target", "contextual"],
)
def test_a_figure_without_a_rating_shows_none(the_row, value):
    assert rating_preview(the_row, value, "") is None


@pytest.mark.parametrize("value", ["84.96", "85", "80.01", "80", "79.99", "0", "100"])
def test_the_rating_previewed_is_the_one_the_index_gives(value):
    """The preview and the index read the same rule: whatever the figure, they agree."""
    the_target = target(85, tolerance=5)
    the_row = row(the_target)
    period = ReportingPeriod(start=Q2.start, end=Q2.end, kind="quarter", basis="financial", label=Q2.label)
    outturn = Outturn(indicator=the_row.indicator, period=period, value=D(value), status="provisional")
    outturn.raw_numerator = outturn.raw_denominator = None
    assessment = assess(
        the_row.indicator,
        {("quarter", Q2.start): outturn},
        {2019: the_target},
        {},
        suppress_small_numbers=False,
        small_number_threshold=0,
    )
    assert rating_preview(the_row, D(value), "").rating is assessment.rating
