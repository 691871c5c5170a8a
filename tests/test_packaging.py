"""The wheel ships every app the portal runs and leaves the benchmarks out."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def shipped(package: str) -> bool:
    found = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    return any(fnmatch(package, pattern) for pattern in found["include"])


def test_every_app_of_the_portal_is_in_the_wheel_and_the_benchmarks_are_not():
    own = [app for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()]
    assert "reminders" in own
    assert [app for app in own if app != "bench" and not shipped(app)] == []
    assert not shipped("bench")
    assert not shipped("tests")
