import socket

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    settings.REMINDER_DAYS_BEFORE = 5
    settings.ENTRY_DUE_WORKING_DAYS = 15
    settings.ENTRY_BANK_HOLIDAYS = frozenset()
    settings.PORTAL_URL = "https://performance.example.gov.uk"
    settings.DEFAULT_FROM_EMAIL = "performance@example.gov.uk"


@pytest.fixture
def dana(db):
    """Dana Okafor is a data owner: she enters her indicators' figures by their due dates."""
    return factories.make_user(
        "dana", factories.OFFICERS, first_name="Dana", last_name="Okafor", email="dana@example.gov.uk"
    )


@pytest.fixture
def lee(db):
    """Lee Grant is a lead officer: he validates the figures his indicators' data owners enter."""
    return factories.make_user(
        "lee", factories.OFFICERS, first_name="Lee", last_name="Grant", email="lee@example.gov.uk"
    )


@pytest.fixture
def closed_port():
    """A local port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(settings, closed_port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        }
    }
