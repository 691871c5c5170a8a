from bench.suite_import import INDICATORS, MONTHS, council_workbook
from indicators.suite_import.reader import read_index_workbook


def test_the_benchmarks_workbook_is_one_the_portal_reads_whole():
    """`make bench` imports a council's workbook built from the template's layout: it keeps up with
    the columns the layout gains, so the bench never stops at a refused upload."""
    read = read_index_workbook(council_workbook())
    assert len(read.indicators) == INDICATORS
    assert all(len(row.figures) == MONTHS for row in read.indicators)
    assert {row.details["success_looks_like"] for row in read.indicators} == {"Every child seen on time"}
    assert read.targets
