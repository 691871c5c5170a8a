"""A worker that loads the portal freezes what start-up made, so the garbage collector never
scans it again while a page is drawn, and leaves the collector's thresholds as Python sets them, so
reference cycles holding a drawn page are freed within a few views (kpi_portal/worker.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = (
    "import gc; before = gc.get_freeze_count(); thresholds = gc.get_threshold(); "
    "import kpi_portal.wsgi; "
    "print(before, gc.get_freeze_count(), gc.get_threshold() == thresholds)"
)


def test_a_worker_that_loads_the_portal_freezes_start_up_and_keeps_pythons_thresholds():
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run(  # noqa: S603 - this project's own interpreter
        [sys.executable, "-c", REPORT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    before, frozen, thresholds_kept = result.stdout.split()
    # Django, the apps and their templates' machinery: tens of thousands of objects, frozen.
    assert int(frozen) - int(before) > 20_000
    # Raised thresholds let a worker grow by megabytes a view before a collection came.
    assert thresholds_kept == "True"
