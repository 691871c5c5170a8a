"""The index's rows are light: a browser shows 3,000 indicators without wading through markup.

A row is its cells and a link (15 elements as a rule, two more for each of variation and
assurance, and 1 KB on average over the demo council's index), an element more only for words a
screen reader hears that the screen does not show (why a figure is withheld, what a band is) or for
commentary; the rows of a service area share one body,
and the column headings name the periods, so a row on them repeats none."""

import re
import statistics

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
ROW = re.compile(r"<tr data-reference=.*?</tr>", re.S)
SPC_CELL = re.compile(r'<td class="kpi-index__spc.*?</td>', re.S)


@pytest.fixture
def demo_index(client, public_access):
    call_command("load_demo", verbosity=0)
    page = client.get("/").content.decode()
    return page[page.index("<table") : page.index("</table>")]


def test_a_row_is_at_most_15_elements_and_1_kb(demo_index):
    rows = ROW.findall(demo_index)
    assert len(rows) > 30
    # Variation and assurance each add their cell and the words a screen reader hears in place of
    # the icon the stylesheet draws.
    limit = 15 + 2 * len(re.findall(r'<td class="kpi-index__spc', rows[0]))
    elements = [len(re.findall(r"<[a-z]", row)) for row in rows]
    # The 1 KB is the row the limit was set for: its variation and assurance cells, the words a
    # screen reader hears in place of their icons, are counted apart (at most 256 bytes each).
    spc = [SPC_CELL.findall(row) for row in rows]
    assert max(len(cell.encode()) for cells in spc for cell in cells) <= 256, spc
    size = sum(len(SPC_CELL.sub("", row).encode()) for row in rows) / len(rows)
    assert statistics.median(elements) <= limit, elements
    assert statistics.mean(elements) <= limit + 1, elements
    assert size <= 1024, size


def test_a_service_area_s_rows_share_one_body(demo_index):
    areas = demo_index.count('class="govuk-table__body kpi-index__group"')
    assert areas > 1
    assert demo_index.count("<tbody") == 2 * areas


def test_a_row_on_the_headings_names_no_period(demo_index):
    headings = re.findall(r'<th scope="col"[^>]*kpi-index__period[^>]*>\s*(.*?)\s*</th>', demo_index, re.S)
    periods = [heading.removesuffix(" (year end)") for heading in headings]
    assert periods
    on_headings = [row for row in ROW.findall(demo_index) if "kpi-index__own-periods" not in row]
    assert on_headings
    for row in on_headings:
        assert not any(period in row for period in periods), row
