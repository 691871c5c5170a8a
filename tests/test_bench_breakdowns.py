import pytest

from bench.breakdowns import benchmarks
from breakdowns.models import Member, PartFigure
from indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_bench_reads_a_small_suite_by_locality_and_leaves_the_database_as_it_was():
    [measurement] = benchmarks(indicators=6)
    assert measurement.name == "Index filtered to one locality, 6 indicators"
    assert measurement.value > 0
    assert measurement.limit == 300
    assert not Indicator.objects.exists()
    assert not Member.objects.exists()
    assert not PartFigure.objects.exists()
