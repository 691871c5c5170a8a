"""The accessibility statement, privacy notice and cookies page.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
require the statement to be published and reachable by anyone, so these pages are open whether or
not the council turns public access on. The council's own details come from settings."""

from django.conf import settings
from django.shortcuts import render

from indicators.access import with_access


def open_page(view):
    """A page anyone may read, signed in or not, whatever PUBLIC_ACCESS says."""

    return with_access(view, "anyone")


def _council() -> dict:
    return {
        "name": settings.COUNCIL_NAME,
        "contact_email": settings.COUNCIL_CONTACT_EMAIL,
        "address": settings.COUNCIL_ADDRESS,
        "data_protection_email": settings.COUNCIL_DATA_PROTECTION_EMAIL,
        "portal_url": settings.PORTAL_URL,
    }


@open_page
def accessibility(request):
    return render(
        request,
        "statutory/accessibility.html",
        {
            "council": _council(),
            "prepared": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
        },
    )


@open_page
def privacy(request):
    return render(
        request,
        "statutory/privacy.html",
        {"council": _council(), "session_days": settings.SESSION_COOKIE_AGE // 86400},
    )


@open_page
def cookies(request):
    return render(
        request,
        "statutory/cookies.html",
        {
            "council": _council(),
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
        },
    )
