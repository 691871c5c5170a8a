"""A quarter's figures through the whole collection cycle in Chromium, as the council's people meet it.

Dana, a data owner, is e-mailed that Q2 2019/20 is due soon, follows the link, signs in and enters her
two indicators' figures; the public index stays on Q1 while they are provisional. Lee, their lead
officer, is e-mailed that they await his validation and validates them. Priya, a performance officer,
writes the exception's commentary for the November meeting, publishes the report through its checklist
with a reason for what is outstanding, and signs it off. The public then sees Q2 on the index and in
the published report.

Reminders run as cron runs them, on dates given here, never the machine's.
"""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import axe_violations, screenshot
from tests.reports import factories as reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WIDTH = "() => document.documentElement.scrollWidth"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}

# Q2 2019/20 ends on Monday 30 September 2019. Fifteen working days later (no bank holidays in between)
# its figures are due on Monday 21 October; five working days before that is Monday 14 October.
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)
REMINDED_OF_Q2 = date(2019, 10, 14)
DAY_AFTER_ENTRY = date(2019, 10, 17)
ASSESSMENTS = "Single assessments authorised within 45 working days"
REREFERRALS = "Re-referrals within 12 months"


@pytest.fixture
def cycle(settings, live_server):
    """Two quarterly indicators of Dana's, led by Lee, first collected in Q1 2019/20 and validated for
    it; a committee with both in its suite meets on 6 November 2019 with data as at 30 September."""
    settings.PUBLIC_ACCESS = True
    settings.PORTAL_URL = live_server.url
    settings.ENTRY_DUE_WORKING_DAYS = 15
    settings.ENTRY_BANK_HOLIDAYS = frozenset()
    settings.ENTRY_CHANGE_CONFIRM_PERCENT = 25
    settings.REMINDER_DAYS_BEFORE = 5
    people = {
        username: factories.make_user(
            username,
            factories.OFFICERS,
            first_name=first,
            last_name=last,
            email=f"{username}@example.gov.uk",
        )
        for username, first, last in (
            ("dana", "Dana", "Okafor"),
            ("lee", "Lee", "Grant"),
            ("priya", "Priya", "Shah"),
        )
    }
    area = factories.service_area("Social Care")
    suite = []
    for reference, title, polarity, target, q1 in (
        ("2", ASSESSMENTS, "higher", 85, 86),
        ("5", REREFERRALS, "lower", 20, 18),
    ):
        indicator = factories.indicator(
            area=area,
            reference=reference,
            title=title,
            polarity=polarity,
            decimal_places=1,
            introduced_on=Q1,
            data_owner_user=people["dana"],
            data_owner="Performance analyst",
            lead_officer_user=people["lee"],
            lead_officer="Head of Children's Social Care",
        )
        factories.target(indicator, 2019, value=target, tolerance=10)
        factories.outturn(indicator, Q1, q1, entered_by=people["dana"])
        suite.append(indicator)
    meeting = reports.meeting(reports.committee(suite), day=date(2019, 11, 6), as_at=date(2019, 9, 30))
    return {**people, "meeting": meeting}


@pytest.fixture
def open_browser(browser):
    """A fresh browser (its own cookies) for each person; each page's script errors are kept."""
    contexts = []

    def open_page(viewport=LAPTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.on(
            "console", lambda message: message.type == "error" and page.script_errors.append(message.text)
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


def run_reminders(today: date) -> list:
    """Run the reminders as cron does on `today`; the e-mails this run sent."""
    already = len(mail.outbox)
    call_command("send_reminders", today=today, stdout=StringIO())
    return mail.outbox[already:]


def link_after(words: str, body: str) -> str:
    """The address on the e-mail's line that starts with `words`."""
    [line] = [line for line in body.splitlines() if line.startswith(words)]
    return line.removeprefix(words).strip()


def sign_in_on(page, username: str) -> None:
    """Sign in on the sign-in page the portal sent the person to, and wait for where it leads."""
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in")).to_have_count(0)


def fits_a_phone(page, name: str) -> None:
    """At 390 px the page scrolls down, never sideways; the screenshot is for looking at."""
    page.set_viewport_size(PHONE)
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    screenshot(page, f"{name}-390")
    page.set_viewport_size(LAPTOP)


def public_index(open_browser, live_server):
    page = open_browser()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


def test_a_quarter_is_reminded_entered_validated_signed_off_and_only_then_public(
    live_server, open_browser, cycle
):
    # Before anything: the public index is as at Q1.
    before = public_index(open_browser, live_server)
    expect(before.locator("main")).to_contain_text("as at 30 June 2019")
    expect(before.locator('[data-reference="2"]')).to_contain_text("86.0%")
    public_before = before.locator("main").inner_text()
    screenshot(before, "cycle-public-before")

    # 14 October 2019: Dana is reminded that Q2 is due on 21 October.
    [reminder] = run_reminders(REMINDED_OF_Q2)
    assert reminder.to == ["dana@example.gov.uk"]
    assert reminder.subject == "Performance figures: 2 due soon"
    assert "DUE SOON" in reminder.body
    assert f"- 2: {ASSESSMENTS}\n  Q2 2019/20 (July to September 2019), due 21 October 2019" in reminder.body
    assert f"- 5: {REREFERRALS}\n  Q2 2019/20 (July to September 2019), due 21 October 2019" in reminder.body
    assert run_reminders(REMINDED_OF_Q2) == [], "a reminder is sent once"
    entry_link = link_after("Enter the figures:", reminder.body)
    assert entry_link == f"{live_server.url}/entry/quarter-financial-2019-07-01/"

    # She follows the link, signs in, and lands on the quarter's form.
    dana = open_browser()
    dana.goto(entry_link)
    sign_in_on(dana, "dana")
    expect(dana.get_by_role("heading", level=1)).to_have_text(
        "Figures for Q2 2019/20 (July to September 2019)"
    )
    expect(dana.locator("#figures caption")).to_have_text("2 indicators due for Q2 2019/20")
    assert axe_violations(dana) == []
    fits_a_phone(dana, "cycle-entry")

    dana.get_by_label("Numerator for 2", exact=True).fill("272")
    dana.get_by_label("Denominator for 2", exact=True).fill("400")
    expect(dana.locator("output.kpi-entry__computed").first).to_have_text("= 68.0%")
    dana.get_by_label("Commentary for 2", exact=True).fill(
        "Two assessment teams were short of social workers."
    )
    dana.get_by_label("Numerator for 5", exact=True).fill("57")
    dana.get_by_label("Denominator for 5", exact=True).fill("300")
    dana.get_by_role("button", name="Save figures").click()
    expect(dana.locator(".govuk-notification-banner")).to_contain_text("Saved 2 figures for Q2 2019/20")
    expect(dana.locator("output.kpi-entry__computed")).to_have_text(["= 68.0%", "= 19.0%"])
    expect(dana.get_by_label("Status for 2")).to_have_value("provisional")
    screenshot(dana, "cycle-entered")
    assert dana.script_errors == []

    # Provisional figures do not move the public index.
    after_entry = public_index(open_browser, live_server)
    expect(after_entry.locator("main")).to_contain_text("as at 30 June 2019")
    assert after_entry.locator("main").inner_text() == public_before
    assert "68.0%" not in after_entry.content()
    assert "30 September 2019" not in after_entry.locator("main").inner_text()
    screenshot(after_entry, "cycle-public-provisional")

    # 17 October: Lee is reminded that both await his validation; Dana hears nothing more.
    [awaiting] = run_reminders(DAY_AFTER_ENTRY)
    assert awaiting.to == ["lee@example.gov.uk"]
    assert awaiting.subject == "Performance figures: 2 awaiting validation"
    assert "AWAITING YOUR VALIDATION" in awaiting.body
    validate_link = link_after("Check and validate the figures:", awaiting.body)
    assert validate_link == f"{live_server.url}/entry/validate/"

    lee = open_browser()
    lee.goto(validate_link)
    sign_in_on(lee, "lee")
    expect(lee.get_by_role("heading", level=1)).to_have_text("Validate figures")
    expect(lee.get_by_role("group", name="Q2 2019/20")).to_contain_text("Entered by Dana Okafor")
    assert axe_violations(lee) == []
    screenshot(lee, "cycle-validate")
    fits_a_phone(lee, "cycle-validate")
    lee.get_by_label(f"2: {ASSESSMENTS}: 68.0%").check()
    lee.get_by_label(f"5: {REREFERRALS}: 19.0%").check()
    lee.get_by_role("button", name="Validate the figures ticked").click()
    expect(lee.locator(".govuk-notification-banner")).to_contain_text("Validated 2 figures.")
    expect(lee.get_by_text("No figures are awaiting your validation.")).to_be_visible()
    assert lee.script_errors == []

    # Validated, the figures reach the public index, which moves on to Q2.
    validated = public_index(open_browser, live_server)
    expect(validated.locator("main")).to_contain_text("as at 30 September 2019")
    expect(validated.locator('[data-reference="2"]')).to_contain_text("68.0%")
    screenshot(validated, "cycle-public-validated")

    # Priya prepares the meeting's report: indicator 2 is Red, an exception; she explains it.
    priya = open_browser()
    priya.goto(f"{live_server.url}/meetings/")
    priya.get_by_role("link", name="Sign in").click()
    sign_in_on(priya, "priya")
    priya.get_by_role("link", name="6 November 2019").click()
    expect(priya.get_by_role("link", name="Publish this report")).to_be_visible()
    expect(priya.locator("#exceptions ~ section").first).to_contain_text(f"2: {ASSESSMENTS}")
    expect(priya.locator("#exceptions ~ section").first).to_contain_text("Red")
    assert axe_violations(priya) == []
    priya.get_by_role("link", name="Write commentary on indicator 2").click()
    expect(priya.get_by_role("heading", level=1)).to_have_text(f"2: {ASSESSMENTS}")
    expect(priya.get_by_label("Responsible officer")).to_have_value(str(cycle["lee"].pk))
    assert axe_violations(priya) == []
    priya.get_by_label("Management commentary").fill(
        "Two of the five assessment teams carried vacancies through the summer; agency social workers"
        " started in September."
    )
    priya.get_by_role("button", name="Save commentary").click()
    expect(priya.locator(".govuk-notification-banner")).to_contain_text("Commentary on indicator 2 saved.")

    # She opens publish: the checklist finds the exception has no corrective actions.
    priya.get_by_role("link", name="Publish this report").click()
    expect(priya.get_by_role("heading", level=1)).to_have_text(
        "Before you publish the report for 6 November 2019"
    )
    checklist = priya.locator("#checklist")
    expect(checklist).to_contain_text("1 item is outstanding")
    expect(checklist).to_contain_text("Exceptions without corrective actions (1)")
    expect(checklist).to_contain_text(f"2: {ASSESSMENTS}")
    expect(checklist).not_to_contain_text("Figures not validated")
    assert axe_violations(priya) == []
    fits_a_phone(priya, "cycle-checklist")

    priya.get_by_role("button", name="Continue").click()
    expect(priya.locator(".govuk-error-summary")).to_contain_text("Give your reason to publish")
    priya.get_by_label("Your reason to publish with these items outstanding").fill(
        "Lee will bring the recovery plan's actions to the meeting itself."
    )
    priya.get_by_role("button", name="Continue").click()
    frozen = priya.locator("#frozen")
    expect(frozen).to_contain_text("Data as at 30 September 2019")
    expect(frozen).to_contain_text("Q2 2019/20: 2 indicators")
    expect(frozen).to_contain_text(f"2: {ASSESSMENTS}")
    assert axe_violations(priya) == []
    screenshot(priya, "cycle-confirm")
    priya.get_by_role("button", name="Publish and sign off").click()
    expect(priya.locator(".govuk-notification-banner")).to_contain_text(
        "The report is published and signed off"
    )
    sign_off = priya.locator("#sign-off")
    expect(sign_off).to_contain_text("signed off by Priya Shah")
    expect(sign_off).to_contain_text("1 checklist item was outstanding")
    expect(sign_off).to_contain_text(
        "The reason given for publishing: Lee will bring the recovery plan's actions to the meeting itself."
    )
    assert axe_violations(priya) == []
    screenshot(priya, "cycle-signed-off")
    assert priya.script_errors == []

    # The public: the index as at Q2, and the published report with its figures and commentary.
    published = public_index(open_browser, live_server)
    expect(published.locator("main")).to_contain_text("as at 30 September 2019")
    expect(published.locator('[data-reference="2"]')).to_contain_text("68.0%")
    expect(published.locator('[data-reference="5"]')).to_contain_text("19.0%")
    published.goto(f"{live_server.url}/meetings/")
    published.get_by_role("link", name="6 November 2019").click()
    expect(published.locator("#sign-off")).to_contain_text("signed off by Priya Shah")
    expect(published.locator("#report-index")).to_contain_text("68.0%")
    expect(published.locator("#exceptions ~ section").first).to_contain_text("agency social workers")
    assert axe_violations(published) == []
    screenshot(published, "cycle-published-public")
    assert published.script_errors == []
