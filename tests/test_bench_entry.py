import pytest

from bench.entry import benchmarks
from indicators.models import Indicator, Outturn

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_benchmarks_open_and_enter_a_quarter_both_ways_and_leave_the_database_as_it_was():
    opening, *measurements = benchmarks()
    assert opening.name == "Open the form for a quarter"
    assert opening.value > 0
    assert opening.limit == 150
    assert [m.name for m in measurements] == [
        "Enter a quarter through the form",
        "Enter a quarter through the upload (check and confirm)",
        "What is due, by period, indicator and owner",
    ]
    assert all(m.value > 0 and m.limit == 1000 for m in measurements)
    assert not Indicator.objects.exists()
    assert not Outturn.objects.exists()
