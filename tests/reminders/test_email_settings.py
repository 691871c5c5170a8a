"""E-mail settings: the console in development; in production the council's SMTP server, read from
the environment, and links that start with the portal's own address."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k8#Jd93kdLq0-Zz7yP2mXv!cN4rT6wB1sE5hU8oA3fG9iK0lQ7jH2nM4pR6tY",
    "ALLOWED_HOSTS": "performance.example.gov.uk,kpi.internal",
    "DATABASE_URL": "sqlite:///:memory:",
}
SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s;"
    " print(json.dumps({'mailers': s.MAILERS, 'from': s.DEFAULT_FROM_EMAIL, 'portal': s.PORTAL_URL}))"
)
NAMES = ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS")


def settings_with(**variables) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {*PRODUCTION, *NAMES, "PORTAL_URL", "PORT"}}
    env |= {"DJANGO_SETTINGS_MODULE": "kpi_portal.settings", **variables}
    return subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def read(**variables) -> dict:
    result = settings_with(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_development_prints_e_mails_on_the_console():
    shown = read(DEBUG="true")
    assert shown["mailers"] == {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    assert shown["portal"] == "http://127.0.0.1:8000"


def test_development_links_use_the_port_the_portal_is_served_on():
    """`PORT=8001 make run` serves on 8001: the e-mails it prints link there, not to 8000."""
    assert read(DEBUG="true", PORT="8001")["portal"] == "http://127.0.0.1:8001"
    assert (
        read(DEBUG="true", PORT="8001", PORTAL_URL="http://kpi.test:9000")["portal"] == "http://kpi.test:9000"
    )


def test_production_sends_through_the_smtp_server_the_environment_names():
    shown = read(
        **PRODUCTION,
        EMAIL_HOST="smtp.example.gov.uk",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="performance",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Performance team <performance@example.gov.uk>",
    )
    assert shown["mailers"]["default"] == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.gov.uk",
            "port": 587,
            "username": "performance",
            "password": "secret",
            "use_tls": True,
            "timeout": 30,
        },
    }
    assert shown["from"] == "Performance team <performance@example.gov.uk>"
    assert shown["portal"] == "https://performance.example.gov.uk"


def test_production_links_start_with_portal_url_when_it_is_set():
    assert (
        read(**PRODUCTION, PORTAL_URL="https://kpi.example.gov.uk")["portal"] == "https://kpi.example.gov.uk"
    )


def test_a_bad_e_mail_setting_stops_start_up_and_names_it():
    for name, value in (("EMAIL_PORT", "smtp"), ("EMAIL_USE_TLS", "perhaps"), ("PORTAL_URL", "kpi.gov.uk")):
        result = settings_with(**PRODUCTION, **{name: value})
        assert result.returncode != 0
        assert name in result.stderr
