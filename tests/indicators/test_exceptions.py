from decimal import Decimal as D

from indicators.rules.exceptions import (
    ExceptionCriteria,
    ExceptionFacts,
    consecutive_worsening,
    exception_reasons,
)
from indicators.rules.terms import Direction, Rating

W, S, I = Direction.WORSENING, Direction.SAME, Direction.IMPROVING  # noqa: E741


def test_red_is_an_exception_by_default():
    assert exception_reasons(ExceptionFacts(Rating.RED), ExceptionCriteria()) == ["Rated Red"]


def test_amber_only_when_switched_on():
    assert exception_reasons(ExceptionFacts(Rating.AMBER), ExceptionCriteria()) == []
    assert exception_reasons(ExceptionFacts(Rating.AMBER), ExceptionCriteria(amber=True)) == ["Rated Amber"]


def test_green_is_not_an_exception():
    criteria = ExceptionCriteria(red=True, amber=True, off_target_percent=D(5), deteriorating_periods=3)
    assert exception_reasons(ExceptionFacts(Rating.GREEN, D(0), [I, W]), criteria) == []


def test_off_target_by_five_percent_or_more():
    criteria = ExceptionCriteria(red=False, off_target_percent=D(5))
    assert exception_reasons(ExceptionFacts(Rating.AMBER, D("4.9")), criteria) == []
    assert exception_reasons(ExceptionFacts(Rating.AMBER, D(5)), criteria) == [
        "Off target by 5.0% (5% or more is an exception)"
    ]


def test_deteriorating_three_periods_running():
    criteria = ExceptionCriteria(red=False, deteriorating_periods=3)
    assert exception_reasons(ExceptionFacts(Rating.GREEN, None, [W, W, S]), criteria) == []
    assert exception_reasons(ExceptionFacts(Rating.GREEN, None, [W, W, W, I]), criteria) == [
        "Worsening for 3 periods running"
    ]


def test_consecutive_worsening_counts_from_the_newest():
    assert consecutive_worsening([W, W, I, W]) == 2
    assert consecutive_worsening([I, W, W]) == 0
    assert consecutive_worsening([]) == 0


def test_every_met_criterion_is_reported():
    criteria = ExceptionCriteria(red=True, off_target_percent=D(5), deteriorating_periods=2)
    reasons = exception_reasons(ExceptionFacts(Rating.RED, D("7.7"), [W, W]), criteria)
    assert reasons == [
        "Rated Red",
        "Off target by 7.7% (5% or more is an exception)",
        "Worsening for 2 periods running",
    ]


def test_no_data_is_never_an_exception():
    criteria = ExceptionCriteria(red=True, amber=True, off_target_percent=D(5))
    assert exception_reasons(ExceptionFacts(Rating.NO_DATA), criteria) == []


def test_criteria_describe_themselves():
    criteria = ExceptionCriteria(red=True, amber=True, off_target_percent=D(5), deteriorating_periods=3)
    assert criteria.describe() == [
        "rated Red",
        "rated Amber",
        "off target by 5% or more",
        "worsening for 3 periods running",
    ]


def test_special_cause_concern_is_an_exception_when_chosen_with_the_rule_that_found_it():
    facts = ExceptionFacts(
        rating=Rating.GREEN, is_special_cause_concern=True, concern="7 points in a row below the average"
    )
    assert exception_reasons(facts, ExceptionCriteria(red=False)) == []
    chosen = ExceptionCriteria(red=False, special_cause_concern=True)
    assert exception_reasons(facts, chosen) == ["Special cause concern: 7 points in a row below the average"]
    assert "special cause concern" in chosen.describe()


def test_consistently_failing_the_target_is_an_exception_when_chosen():
    facts = ExceptionFacts(rating=Rating.AMBER, is_consistently_failing=True)
    assert exception_reasons(facts, ExceptionCriteria(red=False)) == []
    chosen = ExceptionCriteria(red=False, consistently_failing=True)
    assert exception_reasons(facts, chosen) == ["Consistently failing the target"]
    assert "consistently failing the target" in chosen.describe()
