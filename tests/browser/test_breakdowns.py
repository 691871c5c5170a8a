"""An officer enters a quarter by locality and sees the council total before saving; a member filters
the index to a locality and reads its ratings, with a small part, and the one that would give it
away, withheld."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from breakdowns.models import Breakdown
from indicators.checks import DEMO_PASSWORD
from indicators.models import Indicator
from reports.services import publish_meeting
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.browser.conftest import axe_violations, screenshot
from tests.reports import factories as reports
from tests.reports.test_pack import poppler

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
HIDDEN_COLUMNS = """() => [...document.querySelectorAll('table')].filter(table => {
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
      return table.getBoundingClientRect().width > box.clientWidth + 1;
    }
  }
  return false;
}).map(table => table.id || table.className)"""
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def suite(settings):
    # The council lets signed-in members see figures before the lead officer validates them.
    settings.MEMBERS_SEE_PROVISIONAL = True
    area = factories.service_area("Social Care")
    assessments = factories.indicator(area=area, reference="2", title="Single assessments within 45 days")
    factories.target(assessments, 2019, value=80, tolerance=5)
    factories.outturn(assessments, Q1, numerator=80, denominator=100, value=80)
    carers = factories.indicator(
        area=area, reference="22", title="In-house foster carers recruited", unit="count"
    )
    factories.target(carers, 2019, value=8, tolerance=2)
    factories.outturn(carers, Q2, 47)
    members = breakdowns.localities()
    for indicator in (assessments, carers):
        breakdowns.reported_by(indicator, members)
    for member, value in zip(members, (12, 3, 10, 22), strict=True):
        breakdowns.part(carers, Q2, member, value)
    return factories.performance_officer(), factories.scrutiny_member()


def test_officer_enters_a_quarter_by_locality_and_a_member_reads_the_west(
    browser, page, live_server, sign_in, suite
):
    officer, member = suite
    sign_in(officer)
    page.goto(f"{live_server.url}/entry/quarter-financial-2019-07-01/")
    page.get_by_role("link", name="Enter by locality for 2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "2 Single assessments within 45 days, by locality"
    )
    for name, (numerator, denominator) in zip(
        ("North", "South", "East", "West"), [(20, 25), (18, 25), (21, 25), (22, 25)], strict=True
    ):
        page.get_by_label(f"Numerator for {name}", exact=True).fill(str(numerator))
        page.get_by_label(f"Denominator for {name}", exact=True).fill(str(denominator))
    page.get_by_role("button", name="Check total").click()
    expect(page.locator("#worked-out-total")).to_contain_text("The council figure: 81 out of 100 (81%)")
    expect(page.locator("#worked-out-total")).to_contain_text("Green")
    assert axe_violations(page) == []
    screenshot(page, "breakdowns-entry-checked-1280")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Saved the council figure and 4 localities' figures for Q2 2019/20."
    )

    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    try:
        phone.goto(f"{live_server.url}/accounts/login/")
        phone.get_by_label("Username").fill(member.username)
        phone.get_by_label("Password").fill(factories.PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        # The member filters the index to the West, which opens its page as at the index's date.
        phone.goto(f"{live_server.url}/")
        phone.get_by_text("Filter the index").click()
        phone.get_by_label("Locality or team").select_option(label="West (locality)")
        phone.get_by_role("button", name="Apply filters").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("West")
        expect(phone).to_have_url(f"{live_server.url}/localities/west/?as_at=2019-09-30")
        assessments_row = phone.locator('tr[data-reference="2"]')
        expect(assessments_row).to_contain_text("88%")
        expect(assessments_row).to_contain_text("Green")
        expect(assessments_row).to_contain_text("81%")
        expect(phone.locator('tr[data-reference="22"]')).to_contain_text("22")
        assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]
        assert phone.evaluate(HIDDEN_COLUMNS) == []
        assert axe_violations(phone) == []
        screenshot(phone, "breakdowns-west-390")

        # South recruited 3 foster carers: withheld, and East's 10 with it, which the total would give away.
        phone.goto(f"{live_server.url}/localities/south/")
        carers = phone.locator('tr[data-reference="22"]')
        expect(carers).to_contain_text("[c]")
        expect(carers).not_to_contain_text("3 ")
        phone.goto(f"{live_server.url}/indicators/22/")
        latest = phone.locator(".kpi-breakdown table[id$='-latest']")
        expect(latest.locator('tr[data-member="south"]')).to_contain_text("[c]")
        expect(latest.locator('tr[data-member="east"]')).to_contain_text("[c]")
        expect(latest.locator('tr[data-member="west"]')).to_contain_text("22")
        expect(phone.get_by_text("the best, the worst and the spread are withheld")).to_be_visible()
        assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]
        assert axe_violations(phone) == []
        screenshot(phone, "breakdowns-indicator-22-390")
        phone.goto(f"{live_server.url}/indicators/2/")
        assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]
        assert axe_violations(phone) == []
        screenshot(phone, "breakdowns-indicator-2-390")
    finally:
        context.close()
    assert page.script_errors == []


LAPTOP = {"width": 1366, "height": 768}
SMALL_PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE, SMALL_PHONE], ids=["1366", "390", "320"])
def test_the_demo_indicator_page_charts_its_localities_and_fits_the_screen(page, live_server, viewport):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/indicators/2/")
    expect(page.get_by_role("heading", name="By locality")).to_be_visible()
    page.wait_for_load_state("load")
    expect(page.locator(".kpi-breakdown [data-parts-chart] .main-svg").first).to_be_visible(timeout=15000)
    expect(page.locator(".kpi-breakdown p[id$='-standing']")).to_contain_text("Worst: West")
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert axe_violations(page) == []
    screenshot(page, f"breakdowns-demo-indicator-2-{viewport['width']}")
    page.goto(f"{live_server.url}/localities/west/")
    screenshot(page, f"breakdowns-demo-west-{viewport['width']}")
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert page.evaluate(HIDDEN_COLUMNS) == []
    assert axe_violations(page) == []
    assert page.script_errors == []


def test_a_member_reads_a_report_by_locality_and_its_downloads_with_the_small_part_withheld(
    page, live_server, sign_in, suite, tmp_path
):
    """The November 2019 report includes foster carers by locality: South's 3 is small and East's 10
    would give it away. The member reads [c] for both on the report and in every file it links to,
    downloaded as the member downloads them; the West's 22 and the North's 12 are there."""
    officer, member = suite
    carers = Indicator.objects.get(reference="22")
    meeting = reports.meeting(reports.committee([carers]))
    meeting.breakdowns.set(Breakdown.objects.filter(indicator=carers))
    publish_meeting(meeting=meeting, user=officer)
    sign_in(member)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    section = page.locator('.kpi-breakdown[data-reference="22"]')
    for shown, figure in (("West", "22"), ("North", "12")):
        expect(section.locator(f'tr[data-part="{shown}"]')).to_contain_text(figure)
        expect(section.locator(f'tr[data-part="{shown}"]')).not_to_contain_text("[c]")
    for withheld in ("South", "East"):
        expect(section.locator(f'tr[data-part="{withheld}"]')).to_contain_text("[c]")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert axe_violations(page) == []
    screenshot(page, "breakdowns-report-390")

    def downloaded(name: str) -> Path:
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        return path

    sheet = load_workbook(downloaded("The appendix (Excel)"))["By locality"]
    rows = {row[2]: row for row in sheet.iter_rows(values_only=True) if row[0] == "22"}
    assert rows["South"][4] == rows["East"][4] == "[c]"
    assert (rows["North"][4], rows["West"][4]) == (12, 22)
    pack = " ".join(poppler("pdftotext", "-layout", str(downloaded("The committee pack (PDF)")), "-").split())
    assert "South [c]" in pack
    assert "East [c]" in pack
    assert "West 22" in pack
    lines = downloaded("The figures by locality (CSV)").read_text(encoding="utf-8-sig").splitlines()
    south = next(line for line in lines if ",South," in line)
    assert ",3," not in south
    assert ",c," in south
    assert not any(",10," in line for line in lines if ",East," in line)
