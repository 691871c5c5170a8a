"""`manage.py spc IN.csv`: the portal's SPC rule over an analyst's series, as CSV.

Input rows are `series,index,value,improvement,target,rebase` (target and rebase optional); the
output is each input row, series in their input order and rows by index within a series, with the
series' `mean,lower_limit,upper_limit,signal,rule` on every row and `variation_icon,assurance` on
its last. Nothing is written unless every row reads.
"""

import csv
import io
import math
import sys
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import pairwise

from django.core.management.base import BaseCommand, CommandError

from indicators.rules.spc import Improvement, analyse

REQUIRED = ("series", "index", "value", "improvement")
RESULTS = ("mean", "lower_limit", "upper_limit", "signal", "rule", "variation_icon", "assurance")
PLACES = 4
MISSING = ("", "na")


@dataclass
class Row:
    line: int
    cells: dict[str, str]
    index: int
    value: float | None
    improvement: Improvement
    target: float | None
    is_rebase: bool


class Command(BaseCommand):
    help = (
        "Chart series as the portal's SPC pages do (Making Data Count's XmR rules) and write each "
        "row with its average, process limits, signal and rule, and each series' variation icon "
        "and assurance, as CSV to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV with series,index,value,improvement[,target,rebase]; - reads standard input."
        )

    def handle(self, *args, file, **options):
        fieldnames, rows = _read(file)
        series: dict[str, list[Row]] = {}
        for row in rows:
            series.setdefault(row.cells["series"].strip(), []).append(row)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*fieldnames, *RESULTS])
        for name, members in series.items():
            for row, results in _chart(name, members):
                writer.writerow([*(row.cells.get(column) or "" for column in fieldnames), *results])
        self.stdout.write(out.getvalue(), ending="")


def _read(file: str) -> tuple[list[str], list[Row]]:
    try:
        handle = nullcontext(sys.stdin) if file == "-" else open(file, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
    with handle as lines:
        reader = csv.DictReader(lines)
        fieldnames = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = fieldnames
        missing = [column for column in REQUIRED if column not in fieldnames]
        if missing:
            raise CommandError(f"{file} has no column {', '.join(missing)} (line 1).")
        clashing = [column for column in RESULTS if column in fieldnames]
        if clashing:
            raise CommandError(f"{file} already has a column {', '.join(clashing)}, which the output adds.")
        rows = [_row(reader.line_num, cells) for cells in reader]
    return fieldnames, rows


def _row(line: int, cells: dict[str, str]) -> Row:
    def cell(column: str) -> str:
        return (cells.get(column) or "").strip()

    def fail(column: str, problem: str):
        raise _problem(line, column, problem)

    if not cell("series"):
        fail("series", "no series named.")
    try:
        index = int(cell("index"))
    except ValueError:
        fail("index", f"{cell('index')!r} is not a whole number.")
    try:
        improvement = Improvement(cell("improvement").lower())
    except ValueError:
        fail("improvement", f"{cell('improvement')!r} is not increase, decrease or neutral.")
    if cell("rebase") not in ("", "0", "1"):
        fail("rebase", f"{cell('rebase')!r} is not 1 (a new baseline starts here), 0 or empty.")
    numbers = {}
    for column in ("value", "target"):
        text = cell(column)
        if text.lower() in MISSING:
            numbers[column] = None
            continue
        try:
            numbers[column] = float(text)
        except ValueError:
            fail(column, f"{text!r} is not a number.")
        if not math.isfinite(numbers[column]):
            fail(column, f"{text!r} is not a number.")
    return Row(line, cells, index, numbers["value"], improvement, numbers["target"], cell("rebase") == "1")


def _chart(name: str, rows: list[Row]):
    rows = sorted(rows, key=lambda row: row.index)
    first = rows[0]
    for previous, row in pairwise(rows):
        if row.index == previous.index:
            raise _problem(row.line, "index", f"series {name!r} already has index {row.index}.")
    for row in rows:
        if row.improvement is not first.improvement:
            raise _problem(
                row.line, "improvement", f"series {name!r} is {first.improvement} on line {first.line}."
            )
    targets = [row for row in rows if row.target is not None]
    for row in targets:
        if row.target != targets[0].target:
            raise _problem(
                row.line,
                "target",
                f"series {name!r} has target {targets[0].target:g} on line {targets[0].line}.",
            )
    chart = analyse(
        [row.value for row in rows],
        first.improvement,
        target=targets[0].target if targets else None,
        rebases=[position for position, row in enumerate(rows) if row.is_rebase],
    )
    for row, point in zip(rows, chart.points, strict=True):
        is_last = row is rows[-1]
        yield (
            row,
            (
                _number(point.mean),
                _number(point.lower_limit),
                _number(point.upper_limit),
                point.signal or "",
                point.rule or "",
                (chart.variation or "") if is_last else "",
                (chart.assurance or "") if is_last else "",
            ),
        )


def _problem(line: int, column: str, problem: str) -> CommandError:
    return CommandError(f"Line {line}, column {column}: {problem}")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.{PLACES}f}"
    return text.removeprefix("-") if float(text) == 0 else text
