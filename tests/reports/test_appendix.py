import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.rules.periods import parse_period_label
from indicators.rules.terms import Direction, Polarity, Rating
from reports.appendix import AppendixData, appendix_workbook
from reports.contents import LineFigure, ReportCorrection, ReportLine
from reports.print_layout import A3, number_format, printed_lines
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

SHEETS = [
    "Cover",
    "Performance index",
    "Comparators and commentary",
    "Exceptions",
    "Rating changes",
    "Corrections",
    "Data caveats",
    "Decisions",
]
LATEST, TARGET, RATING, DIRECTION = 8, 9, 10, 11


def line(reference="2", rating="red", commentary="", **fields) -> ReportLine:
    defaults = {
        "indicator_id": 1,
        "position": 1,
        "reference": reference,
        "title": "% of single assessments within 45 days",
        "service_area": "Social Care",
        "is_restricted": False,
        "is_target_measure": True,
        "unit": "percent",
        "decimal_places": 0,
        "polarity": Polarity.HIGHER_IS_BETTER,
        "rating": Rating(rating),
        "previous_rating": Rating.GREEN,
        "direction": Direction.WORSENING,
        "target": "85%",
        "figures": [
            LineFigure(parse_period_label("Q1 2019/20"), Decimal(86), "86%", "validated"),
            LineFigure(parse_period_label("Q2 2019/20"), Decimal(71), "71%", "validated"),
        ],
        "commentary": commentary,
        "exception_reasons": ["Rated Red"] if rating == "red" else [],
    }
    defaults.update(fields)
    return ReportLine(**defaults)


def data(lines, **fields) -> AppendixData:
    defaults = {
        "council": "Demo Borough Council",
        "committee": "Children and Young People Overview and Scrutiny Panel",
        "meeting_date": date(2019, 11, 6),
        "as_at": date(2019, 9, 30),
        "status": "Published 29 October 2019",
        "lines": lines,
        "rating_changes": [(lines[0], "G to R")] if lines else [],
        "corrections": [],
    }
    defaults.update(fields)
    return AppendixData(**defaults)


def read(workbook: bytes):
    return load_workbook(BytesIO(workbook))


def index_row(sheet, reference, column=1):
    return next(row for row in sheet.iter_rows(min_row=2) if row[column].value == reference)


def headings(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def test_workbook_has_a_sheet_for_every_section():
    assert read(appendix_workbook(data([line()]))).sheetnames == SHEETS


def test_index_sheet_holds_figures_as_numbers_with_the_units_format():
    sheet = read(appendix_workbook(data([line()])))["Performance index"]
    row = index_row(sheet, "2")
    latest = row[LATEST]
    assert latest.value == 71
    assert latest.number_format == '#,##0"%";"\N{MINUS SIGN}"#,##0"%"'
    assert row[TARGET].value == "85%"


def test_index_headings_name_the_periods_they_hold():
    sheet = read(appendix_workbook(data([line()])))["Performance index"]
    assert headings(sheet)[4:9] == [
        "Previous year end",
        "Three periods before",
        "Two periods before",
        "Q1 2019/20",
        "Latest Q2 2019/20",
    ]
    assert not any("\N{MINUS SIGN}" in heading for heading in headings(sheet))


def test_a_figure_for_another_period_than_its_heading_says_which():
    monthly = line(
        "13",
        unit="percent",
        figures=[
            LineFigure(parse_period_label("Aug 2019"), Decimal(81), "81%"),
            LineFigure(parse_period_label("Sep 2019"), Decimal(83), "83%"),
        ],
    )
    sheet = read(appendix_workbook(data([line(), line("3"), monthly])))["Performance index"]
    assert headings(sheet)[LATEST] == "Latest Q2 2019/20"
    assert index_row(sheet, "13")[LATEST].value == "83% (Sep 2019)"
    assert index_row(sheet, "3")[LATEST].value == 71


def test_index_sheet_names_each_indicators_service_area_without_merged_cells():
    sheet = read(appendix_workbook(data([line()])))["Performance index"]
    assert index_row(sheet, "2")[0].value == "Social Care"
    assert not sheet.merged_cells.ranges


def test_rate_per_10000_keeps_its_unit_as_the_index_page_shows_it():
    rate = line(
        "6",
        unit="rate10k",
        decimal_places=1,
        target="Contextual",
        figures=[LineFigure(parse_period_label("Q2 2019/20"), Decimal("308.9"), "308.9 per 10,000")],
    )
    sheet = read(appendix_workbook(data([rate])))["Performance index"]
    assert index_row(sheet, "6")[LATEST].number_format.startswith('#,##0.0" per 10,000"')


def test_rag_cell_is_filled_and_labelled_in_words():
    sheet = read(appendix_workbook(data([line(rating="red"), line("3", rating="green")])))[
        "Performance index"
    ]
    red, green = index_row(sheet, "2")[RATING], index_row(sheet, "3")[RATING]
    assert red.value == "Red"
    assert red.fill.fgColor.rgb.endswith("F4CDC6")
    assert green.value == "Green"
    assert green.fill.fgColor.rgb.endswith("CCE2D8")
    assert index_row(sheet, "2")[DIRECTION].value == "\u25bc Worsening"


def test_every_sheet_prints_on_a4_landscape_with_its_header_repeated_and_page_numbers():
    workbook = read(appendix_workbook(data([line()])))
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.fitToWidth == 1
        assert "&P of &N" in sheet.oddFooter.center.text
    for name in SHEETS[1:]:
        assert workbook[name].print_title_rows == "$1:$1"
        assert workbook[name].freeze_panes == "A2"


def test_council_may_print_on_a3():
    workbook = read(appendix_workbook(data([line()]), paper=A3))
    for name in SHEETS:
        assert str(workbook[name].page_setup.paperSize) == workbook[name].PAPERSIZE_A3
    a4 = read(appendix_workbook(data([line()])))
    indicator = "C"
    widths = (workbook["Performance index"], a4["Performance index"])
    assert widths[0].column_dimensions[indicator].width > widths[1].column_dimensions[indicator].width


def test_every_data_sheet_is_a_defined_table_with_one_heading_row():
    workbook = read(appendix_workbook(data([line(), line("3", rating="green")])))
    for name in SHEETS[1:]:
        sheet = workbook[name]
        [table] = sheet.tables.values()
        assert table.ref.startswith("A1:")
        assert table.ref.endswith(str(sheet.max_row))
        assert table.headerRowCount in (None, 1)
        assert not sheet.merged_cells.ranges


def test_workbook_has_a_title_and_language():
    properties = read(appendix_workbook(data([line()]))).properties
    assert properties.title.startswith("Children and Young People Overview and Scrutiny Panel")
    assert "6 November 2019" in properties.title
    assert properties.language == "en-GB"


def test_row_is_tall_enough_for_its_wrapped_commentary():
    long = "Caseloads rose after two social workers left; agency cover starts in October. " * 6
    sheet = read(appendix_workbook(data([line(), line("3", commentary=long)])))["Comparators and commentary"]
    short, tall = (sheet.row_dimensions[index_row(sheet, ref, 0)[0].row].height for ref in ("2", "3"))
    assert tall >= 4 * short


def test_printed_lines_break_between_words():
    assert printed_lines("Higher is better", width_points=200) == 1
    assert printed_lines("Higher is better", width_points=40) == 2
    assert printed_lines("Higher is better", width_points=30) == 3
    assert printed_lines("one\ntwo", width_points=200) == 2


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    sheet = read(appendix_workbook(data([line(commentary=text)])))["Comparators and commentary"]
    cell = index_row(sheet, "2", 0)[6]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_units_have_their_own_number_formats():
    minus = '"\N{MINUS SIGN}"'
    assert number_format("percent", 1) == f'#,##0.0"%";{minus}#,##0.0"%"'
    assert number_format("weeks", 0) == f'#,##0" weeks";{minus}#,##0" weeks"'
    assert number_format("count", 0) == f"#,##0;{minus}#,##0"
    assert number_format("rate10k", 1) == f'#,##0.0" per 10,000";{minus}#,##0.0" per 10,000"'


def test_cover_says_what_is_left_out_for_a_public_export():
    cover = read(appendix_workbook(data([line()], withheld=2, small_number_threshold=5)))["Cover"]
    note = next(row[1].value for row in cover.iter_rows() if row[0].value == "Note")
    assert "Restricted (Part 2) indicators are left out" in note
    assert "2 withheld" in note
    assert "1 to 5" in note


def test_cover_warns_when_the_workbook_holds_restricted_figures():
    cover = read(appendix_workbook(data([line()], shows_small_numbers=True)))["Cover"]
    note = next(row[1].value for row in cover.iter_rows() if row[0].value == "Note")
    assert "not for publication" in note


def test_corrections_sheet_lists_old_and_new_figures():
    correction = ReportCorrection(
        parse_period_label("Q1 2019/20"),
        "31 weeks",
        "28 weeks",
        "Validated by Cafcass.",
        "2019-10-21",
        "Priya",
    )
    lines = [line(corrections=[correction])]
    sheet = read(appendix_workbook(data(lines, corrections=[(lines[0], correction)])))["Corrections"]
    assert [cell.value for cell in sheet[2]][2:6] == [
        "Q1 2019/20",
        "31 weeks",
        "28 weeks",
        "Validated by Cafcass.",
    ]


@pytest.mark.django_db
def test_appendix_download_leaves_out_restricted_indicators_and_small_numbers(client, alice, bob):
    day = date(2019, 7, 1)
    missing = factories.indicator(
        reference="26", title="Children missing from care", unit="count", is_restricted=True
    )
    carers = factories.indicator(reference="22", title="Foster carers recruited", unit="count")
    for indicator in (missing, carers):
        factories.outturn(indicator, day, 3)
    meeting = reports.meeting(reports.committee([missing, carers]))
    publish_meeting(meeting=meeting, user=bob)

    client.force_login(alice)
    response = client.get(reverse("reports:appendix", args=[meeting.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = read(response.content)
    index = workbook["Performance index"]
    references = [row[0].value for row in index.iter_rows(min_row=2)]
    assert "26" not in references
    assert index_row(index, "22")[LATEST].value == "[c]"
    assert response["Content-Disposition"].endswith('-public.xlsx"')

    client.force_login(bob)
    response = client.get(reverse("reports:appendix", args=[meeting.pk]))
    assert index_row(read(response.content)["Performance index"], "26")[LATEST].value == 3
    assert response["Content-Disposition"].endswith('-restricted.xlsx"')


@pytest.mark.django_db
@pytest.mark.parametrize(("paper", "size"), [("A4", "PAPERSIZE_A4"), ("A3", "PAPERSIZE_A3")])
def test_the_downloaded_appendix_is_laid_out_for_the_paper_the_council_chose(
    client, bob, settings, paper, size
):
    settings.APPENDIX_PAPER = paper
    carers = factories.indicator(reference="22", title="Foster carers recruited", unit="count")
    factories.outturn(carers, date(2019, 7, 1), 12)
    meeting = reports.meeting(reports.committee([carers]))
    publish_meeting(meeting=meeting, user=bob)
    client.force_login(bob)
    workbook = read(client.get(reverse("reports:appendix", args=[meeting.pk])).content)
    for name in SHEETS:
        assert str(workbook[name].page_setup.paperSize) == getattr(workbook[name], size)


@pytest.mark.slow
def test_workbook_opens_in_libreoffice_and_prints_a_page_per_sheet(tmp_path):
    source = tmp_path / "appendix.xlsx"
    source.write_bytes(appendix_workbook(data([line(), line("3", rating="green")])))
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui (.ci/run installs it)"
    profile = tmp_path / "libreoffice-profile"
    result = subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    pdf = (tmp_path / "appendix.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == len(SHEETS)
