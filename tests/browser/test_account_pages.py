"""The statutory pages and the password screens pass axe at a phone's and a laptop's width and fit
the screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot
from tests.factories import scrutiny_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
OPEN_PAGES = ["/accessibility/", "/privacy/", "/cookies/", "/accounts/password/reset/"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_open_pages_pass_axe_and_fit_the_screen(page, live_server, width):
    page.set_viewport_size(WIDTHS[width])
    for path in OPEN_PAGES:
        page.goto(live_server.url + path)
        name = path.strip("/").replace("/", "-")
        screenshot(page, f"statutory-{name}-{WIDTHS[width]['width']}")
        assert axe_violations(page) == [], path
        assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"], path
    assert page.script_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_changing_a_password_passes_axe_with_its_errors_shown(page, live_server, sign_in, width):
    page.set_viewport_size(WIDTHS[width])
    sign_in(scrutiny_member())
    page.get_by_role("link", name="Change your password").click()
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    screenshot(page, f"password-change-errors-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_people_pages_pass_axe_and_fit_the_screen(page, live_server, sign_in, width):
    from tests.factories import administrator, indicator

    indicator(reference="CP1", title="Child protection visits on time")
    page.set_viewport_size(WIDTHS[width])
    admin = administrator()
    sign_in(admin)
    page.goto(live_server.url + "/people/")
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Enter their full name").first).to_be_visible()
    screenshot(page, f"people-invite-errors-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []
    page.get_by_label("Full name").fill("Dana Okafor")
    page.get_by_label("Work e-mail address").fill("dana@council.example")
    page.get_by_label("Performance officers").check()
    page.get_by_text("Lead officer for").first.click()
    page.get_by_label("CP1").first.check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Dana Okafor is invited")).to_be_visible()
    screenshot(page, f"people-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    dana = page.locator("#people tr", has_text="Dana Okafor")
    assert "Performance officers" in dana.inner_text()
    page.get_by_role("link", name="Dana Okafor").click()
    assert page.get_by_label("Performance officers").is_checked()
    assert page.get_by_label("CP1").first.is_checked()
    screenshot(page, f"person-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []
    assert page.script_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_importing_the_councils_index_passes_axe_with_errors_and_in_preview(
    page, live_server, sign_in, width, tmp_path
):
    from io import BytesIO

    from openpyxl import Workbook

    from indicators.suite_import import layout
    from tests.factories import administrator

    headings = [column.heading for column in layout.DETAILS]
    good = [
        "2",
        "Single assessments in 45 days",
        "Social Care",
        "Percentage",
        0,
        "Higher is better",
        "Quarterly",
        "Financial",
        "No",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]

    def saved(rows) -> str:
        book = Workbook()
        sheet = book.active
        sheet.title = layout.INDEX
        sheet.append([*headings, "Q1 2024/25"])
        for row in rows:
            sheet.append(row)
        out = BytesIO()
        book.save(out)
        path = tmp_path / f"index-{len(rows)}-{rows[0][3]}.xlsx"
        path.write_bytes(out.getvalue())
        return str(path)

    page.set_viewport_size(WIDTHS[width])
    sign_in(administrator())
    page.goto(live_server.url + "/import-index/")
    page.set_input_files("#workbook", saved([[*good[:3], "Furlongs", *good[4:], 80]]))
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_text("nothing was saved")).to_be_visible()
    screenshot(page, f"import-errors-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"]

    page.set_input_files("#workbook", saved([[*good, 80]]))
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_role("button", name="Import the index")).to_be_visible()
    screenshot(page, f"import-preview-{WIDTHS[width]['width']}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Import the index").click()
    expect(page.get_by_text("is imported: 1 new indicators")).to_be_visible()
    # The refused upload answers 400 on purpose, which the browser reports; nothing else may fail.
    assert [error for error in page.script_errors if "status of 400" not in error] == []
