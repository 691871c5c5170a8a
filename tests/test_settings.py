"""Production settings refuse to start with an unsafe configuration, naming the setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAFE = {
    "DEBUG": "false",
    "SECRET_KEY": "k8#Jd93kdLq0-Zz7yP2mXv!cN4rT6wB1sE5hU8oA3fG9iK0lQ7jH2nM4pR6tY",
    "ALLOWED_HOSTS": "kpi.example.gov.uk",
    "DATABASE_URL": "sqlite:///:memory:",
}


def start(**overrides) -> subprocess.CompletedProcess:
    # The browser tests allow the ORM beside Playwright's event loop; a deployment never does.
    env = {k: v for k, v in os.environ.items() if k not in SAFE and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(SAFE)
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_safe_production_settings_pass_the_deploy_check():
    result = start()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is unsafe"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
        ({"COUNCIL_COLOUR": "blue"}, "COUNCIL_COLOUR"),
        ({"SMALL_NUMBER_THRESHOLD": "few"}, "SMALL_NUMBER_THRESHOLD"),
        ({"CACHE_URL": "memcached://cache:11211"}, "CACHE_URL must be a redis://"),
        ({"APPENDIX_PAPER": "letter"}, "APPENDIX_PAPER must be one of A4, A3"),
        ({"INDEX_CACHE": "sometimes"}, "INDEX_CACHE must be true or false"),
    ],
)
def test_unsafe_setting_stops_start_up_and_names_it(overrides, named):
    result = start(**overrides)
    assert result.returncode != 0
    assert named in result.stderr


@pytest.mark.parametrize(
    ("overrides", "location"),
    [
        ({"CACHE_URL": "redis://cache:6379/0"}, "redis://cache:6379/0"),
        ({"REDIS_URL": "redis://platform-redis:6379/1"}, "redis://platform-redis:6379/1"),
        ({"CACHE_URL": "redis://cache:6379/0", "REDIS_URL": "redis://other:6379/1"}, "redis://cache:6379/0"),
    ],
)
def test_the_shared_cache_is_read_from_cache_url_or_a_platforms_redis_url(overrides, location):
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL")}
    env.update(SAFE, **overrides)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['LOCATION'], settings.SESSION_ENGINE)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "kpi_portal.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Sessions are read from the database, never through the cache, so an outage never signs anyone out.
    assert result.stdout.split() == [location, "django.contrib.sessions.backends.db"]
