from datetime import date

import pytest

from tests import factories
from tests.breakdowns import factories as breakdowns

Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def assessments():
    """Indicator 2 by four localities, with the council's Q1 2019/20 figure on record: for entry."""
    return breakdowns.assessments_by_locality()


@pytest.fixture
def assessments_with_parts():
    """Indicator 2 by four localities in Q1 and Q2 2019/20: West 94 of 110, then 22 of 25."""
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=80, tolerance=5)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q1, numerator=352, denominator=420, value=83.8)
    factories.outturn(indicator, Q2, numerator=81, denominator=100, value=81)
    figures = {Q1: [(90, 100), (88, 110), (80, 100), (94, 110)], Q2: [(20, 25), (18, 25), (21, 25), (22, 25)]}
    for when, pairs in figures.items():
        for member, (numerator, denominator) in zip(members, pairs, strict=True):
            breakdowns.part(indicator, when, member, numerator=numerator, denominator=denominator)
    return indicator, members


@pytest.fixture
def foster_carers():
    """Indicator 22, in-house foster carers recruited (a count), by the same localities in Q2:
    South's 3 is small, and East's 10 would give it away."""
    indicator = factories.indicator(reference="22", title="In-house foster carers recruited", unit="count")
    factories.target(indicator, 2019, value=8, tolerance=2)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, 47)
    for member, value in zip(members, (12, 3, 10, 22), strict=True):
        breakdowns.part(indicator, Q2, member, value)
    return indicator, members
