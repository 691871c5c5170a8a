"""What an officer may enter, rule by rule, with no database."""

from decimal import Decimal as D

import pytest

from indicators.rules.entry import (
    Entry,
    EntryContext,
    Recorded,
    changes_figure,
    is_correction,
    is_large_move,
    problems_with,
    value_of,
)
from indicators.rules.rating import TargetRule
from indicators.rules.terms import Polarity

PERCENT = EntryContext(unit="percent")
COUNT = EntryContext(unit="count", polarity=Polarity.NONE)
WEEKS = EntryContext(unit="weeks", polarity=Polarity.LOWER_IS_BETTER)
NUMBER = EntryContext(unit="number")


def problems(entry: Entry, context: EntryContext) -> list[tuple[str, str]]:
    return [(problem.field, problem.message) for problem in problems_with(entry, context)]


@pytest.mark.parametrize(
    ("entry", "context", "expected"),
    [
        (Entry(value=D(55)), PERCENT, []),
        (Entry(value=D(0)), PERCENT, []),
        (Entry(value=D(100)), PERCENT, []),
        (Entry(value=D("100.1")), PERCENT, [("value", "Enter a percentage between 0 and 100")]),
        (Entry(value=D(-1)), PERCENT, [("value", "Enter a figure of 0 or more")]),
        (Entry(value=D(12)), COUNT, []),
        (Entry(value=D("12.5")), COUNT, [("value", "Enter a count as a whole number, 0 or more")]),
        (Entry(value=D(-3)), COUNT, [("value", "Enter a count as a whole number, 0 or more")]),
        (Entry(value=D(-1)), WEEKS, [("value", "Enter a figure of 0 or more")]),
        (Entry(value=D("-0.4")), NUMBER, []),  # a score such as Progress 8 may be negative
    ],
)
def test_values_within_their_units(entry, context, expected):
    assert problems(entry, context) == expected


@pytest.mark.parametrize(
    ("entry", "context", "expected"),
    [
        (Entry(numerator=D(50), denominator=D(91)), PERCENT, []),
        (
            Entry(numerator=D(92), denominator=D(91)),
            PERCENT,
            [("numerator", "The numerator must not be more than the denominator")],
        ),
        (Entry(numerator=D(0), denominator=D(0)), PERCENT, [("denominator", "Enter a denominator above 0")]),
        (Entry(numerator=D(50)), PERCENT, [("denominator", "Enter the denominator as well, or neither")]),
        (Entry(denominator=D(50)), PERCENT, [("numerator", "Enter the numerator as well, or neither")]),
        (
            Entry(numerator=D("50.5"), denominator=D(91)),
            PERCENT,
            [("numerator", "Enter the numerator as a whole number, 0 or more")],
        ),
        (
            Entry(numerator=D(-1), denominator=D(91)),
            PERCENT,
            [("numerator", "Enter the numerator as a whole number, 0 or more")],
        ),
        (
            Entry(numerator=D(5), denominator=D(9)),
            COUNT,
            [("numerator", "Only a percentage or a rate has a numerator and denominator")],
        ),
        (Entry(value=D(55), numerator=D(50), denominator=D(91)), PERCENT, []),  # 54.9 rounds to 55
        (Entry(value=D("54.9"), numerator=D(50), denominator=D(91)), PERCENT, []),
        (
            Entry(value=D(60), numerator=D(50), denominator=D(91)),
            PERCENT,
            [
                (
                    "value",
                    "The value does not match the numerator and denominator (54.9451);"
                    " leave it empty and it is computed",
                )
            ],
        ),
    ],
)
def test_numerators_and_denominators(entry, context, expected):
    assert problems(entry, context) == expected


def test_a_proportion_is_computed_not_typed_twice():
    assert value_of(Entry(numerator=D(50), denominator=D(91)), "percent") == D("54.9451")
    assert value_of(Entry(numerator=D(146), denominator=D(47200)), "rate10k") == D("30.9322")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            Entry(status="provisional"),
            [("value", "Enter the figure, or choose a status that says why there is none")],
        ),
        (Entry(status="not_available"), []),
        (Entry(status="unreliable"), []),
        (
            Entry(value=D(5), status="not_available"),
            [("value", "A figure not available in time has no value: remove it or change the status")],
        ),
    ],
)
def test_a_status_says_whether_there_is_a_value(entry, expected):
    assert problems(entry, COUNT) == expected


MOVES = EntryContext(
    unit="count", polarity=Polarity.NONE, previous_value=D(100), change_confirm_percent=D(25)
)


@pytest.mark.parametrize(
    ("entry", "expected_fields"),
    [
        (Entry(value=D(125)), []),  # exactly the limit is accepted
        (Entry(value=D(126)), ["confirm_change", "commentary"]),
        (Entry(value=D(74)), ["confirm_change", "commentary"]),
        (Entry(value=D(126), is_change_confirmed=True), ["commentary"]),
        (Entry(value=D(126), commentary="New front door."), ["confirm_change"]),
        (Entry(value=D(126), is_change_confirmed=True, commentary="New front door."), []),
    ],
)
def test_large_move_needs_confirmation_and_commentary(entry, expected_fields):
    assert [problem.field for problem in problems_with(entry, MOVES)] == expected_fields


def test_large_move_is_not_asked_again_for_a_figure_already_on_record():
    recorded = Recorded(value=D(200), numerator=None, denominator=None, status="provisional")
    context = EntryContext(
        unit="count", previous_value=D(100), change_confirm_percent=D(25), recorded=recorded
    )
    assert problems_with(Entry(value=D(200), commentary=""), context) == []


@pytest.mark.parametrize(
    ("value", "previous", "percent", "expected"),
    [
        (D(126), D(100), D(25), True),
        (D(125), D(100), D(25), False),
        (D(1), D(0), D(25), True),
        (D(0), D(0), D(25), False),
        (D(500), None, D(25), False),
        (D(500), D(100), None, False),
    ],
)
def test_is_large_move(value, previous, percent, expected):
    assert is_large_move(value, previous, percent) is expected


RATED = EntryContext(
    unit="weeks",
    polarity=Polarity.LOWER_IS_BETTER,
    target=TargetRule(value=D(26), tolerance=D(2)),
    recorded=Recorded(value=D(30), numerator=None, denominator=None, status="validated", commentary="Two."),
)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            Entry(value=D(30), status="validated"),
            [("commentary", "Explain a Red figure in the commentary before validating it")],
        ),
        (Entry(value=D(30), status="provisional"), []),
        (Entry(value=D(30), status="validated", commentary="Two complex cases."), []),
        (Entry(value=D(27), status="validated"), []),  # Amber
    ],
)
def test_red_figure_needs_commentary_before_it_is_validated(entry, expected):
    assert problems(entry, RATED) == expected


ENTERED_AS_PROVISIONAL = [
    ("status", "Enter the figure as provisional: its lead officer or second officer validates it")
]


@pytest.mark.parametrize(
    ("recorded_status", "expected"),
    [(None, ENTERED_AS_PROVISIONAL), ("provisional", ENTERED_AS_PROVISIONAL), ("validated", [])],
)
def test_an_officer_entering_a_figure_does_not_mark_it_validated(recorded_status, expected):
    recorded = (
        Recorded(value=D(7), numerator=None, denominator=None, status=recorded_status)
        if recorded_status
        else None
    )
    context = EntryContext(unit="count", polarity=Polarity.NONE, recorded=recorded)
    assert problems(Entry(value=D(7), status="validated"), context) == expected


PUBLISHED = Recorded(value=D(118), numerator=None, denominator=None, status="validated", is_published=True)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            Entry(value=D(121), status="validated"),
            [("correction_reason", "This figure has been published: give the reason for correcting it")],
        ),
        (Entry(value=D(121), status="validated", correction_reason="Late referrals."), []),
        (
            Entry(value=D(118), status="not_available"),
            [("value", "A figure not available in time has no value: remove it or change the status")],
        ),
        (
            Entry(status="not_available"),
            [("correction_reason", "This figure has been published: give the reason for correcting it")],
        ),
        (Entry(value=D(118), status="validated", commentary="Only words change."), []),
    ],
)
def test_changing_a_published_figure_is_a_correction_with_a_reason(entry, expected):
    assert problems(entry, EntryContext(unit="count", polarity=Polarity.NONE, recorded=PUBLISHED)) == expected


@pytest.mark.parametrize("status", ["validated", "provisional"])
def test_an_unchanged_published_figure_is_no_correction_whichever_status_is_chosen(status):
    """Entering a validated figure again as it is, as "Validated" or "Provisional", changes nothing:
    no reason is asked for, and nothing is saved as a correction."""
    entry = Entry(value=D(118), status=status)
    assert problems(entry, EntryContext(unit="count", polarity=Polarity.NONE, recorded=PUBLISHED)) == []
    assert not changes_figure(entry, PUBLISHED, "count")
    assert not is_correction(entry, PUBLISHED, "count")


def test_a_figure_stored_to_four_places_is_unchanged_by_its_fraction():
    recorded = Recorded(value=D("54.9451"), numerator=D(50), denominator=D(91), status="validated")
    assert not changes_figure(
        Entry(numerator=D(50), denominator=D(91), status="validated"), recorded, "percent"
    )
