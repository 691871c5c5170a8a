"""Every script a page loads is kept by the browser until a new build changes it: production's
static files have hashed names, and the portal's modules import GOV.UK Frontend by its hashed name."""

import json
import os
import re
import subprocess
import sys
from urllib.parse import urljoin

from django.core.management import call_command
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.test_settings import ROOT, SAFE

STORAGE = "kpi_portal.static_storage.PortalStaticStorage"
"""As production's settings name it (kpi_portal/settings.py, DEBUG off)."""


def collected(settings, tmp_path) -> tuple[dict[str, str], object]:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": STORAGE}}
    # Compressing Plotly takes minutes and says nothing of the names: skipped here, as production
    # does it (make test-production).
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["js", "mjs", "css", "ico", "svg", "woff", "woff2", "map"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return json.loads((tmp_path / "staticfiles.json").read_text())["paths"], tmp_path


def test_the_portal_module_imports_govuk_frontend_by_its_hashed_name(settings, tmp_path):
    paths, root = collected(settings, tmp_path)
    module = (root / paths["js/portal.mjs"]).read_text()
    imported = re.findall(r"""from\s*["']([^"']+)["']""", module)
    assert imported == [f"../{paths['build/govuk-frontend.min.js']}"]
    assert re.search(r"govuk-frontend\.min\.[0-9a-f]{12}\.js$", imported[0])


def test_browsers_keep_the_portal_module_and_what_it_imports_for_a_year(settings, tmp_path, rf):
    paths, root = collected(settings, tmp_path)
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    whitenoise = WhiteNoiseMiddleware(get_response=lambda request: None)
    module = f"/static/{paths['js/portal.mjs']}"
    [imported] = re.findall(r"""from\s*["']([^"']+)["']""", (root / paths["js/portal.mjs"]).read_text())
    for address in (module, urljoin(module, imported)):
        response = whitenoise(rf.get(address))
        assert response.status_code == 200, address
        assert response["Cache-Control"] == "max-age=315360000, public, immutable", address


def test_production_collects_static_files_with_the_portals_storage():
    env = {**os.environ, **SAFE, "DJANGO_SETTINGS_MODULE": "kpi_portal.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kpi_portal import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == STORAGE
