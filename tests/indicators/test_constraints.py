"""Rules the database itself refuses to break, whatever code writes to it."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import Outturn, Target
from tests import factories

pytestmark = pytest.mark.django_db


def refused(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False


def test_one_outturn_per_indicator_and_period():
    indicator = factories.indicator()
    first = factories.outturn(indicator, date(2019, 7, 1), 50)
    assert refused(
        lambda: Outturn.objects.create(indicator=indicator, period=first.period, value=Decimal(60))
    )


def test_numerator_may_not_exceed_denominator():
    indicator = factories.indicator()
    assert refused(lambda: factories.outturn(indicator, date(2019, 7, 1), numerator=92, denominator=91))


def test_denominator_must_be_positive():
    indicator = factories.indicator()
    assert refused(lambda: factories.outturn(indicator, date(2019, 7, 1), value=1, denominator=0))


def test_range_lower_may_not_exceed_upper():
    indicator = factories.indicator(polarity="range")
    assert refused(lambda: factories.target(indicator, 2019, lower=20, upper=12))


def test_target_needs_a_value_or_a_range():
    indicator = factories.indicator()
    assert refused(lambda: Target.objects.create(indicator=indicator, year=2019))


def test_one_target_per_indicator_and_year():
    indicator = factories.indicator()
    factories.target(indicator, 2019)
    assert refused(lambda: factories.target(indicator, 2019))


def test_history_keeps_every_change_to_a_figure(bob):
    indicator = factories.indicator()
    outturn = factories.outturn(indicator, date(2019, 7, 1), 50)
    outturn.value = Decimal(55)
    outturn.save()
    assert [h.value for h in outturn.history.order_by("history_date")] == [Decimal(50), Decimal(55)]
