"""The council's quartile band among every council (A best, DfE's LAIT) is one cell of the line: a
compact "B" on the live index, with its meaning for screen readers and a title; declared once, it
shows wherever a column layout names it, and is withheld where the council's figure is."""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from indicators.columns import COLUMNS, LIVE, REPORT
from indicators.reader import Reader
from reports.selectors import report_for
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports
from tests.test_one_line import row_text, words

pytestmark = pytest.mark.django_db
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "src" / "_screens.scss"


def banded(*, band="B", unit="percent", year_end_value=40, **fields):
    """An indicator whose year-end figure for 2024/25 DfE banded among 152 councils for 2025."""
    indicator = factories.indicator(reference="9", unit=unit, polarity="lower", **fields)
    factories.outturn(indicator, date(2025, 1, 1), year_end_value)  # Q4 2024/25, ending 31 March 2025
    factories.comparator(
        indicator, 2025, "council", 41, band=band, national_rank=60, national_ranked=152, place="Merton"
    )
    factories.comparator(indicator, 2025, "england", 45, place="England")
    return indicator


def heard(html: str) -> str:
    """What a screen reader reads of some HTML: its words, without those hidden from it."""
    return words(re.sub(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>', "", html))


def band_cell(page: str, reference: str = "9") -> str:
    row = re.search(rf'<tr[^>]*data-reference="{reference}".*?</tr>', page, re.S).group(0)
    return re.search(r'<td class="kpi-index__band.*?</td>', row, re.S).group(0)


def test_band_is_declared_once_and_on_the_live_index():
    assert COLUMNS["band"].heading == "Band"
    assert COLUMNS["band"].sheet_heading == "Quartile band"
    assert COLUMNS["band"].shows_in == (LIVE,)


def test_live_index_shows_a_compact_band_with_its_meaning(client, alice):
    banded()
    client.force_login(alice)
    page = client.get("/").content.decode()
    cell = band_cell(page)
    assert heard(cell) == "Quartile band B"
    assert '<span class="govuk-visually-hidden">Quartile band </span>' in cell
    assert 'content: "Band" / ""' in STYLESHEET.read_text()  # the label a phone shows above the band
    assert 'title="Quartile band B among 152 councils, 2025: A is the best quarter' in cell
    assert re.search(r"<th[^>]*>\s*Band\s*</th>", page)


def test_no_band_without_one_from_dfe(client, alice):
    banded(band="")
    client.force_login(alice)
    cell = band_cell(client.get("/").content.decode())
    assert cell == '<td class="kpi-index__band"></td>'  # empty, and so left out of a phone's card
    assert heard(cell) == ""


def test_band_is_withheld_where_the_council_s_figure_is(client, alice, bob):
    banded(unit="count", year_end_value=3)
    client.force_login(alice)
    cell = band_cell(client.get("/").content.decode())
    assert heard(cell) == "[c] (quartile band withheld: small number)"
    assert "among 152" not in cell
    client.force_login(bob)
    assert heard(band_cell(client.get("/").content.decode())) == "Quartile band B"


def test_band_is_not_withheld_for_a_small_figure_of_another_year(client, alice):
    indicator = banded(unit="count", year_end_value=30)
    factories.outturn(indicator, date(2025, 4, 1), 3)  # Q1 2025/26: small, but not the banded year
    client.force_login(alice)
    assert heard(band_cell(client.get("/").content.decode())) == "Quartile band B"


def published(indicator, officer):
    """A report on the figures as at 31 March 2025, published."""
    meeting = reports.meeting(reports.committee([indicator]), date(2025, 5, 6), date(2025, 3, 31))
    return publish_meeting(meeting=meeting, user=officer)


@pytest.fixture
def band_in_report(monkeypatch):
    """The report's index names the band's key, as a column layout does."""
    monkeypatch.setitem(COLUMNS, "band", replace(COLUMNS["band"], shows_in=(LIVE, REPORT)))


def test_a_published_report_keeps_the_band_it_was_published_with(client, alice, bob, band_in_report):
    indicator = banded()
    meeting = published(indicator, bob)
    indicator.comparators.filter(kind="council").update(band="D")
    [line] = report_for(meeting, reader=Reader.for_user(alice)).lines
    assert line.band_shown.text == "B"
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()
    index = page[page.index('id="report-index"') :]
    assert ">Band</th>" in index
    assert row_text(index, "9").endswith("B 2025, among 152 councils")


def test_a_published_report_withholds_the_band_with_the_small_figure(alice, bob):
    indicator = banded(unit="count", year_end_value=3)
    meeting = published(indicator, bob)
    [line] = report_for(meeting, reader=Reader.for_user(alice)).lines
    assert line.band_shown.text == "[c]"
    assert line.band_shown.withheld_label == "withheld: small number"
    assert line.comparators["council"]["band"] == ""
    [line] = report_for(meeting, reader=Reader.for_user(bob)).lines
    assert line.band_shown.text == "B"
