"""The accessibility statement, privacy notice and cookies page: open to anyone, with the council's
details, and linked from every page's footer."""

import datetime

import pytest
from django.test import override_settings

from tests.factories import scrutiny_member

pytestmark = pytest.mark.django_db

COUNCIL = {
    "COUNCIL_NAME": "Northtown Council",
    "COUNCIL_CONTACT_EMAIL": "performance@northtown.example",
    "COUNCIL_ADDRESS": "Town Hall, Northtown",
    "COUNCIL_DATA_PROTECTION_EMAIL": "dpo@northtown.example",
    "ACCESSIBILITY_STATEMENT_PREPARED": datetime.date(2026, 11, 2),
    "ACCESSIBILITY_STATEMENT_REVIEWED": datetime.date(2026, 12, 1),
}


@override_settings(PUBLIC_ACCESS=False, **COUNCIL)
@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/cookies/"])
def test_each_page_is_open_without_signing_in_even_when_the_portal_is_not_public(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert "Northtown Council" in page.text


@override_settings(**COUNCIL)
def test_the_accessibility_statement_has_the_model_statements_sections(client):
    text = client.get("/accessibility/").text
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert heading in text
    assert "partially compliant with the" in text
    assert "performance@northtown.example" in text
    assert "Equality Advisory and Support Service" in text
    assert "prepared on 2 November 2026. It was last reviewed on 1 December 2026." in text


@override_settings(**COUNCIL)
def test_the_privacy_notice_names_the_controller_and_its_data_protection_officer(client):
    text = client.get("/privacy/").text
    assert "Northtown Council is the data controller" in text
    assert "dpo@northtown.example" in text
    assert "Information Commissioner" in text


@override_settings(SESSION_COOKIE_NAME="portal_session")
def test_the_cookies_page_lists_the_cookies_the_portal_sets(client):
    member = scrutiny_member()
    client.force_login(member)
    client.get("/")  # signed in: a session and a CSRF cookie
    text = client.get("/cookies/").text
    assert "essential cookies" in text
    for name in ["portal_session", "csrftoken", "messages"]:
        assert f'<td class="govuk-table__cell">{name}</td>' in text
    assert "analytics" in text  # says there are none


def test_a_bad_statement_date_stops_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kpi_portal.env import env_date

    monkeypatch.setenv("ACCESSIBILITY_STATEMENT_REVIEWED", "1/12/2026")
    with pytest.raises(ImproperlyConfigured, match="ACCESSIBILITY_STATEMENT_REVIEWED must be a date"):
        env_date("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-12-06")


@pytest.mark.parametrize("path", ["/accounts/login/", "/accessibility/"])
def test_every_page_links_the_three_from_its_footer(client, path):
    text = client.get(path).text
    for link in ['href="/accessibility/"', 'href="/privacy/"', 'href="/cookies/"']:
        assert link in text


def test_the_footer_offers_a_signed_in_reader_a_password_change(client):
    client.force_login(scrutiny_member())
    assert 'href="/accounts/password/"' in client.get("/accessibility/").text
