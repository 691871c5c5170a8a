"""An indicator's page and the entry forms fit a 390 px phone and a 1366 px laptop: nothing wider than
the screen, no box hiding columns behind a sideways scroll, every field's label visible beside it,
and on a phone each table's row a card whose cells say which column they are."""

import re
import tempfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.checks import DEMO_PASSWORD
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots"
QUARTER = "/entry/quarter-financial-2025-07-01/"

PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# Boxes in the main content that scroll sideways and are narrower than what they hold.
HIDDEN_SCROLL = """() => [...document.querySelectorAll('main *')].filter(box => {
  const overflow = getComputedStyle(box).overflowX;
  return ['auto', 'scroll'].includes(overflow) && box.scrollWidth > box.clientWidth + 1;
}).map(box => {
  const name = box.id || box.getAttribute('aria-label') || box.className;
  return `${name}: ${box.scrollWidth} > ${box.clientWidth}`;
})"""
# Every field the officer can see, with its label: a label shown (not a 1 px screen-reader-only
# box) and next to the field: above it and aligned with it, or to the right of a checkbox.
FIELDS_WITHOUT_A_LABEL_BESIDE_THEM = """root => [...root.querySelectorAll('input, select, textarea')]
.filter(field => {
  if (field.type === 'hidden') return false;
  const box = field.getBoundingClientRect();
  if (field.type !== 'checkbox' && (box.width === 0 || box.height === 0)) return false;
  const shown = [...field.labels].filter(label => {
    const text = label.getBoundingClientRect();
    return text.width > 8 && text.height > 8 && label.innerText.trim();
  });
  return !shown.some(label => {
    const text = label.getBoundingClientRect();
    if (field.type === 'checkbox') {
      const beside = text.left >= box.left && text.left - box.right < 24;
      return beside && text.top < box.bottom && text.bottom > box.top;
    }
    // Between them only the field's own hint and error messages, as GOV.UK Frontend places them.
    const notes = [...(field.closest('.govuk-form-group') || field.parentElement)
      .querySelectorAll('.govuk-hint, .govuk-error-message')]
      .map(note => note.getBoundingClientRect())
      .filter(note => note.top >= text.bottom - 1 && note.bottom <= box.top + 1)
      .reduce((height, note) => height + note.height, 0);
    const gap = box.top - text.bottom - notes;
    return gap >= -2 && gap < 48 && Math.abs(text.left - box.left) < 8;
  });
}).map(field => field.id || field.name)"""
# Each labelled cell of a card table: its label, its column's heading, and what the page shows of it.
CARD_CELLS = r"""() => [...document.querySelectorAll('table.kpi-cards')].flatMap(table => {
  const headings = [...table.querySelectorAll('thead th')]
    .map(th => th.textContent.replace(/\s+/g, ' ').trim());
  return [...table.querySelectorAll('tbody tr')].flatMap(row => [...row.children].map((cell, index) => ({
    table: table.id,
    label: cell.dataset.label,
    heading: headings[index],
    shown: getComputedStyle(cell).display !== 'none' && !cell.classList.contains('kpi-cards__aside'),
    before: getComputedStyle(cell, '::before').content,
  })).filter(cell => cell.label !== undefined));
})"""
TABLE_DISPLAYS = (
    "() => [...document.querySelectorAll('table.kpi-cards')].map(table => getComputedStyle(table).display)"
)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def sign_in(page, live_server, username="officer"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def assert_fits(page, viewport) -> None:
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert page.evaluate(HIDDEN_SCROLL) == []


def assert_every_field_labelled_beside_it(page, root="main") -> None:
    assert page.locator(root).evaluate(FIELDS_WITHOUT_A_LABEL_BESIDE_THEM) == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_an_indicators_page_fits_with_every_table_readable(page, live_server, demo, viewport):
    """Indicator 5 has localities, DfE's benchmarks (its comparators year by year) with long file
    names and, for an officer, the history of its figures: six tables in all."""
    page.set_viewport_size(viewport)
    sign_in(page, live_server)
    page.goto(live_server.url + "/indicators/5/")
    expect(page.locator("#trend-chart .main-svg").first).to_be_attached()
    assert_fits(page, viewport)
    cells = page.evaluate(CARD_CELLS)
    assert {re.sub(r"-\d+-", "-", cell["table"]) for cell in cells} >= {
        "figures",
        "benchmark",
        "benchmark-years",
        "figure-trail",
        "breakdown-latest",
        "breakdown-over-time",
    }
    assert [cell for cell in cells if cell["label"] != cell["heading"]] == []
    if viewport is PHONE:
        assert set(page.evaluate(TABLE_DISPLAYS)) == {"block"}
        unlabelled = [cell for cell in cells if cell["shown"] and cell["before"] != f'"{cell["label"]}"']
        assert unlabelled == []
        rating = page.locator("#figures tbody tr").first.locator(".kpi-rag").bounding_box()
        period = page.locator("#figures tbody tr").first.locator("th").bounding_box()
        assert rating["y"] < period["y"] + period["height"]  # beside the period, not under its figures
    else:
        assert set(page.evaluate(TABLE_DISPLAYS)) == {"table"}
        assert {cell["before"] for cell in cells} == {"none"}
        expect(
            page.locator("#benchmark-years").get_by_role("columnheader", name="Neighbours' mean")
        ).to_be_visible()
    assert axe_violations(page) == []
    shot(page, f"indicator-5-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_period_entry_form_fits_with_every_label_beside_its_field(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server)
    page.goto(live_server.url + QUARTER)
    assert_fits(page, viewport)
    assert_every_field_labelled_beside_it(page, "#figures")
    for name in ("Numerator for 2", "Denominator for 2", "Status for 2", "Source for 2", "Commentary for 2"):
        expect(page.get_by_label(name, exact=True)).to_be_visible()
    source = page.get_by_label("Source for 2", exact=True)
    assert source.bounding_box()["width"] >= 250  # "Case-management system (Mosaic)" and the like
    page.get_by_label("Numerator for 2", exact=True).fill("400")
    expect(
        page.locator("#figures .kpi-entry__row").filter(has_text="statutory 45").locator("output")
    ).to_have_text("= 85.5%")
    assert axe_violations(page) == []
    shot(page, f"entry-period-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_entry_by_locality_fits_as_it_is_checked(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server)
    page.goto(live_server.url + QUARTER)
    page.get_by_role("link", name="Enter by locality for 2", exact=True).click()
    page.get_by_label("Numerator for North", exact=True).fill("96")
    page.get_by_role("button", name="Check total").click()
    expect(page.locator("#worked-out-total")).to_contain_text("The council figure")
    assert_fits(page, viewport)
    assert_every_field_labelled_beside_it(page)
    expect(page.locator('#parts td[data-label="Figure"]').first).to_contain_text("%")
    assert axe_violations(page) == []
    shot(page, f"entry-by-locality-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_a_spreadsheets_changes_fit_before_they_are_saved(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server)
    template = page.request.get(f"{live_server.url}{QUARTER}template.xlsx")
    workbook = openpyxl.load_workbook(BytesIO(template.body()))
    sheet = workbook["Figures"]
    headings = [cell.value for cell in sheet[1]]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[headings.index("Reference")].value == "1")
    row[headings.index("Value")].value = 72
    row[headings.index("Status")].value = "Provisional"
    row[headings.index("Confirm large change")].value = "Yes"  # 72 is more than a quarter above June's 55
    row[
        headings.index("Commentary")
    ].value = "Two shared assessments were recorded late in the early help service's case-management system."
    changed = BytesIO()
    workbook.save(changed)
    page.goto(f"{live_server.url}{QUARTER}upload/")
    page.get_by_label("Spreadsheet (.xlsx)").set_input_files(
        {"name": "figures.xlsx", "mimeType": "application/octet-stream", "buffer": changed.getvalue()}
    )
    assert_every_field_labelled_beside_it(page)
    page.get_by_role("button", name="Check the spreadsheet").click()
    expect(page.locator("#preview")).to_contain_text("72 (provisional)")
    assert_fits(page, viewport)
    assert axe_violations(page) == []
    shot(page, f"entry-preview-{viewport['width']}")


@pytest.mark.parametrize("path", ["/entry/", "/entry/due/", "/entry/validate/"])
def test_choosing_a_period_what_is_due_and_validating_fit(page, live_server, demo, path):
    sign_in(page, live_server, "lead")
    for viewport in (PHONE, LAPTOP):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + path)
        assert_fits(page, viewport)
        assert_every_field_labelled_beside_it(page)
        assert axe_violations(page) == [], f"at {viewport['width']} px"
        shot(page, f"entry-{path.strip('/').replace('/', '-')}-{viewport['width']}")
