"""No withheld figure can be worked out from everything a reader receives, checked by solving for it.

Over the demo council (localities, teams inside them for contacts, year-to-date measures), a public
reader and a member each collect every figure they are given: the indicator pages, their by-part
CSVs, the open data CSV and JSON, the published reports (their page and PDF pack, both printed from
`report_for`), their open data and by-part files, the locality pages and the appendix workbook.
From them the test builds the linear system a reader could: the council's figure is the sum of each
dimension's parts, a locality the sum of its teams, and a year-to-date figure the one before it plus
the period's own. Each withheld figure, and each small
number in a period, must stay unknown: it is not in the span of the sums once every figure shown
is put in them (Gaussian elimination over exact fractions).
"""

import csv
import io
import json
from collections import defaultdict
from fractions import Fraction

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from breakdowns.models import Breakdown, Member, PartFigure
from indicators.models import Indicator, Outturn
from indicators.reader import Reader
from indicators.rules.periods import YearBasis, reporting_year
from indicators.selectors import indicator_history
from reports.models import Meeting
from reports.selectors import report_for

pytestmark = pytest.mark.django_db
COUNCIL = "Council"
WITHHELD_MARKS = {"c", "[c]"}
THRESHOLD = 5


def _number(text: str) -> Fraction | None:
    text = text.strip().replace(",", "")
    try:
        return Fraction(text)
    except ValueError:
        return None


class Received:
    """Every figure one reader was given: {(reference, part, period label, component): value},
    and every one marked withheld."""

    def __init__(self):
        self.shown: dict[tuple, Fraction] = {}
        self.withheld: set[tuple] = set()

    def add(self, reference, part, period, component, text):
        key = (reference, part, period, component)
        if text in WITHHELD_MARKS:
            self.withheld.add(key)
            return
        value = _number(text)
        if value is not None:
            self.shown[key] = value

    def add_row(self, reference, part, period, row, components=("value", "numerator", "denominator")):
        for component in components:
            if component in row:
                self.add(reference, part, period, component, row[component])


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _collect(client, user, received: Received, references: list[str], meetings: list[Meeting]):
    for row in _csv_rows(client.get("/open-data/performance-index.csv")):
        received.add_row(row["reference"], COUNCIL, row["period"], row)
    document = json.loads(client.get("/open-data/performance-index.json").content)
    for row in document["rows"]:
        received.add_row(row["reference"], COUNCIL, row["period"], row)
    for reference in references:
        page = client.get(f"/indicators/{reference}/")
        if page.status_code == 404:
            continue  # restricted, or retired from the suite this reader sees
        indicator = Indicator.objects.get(reference=reference)
        # The page's table of every period's figure, as its selector gives it.
        for row in indicator_history(indicator, reader=Reader.for_user(user)):
            withheld = "c" if row.suppressed else None
            _add_line(received, indicator, COUNCIL, row.period.label, withheld, row.outturn, row.value)
        if not indicator.breakdowns.exists():
            continue
        for row in _csv_rows(client.get(f"/indicators/{reference}/by-part.csv")):
            received.add_row(row["indicator_reference"], row["part"], row["period"], row)
    for meeting in meetings:
        for row in _csv_rows(client.get(f"/meetings/{meeting.pk}/report.csv")):
            received.add_row(row["reference"], COUNCIL, row["period"], row)
        for row in _csv_rows(client.get(f"/meetings/{meeting.pk}/report-by-part.csv")):
            received.add_row(row["indicator_reference"], row["part"], row["period"], row)
        _collect_appendix(client.get(f"/meetings/{meeting.pk}/appendix.xlsx"), received)
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
        _collect_report(report_for(meeting, reader=Reader.for_user(user)), received)
    for member in Member.objects.all():
        response = client.get(f"/localities/{member.slug}/")
        assert response.status_code == 200
        for item in response.context["lines"]:
            parts = item.parts
            label = parts.period.label
            for line in parts.lines:
                _add_line(
                    received, item.indicator, line.member.name, label, line.withheld, line.figure, line.value
                )
            _add_line(
                received, item.indicator, COUNCIL, label, parts.total_withheld, parts.total, parts.total_value
            )


def _add_line(received, indicator, part, label, withheld, figure, value):
    if withheld:
        for component in ("value", "numerator", "denominator"):
            received.add(indicator.reference, part, label, component, "c")
    elif value is not None:
        received.add(indicator.reference, part, label, "value", str(value))
        if figure is not None and figure.numerator is not None:
            received.add(indicator.reference, part, label, "numerator", str(figure.numerator))
            received.add(indicator.reference, part, label, "denominator", str(figure.denominator))


def _collect_report(report, received: Received):
    """What the report's page and its PDF pack print (both render `report_for`): each line's
    figures, and each chosen breakdown's parts and council figure."""
    for line in report.lines:
        for figure in line.shown_figures:
            if figure.marked:
                received.add(line.reference, COUNCIL, figure.period, "value", "c")
            elif figure.value is not None:
                received.add(line.reference, COUNCIL, figure.period, "value", str(figure.value))
    for breakdown in report.breakdowns:
        for part in [*breakdown.parts, *([breakdown.total] if breakdown.total else [])]:
            for component in ("value", "numerator", "denominator"):
                number = getattr(part, component)
                text = "c" if part.marked else ("" if number is None else str(number))
                received.add(breakdown.reference, part.name, breakdown.period, component, text)


def _collect_appendix(response, received: Received):
    """The appendix's sheet of parts: a row per part with its figure (or the mark), under a heading
    row per indicator naming its reference and period."""
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    for sheet in workbook.worksheets:
        if not sheet.title.startswith("By "):
            continue
        headings = None
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if cell is None else str(cell) for cell in row]
            if "Ref" in cells and "Denominator" in cells:
                headings = cells
                continue
            if headings is None or not any(cells):
                continue
            named = dict(zip(headings, cells, strict=False))
            part = named.get(headings[2], "")
            if named.get("Ref") and part and named.get("Period"):
                figure = named.get("Figure", "")
                text = "c" if figure.startswith("[c]") else figure
                reference, period = named["Ref"], named["Period"]
                received.add(reference, part, period, "value", text)
                received.add(reference, part, period, "numerator", "c" if text == "c" else named["Numerator"])
                received.add(
                    reference, part, period, "denominator", "c" if text == "c" else named["Denominator"]
                )


def _components(indicator: Indicator) -> tuple[str, ...]:
    return ("value",) if indicator.is_count else ("numerator", "denominator")


def _truth(indicator: Indicator):
    """Every figure of the indicator as stored: {(part, period label): {component: value}}, the
    sums among them by period, and the year of each period."""
    figures = {}
    periods = {}
    for outturn in Outturn.objects.filter(indicator=indicator).select_related("period"):
        if outturn.is_reportable:
            figures[(COUNCIL, outturn.period.label)] = outturn
            periods[outturn.period.label] = outturn.period
    parts_in = defaultdict(dict)
    for figure in PartFigure.objects.filter(indicator=indicator).select_related("period", "member"):
        if figure.is_reportable:
            figures[(figure.member.name, figure.period.label)] = figure
            parts_in[figure.period.label][figure.member] = figure
    dimensions = set(Breakdown.objects.filter(indicator=indicator).values_list("dimension_id", flat=True))
    sums = []
    for label, members in parts_in.items():
        for dimension in dimensions:
            names = [member.name for member in members if member.dimension_id == dimension]
            if names and (COUNCIL, label) in figures:
                sums.append(((COUNCIL, label), [(name, label) for name in names]))
        for parent in {member.parent for member in members if member.parent}:
            if parent in members:
                children = [member.name for member in members if member.parent_id == parent.pk]
                sums.append(((parent.name, label), [(name, label) for name in children]))
    return figures, periods, sums


def _is_determined(target: str, unknowns: list[str], equations: list[dict[str, Fraction]]) -> bool:
    """Whether `target` is fixed by the equations (each {unknown: coefficient} = known): the unit
    row of `target` lies in their span, so adding it leaves the rank unchanged."""
    unit = {target: Fraction(1)}
    return _rank([*equations, unit], unknowns) == _rank(equations, unknowns)


def _rank(equations: list[dict[str, Fraction]], unknowns: list[str]) -> int:
    rows = [[equation.get(name, Fraction(0)) for name in unknowns] for equation in equations]
    rank = 0
    for column in range(len(unknowns)):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _worked_out(indicator: Indicator, received: Received) -> list[str]:
    """Every withheld figure of the indicator, and every small number in a period, that a reader
    given `received` could work out."""
    figures, periods, sums = _truth(indicator)
    reference = indicator.reference
    found = []
    for component in _components(indicator):

        def stored(key, component=component):
            figure = figures[key]
            return getattr(figure, component)

        def known(key, component=component):
            return (reference, key[0], key[1], component) in received.shown

        # Group the cells by what couples them: a period, or a year for a year-to-date measure.
        def group(label):
            period = periods.get(label)
            if period is None:
                return label
            return (
                reporting_year(period.start, YearBasis(indicator.year_basis))
                if indicator.is_year_to_date
                else label
            )

        equations: dict[object, list[dict]] = defaultdict(list)
        for total, parts in sums:
            equation = defaultdict(Fraction)
            for key, sign in ((total, 1), *((part, -1) for part in parts)):
                if not known(key):
                    equation[f"{key[0]}|{key[1]}"] += sign
            equations[group(total[1])].append(dict(equation))
        small_steps = []
        if indicator.is_year_to_date:
            for (part, label), figure in figures.items():
                period = figure.period
                earlier = period.rule.previous()
                same_year = group(label) == reporting_year(earlier.start, YearBasis(indicator.year_basis))
                before = (
                    next(
                        (
                            key
                            for key in figures
                            if key[0] == part
                            and figures[key].period.start == earlier.start
                            and figures[key].period.kind == period.kind
                        ),
                        None,
                    )
                    if same_year
                    else None
                )
                step = f"step {part}|{label}"
                equation = {step: Fraction(-1)}
                if not known((part, label)):
                    equation[f"{part}|{label}"] = Fraction(1)
                if before is not None and not known(before):
                    equation[f"{before[0]}|{before[1]}"] = Fraction(-1)
                equations[group(label)].append(equation)
                if before is not None or not same_year:
                    previous = stored(before) if before is not None else 0
                    amount = stored((part, label))
                    if (
                        amount is not None
                        and previous is not None
                        and 0 < abs(amount - previous) <= THRESHOLD
                    ):
                        small_steps.append((group(label), step))
        targets = [
            (group(label), f"{part}|{label}")
            for (ref, part, label, withheld_component) in received.withheld
            if ref == reference and withheld_component == component and (part, label) in figures
        ]
        for key in received.withheld:
            if key[0] == reference and (reference, *key[1:]) in received.shown:
                found.append(f"{'|'.join(key[1:])}: withheld in one output, shown in another")
        for where, target in [*targets, *small_steps]:
            system = [equation for equation in equations[where] if equation]
            names = sorted({name for equation in system for name in equation})
            if target in names and _is_determined(target, names, system):
                found.append(f"{target} ({component})")
    return found


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_no_withheld_figure_can_be_worked_out_from_everything_a_reader_receives(demo, client, public_access):
    references = sorted(
        {*Breakdown.objects.values_list("indicator__reference", flat=True)}
        | {*Indicator.objects.filter(measure_basis="ytd").values_list("reference", flat=True)}
    )
    meetings = [meeting for meeting in Meeting.objects.all() if meeting.is_published]
    assert meetings
    readers = {"public": None, "member": get_user_model().objects.get(username="member")}
    for name, user in readers.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        received = Received()
        _collect(client, user or AnonymousUser(), received, references, meetings)
        assert received.withheld, (
            f"the {name} reader was given nothing withheld: the test would prove nothing"
        )
        teams = {key for key in received.withheld if key[1] in ("North A", "North B")}
        assert teams, "North B's few contacts are withheld"
        for reference in references:
            indicator = Indicator.objects.get(reference=reference)
            assert _worked_out(indicator, received) == [], f"{name}: {reference}"
