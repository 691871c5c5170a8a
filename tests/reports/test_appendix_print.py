"""The appendix as a clerk prints it: converted to PDF by LibreOffice, then read back word by word.

poppler's `pdftotext -bbox-layout` gives each printed word's box. A word's box is as tall as its font
size times the font's ascent and descent, so the boxes of a cell known to be 8 pt, printed in the same
run, set the smallest height allowed.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from itertools import combinations
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.reader import Reader
from reports.appendix import AppendixData, appendix_workbook
from reports.models import Meeting
from reports.print_layout import A3, FONT
from reports.selectors import appendix_data_for

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SIDEWAYS_TOLERANCE = 1.0
"""Points two words' boxes may share side by side."""
LINE_OVERLAP = 0.25
"""The share of a box's height the next line's box may overlap: a word's box runs from the font's
ascent to its descent, taller than the distance between lines (11.7 pt boxes on 10 pt lines at 9 pt)."""
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlaps(self, other: "Word") -> bool:
        across = min(self.right, other.right) - max(self.left, other.left)
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return across > SIDEWAYS_TOLERANCE and down > LINE_OVERLAP * min(self.height, other.height)


def run(*command: str, timeout: int = 180) -> str:
    result = subprocess.run(  # noqa: S603 - fixed programs on files this test wrote
        command, capture_output=True, timeout=timeout, check=False, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def to_pdf(workbooks: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Each workbook converted by LibreOffice in one run, with a profile of its own."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui (.ci/run installs it)"
    sources = []
    for name, content in workbooks.items():
        sources.append(folder / f"{name}.xlsx")
        sources[-1].write_bytes(content)
    profile = f"-env:UserInstallation=file://{folder / 'libreoffice-profile'}"
    run(soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources))
    return {name: folder / f"{name}.pdf" for name in workbooks}


def pages_of(pdf: Path) -> list[list[Word]]:
    layout = run("pdftotext", "-bbox-layout", str(pdf), "-")
    return [
        [
            Word(text, float(left), float(top), float(right), float(bottom))
            for left, top, right, bottom, text in WORD.findall(page)
        ]
        for page in layout.split("<page ")[1:]
    ]


def page_sizes(pdf: Path) -> set[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])
    sizes = run("pdfinfo", "-f", "1", "-l", str(pages), str(pdf))
    return set(re.findall(r"Page\s+\d+ size:\s+(.+)", sizes))


def eight_point_workbook() -> bytes:
    workbook = Workbook()
    cell = workbook.active["A1"]
    cell.value = "Eight point text for calibration"
    cell.font = Font(name=FONT, size=8)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def empty_report() -> AppendixData:
    """A report with nothing corrected, changed, caveated or decided since the last meeting."""
    return AppendixData(
        council="Demo Borough Council",
        committee="Children and Young People Overview and Scrutiny Panel",
        meeting_date=date(2019, 11, 6),
        as_at=date(2019, 9, 30),
        status="Draft",
        lines=[],
        rating_changes=[],
        corrections=[],
    )


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo council's November 2019 report as the officer and a member print it, and 8 pt text."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        meeting = Meeting.objects.order_by("date").first()
        users = get_user_model().objects
        officer = appendix_data_for(meeting, reader=Reader.for_user(users.get(username="officer")))
        member = appendix_data_for(meeting, reader=Reader.for_user(users.get(username="member")))
        call_command("flush", interactive=False, verbosity=0)
    workbooks = {
        "restricted": appendix_workbook(officer),
        "public": appendix_workbook(member),
        "restricted-a3": appendix_workbook(officer, paper=A3),
        "eight-point": eight_point_workbook(),
        "empty": appendix_workbook(empty_report()),
    }
    return to_pdf(workbooks, tmp_path_factory.mktemp("appendix"))


@pytest.fixture(scope="module")
def smallest_height(printed) -> float:
    [words] = pages_of(printed["eight-point"])
    return min(word.height for word in words)


@pytest.mark.parametrize("name", ["restricted", "public", "restricted-a3"])
def test_no_word_prints_under_8_pt(printed, smallest_height, name):
    heights = [word.height for page in pages_of(printed[name]) for word in page]
    assert min(heights) >= smallest_height - 0.05, f"smallest word box {min(heights):.2f} pt"


@pytest.mark.parametrize("name", ["restricted", "public", "restricted-a3"])
def test_no_word_prints_over_another(printed, name):
    overlapping = [
        (number, first.text, second.text)
        for number, page in enumerate(pages_of(printed[name]), start=1)
        for first, second in combinations(page, 2)
        if first.overlaps(second)
    ]
    assert overlapping == []


def test_every_page_is_landscape_on_the_paper_chosen(printed):
    assert page_sizes(printed["restricted"]) == {"841.89 x 595.304 pts (A4)"}
    assert page_sizes(printed["public"]) == {"841.89 x 595.304 pts (A4)"}
    assert page_sizes(printed["restricted-a3"]) == {"1190.55 x 841.89 pts (A3)"}


def test_heading_row_repeats_on_every_page_of_the_index(printed):
    pages = pages_of(printed["restricted"])
    index = [page for page in pages if "Performance index, page" in " ".join(word.text for word in page)]
    assert len(index) >= 2
    for page in index:
        ref = next(word for word in page if word.text == "Ref")
        top_row = {word.text for word in page if abs(word.top - ref.top) < 1}
        assert {
            "Service",
            "Ref",
            "Indicator",
            "Polarity",
            "Previous",
            "Q3",
            "Latest",
            "Target",
            "Rating",
        } <= top_row
        assert all(word.top >= ref.top - 1.5 for word in page if word.top > 40)


def test_figures_print_in_their_units_with_periods_named(printed):
    text = " ".join(word.text for page in pages_of(printed["restricted"]) for word in page)
    assert "per 10,000" in text
    assert "Latest Q2 2019/20" in text
    assert "Latest \N{MINUS SIGN}" not in text
    assert "for example" not in text


def test_public_print_leaves_out_restricted_indicators(printed):
    public = " ".join(word.text for page in pages_of(printed["public"]) for word in page)
    restricted = " ".join(word.text for page in pages_of(printed["restricted"]) for word in page)
    assert "not for publication" in restricted
    assert "Restricted (Part 2) indicators are left out" in public
    assert "[c]" in public


@pytest.mark.parametrize("name", ["restricted", "public", "restricted-a3"])
def test_the_sheet_by_locality_prints_with_its_heading_row(printed, name):
    """The demo's report includes three indicators by locality: their sheet is checked for size and
    overlaps with every other sheet above, and prints its heading row on each of its pages."""
    pages = [
        page
        for page in pages_of(printed[name])
        if re.search(r"By locality( and team| or team)?, page", " ".join(word.text for word in page))
    ]
    assert pages
    for page in pages:
        words = {word.text for word in page}
        assert {"Ref", "Indicator", "Locality", "Period", "Figure", "Numerator", "Denominator"} <= words
    # With teams beside the localities the sheet runs over pages; between them they name every one.
    assert {"North", "South", "East", "West", "Council"} <= {word.text for page in pages for word in page}


@pytest.mark.parametrize(
    ("sheet", "message", "second_column"),
    [
        ("Corrections", "No figure has been corrected since the previous meeting.", "Indicator"),
        ("Performance index", "No indicators in this report.", "Ref"),
        ("Decisions", "The committee has recorded no decisions yet.", "Decision"),
        ("Data caveats", "Every figure in this report could be reported.", "Indicator"),
    ],
)
def test_an_empty_sheet_prints_its_message_on_one_line_across_the_sheet(
    printed, sheet, message, second_column
):
    """Not a word to a line down the narrow first column: the sentence runs on across the columns."""
    [page] = [
        page
        for page in pages_of(printed["empty"])
        if f"{sheet}, page" in " ".join(word.text for word in page)
    ]
    first = message.split()[0]
    start = next(word for word in page if word.text == first and word.top > 40)
    line = [word for word in page if abs(word.top - start.top) < 1 and word.left >= start.left]
    assert " ".join(word.text for word in sorted(line, key=lambda word: word.left)) == message
    heading = next(word for word in page if word.text == second_column)
    assert max(word.right for word in line) > heading.left
