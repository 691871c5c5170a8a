from decimal import Decimal

import pytest

from indicators.rules.terms import Rating
from reports.rules import DecisionShape, decision_problems, rating_change


@pytest.mark.parametrize(
    ("previous", "current", "written"),
    [
        (Rating.GREEN, Rating.RED, "G to R"),
        (Rating.AMBER, Rating.GREEN, "A to G"),
        (Rating.NOT_RATED, Rating.RED, "n/a to R"),
        (None, Rating.AMBER, "new to A"),
    ],
)
def test_rating_change_is_written_as_the_committee_writes_it(previous, current, written):
    assert rating_change(previous, current) == written


@pytest.mark.parametrize(
    ("shape", "problem"),
    [
        (DecisionShape("add", 0, 0), "Name the indicators it adds."),
        (DecisionShape("retire", 1, 1), "Retiring brings nothing in; record a replacement instead."),
        (DecisionShape("replace", 2, 0), "Name the indicators that replace them."),
        (DecisionShape("split", 1, 1), "Name at least two indicators it is split into."),
        (DecisionShape("split", 2, 2), "Name the one indicator it splits."),
        (DecisionShape("change_target", 1, 0, 2020, None), "Give the new target's value."),
    ],
)
def test_decision_that_does_not_say_what_it_does_has_a_problem(shape, problem):
    assert problem in decision_problems(shape)


@pytest.mark.parametrize(
    "shape",
    [
        DecisionShape("add", 0, 1),
        DecisionShape("retire", 2, 0),
        DecisionShape("replace", 2, 1),
        DecisionShape("split", 1, 2),
        DecisionShape("change_target", 1, 0, 2020, Decimal(90)),
    ],
)
def test_well_formed_decision_has_no_problem(shape):
    assert decision_problems(shape) == []
