"""An indicator rates its own figures: every page, report and breakdown asks `Indicator.rating_of`,
which reads the indicator's polarity, decimal places and whether it is a target measure."""

from decimal import Decimal as D

from indicators.models import Indicator, Target
from indicators.rules.rating import TargetRule
from indicators.rules.terms import Direction, Polarity, Rating


def indicator(**fields) -> Indicator:
    fields = {"polarity": Polarity.HIGHER_IS_BETTER, "decimal_places": 1, "is_target_measure": True, **fields}
    return Indicator(reference="2", title="Single assessments in 45 days", **fields)


def test_rated_through_its_polarity():
    rule = TargetRule(value=D(12), tolerance=D(2))
    assert indicator(polarity=Polarity.LOWER_IS_BETTER).rating_of(D(13), rule).rating is Rating.AMBER
    assert indicator(polarity=Polarity.HIGHER_IS_BETTER).rating_of(D(13), rule).rating is Rating.GREEN


def test_rated_at_its_decimal_places():
    rule = TargetRule(value=D(80), tolerance=D(0))
    assert indicator(decimal_places=0).rating_of(D("79.6"), rule).rating is Rating.GREEN
    assert indicator(decimal_places=1).rating_of(D("79.6"), rule).rating is Rating.RED


def test_a_contextual_measure_is_not_rated():
    rule = TargetRule(value=D(80))
    assert indicator(is_target_measure=False).rating_of(D(50), rule).rating is Rating.NOT_RATED


def test_direction_reads_the_targets_range():
    caseloads = indicator(polarity=Polarity.WITHIN_RANGE, no_change_band=D(0))
    target = Target(indicator=caseloads, year=2019, range_lower=D(12), range_upper=D(20))
    assert caseloads.direction_of(D(18), D(24), target=target) is Direction.IMPROVING
