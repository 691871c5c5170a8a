from io import StringIO

from django.core.management.base import CommandError

from bench.management.commands.bench import Command
from bench.measure import Measurement


def report_of(results, pace):
    out = StringIO()
    command = Command(stdout=out)
    try:
        command.report(results, pace=pace)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def test_the_bench_prints_the_machines_pace_before_its_measurements():
    printed, refused = report_of([Measurement("Open the index", 120.0, 200)], pace=(630.0, 2310.0))
    first, measured, verdict = printed.splitlines()
    assert first == (
        "This machine added up ten million numbers in Python in 0.63 s before the measurements and"
        " 2.31 s after them: read the timings against its pace."
    )
    assert measured.startswith("Open the index")
    assert "(limit 200 ms)  ok" in measured
    assert verdict == "All 1 measurements are within their limits."
    assert not refused


def test_a_measurement_over_its_limit_still_fails_the_bench():
    printed, refused = report_of([Measurement("Draw the pack", 5700.0, 3000)], pace=(630.0, 640.0))
    assert "OVER LIMIT" in printed
    assert refused == "1 of 1 measurements are over their limits."
