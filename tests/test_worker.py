"""A worker that loads the portal freezes what start-up made, so the garbage collector never
scans it again while a page is drawn, and collects young objects less often (kpi_portal/worker.py)."""

import os
import subprocess
import sys
from pathlib import Path

from kpi_portal import worker

ROOT = Path(__file__).resolve().parent.parent
REPORT = (
    "import gc; before = gc.get_freeze_count(); import kpi_portal.wsgi; "
    "print(before, gc.get_freeze_count(), *gc.get_threshold())"
)


def test_a_worker_that_loads_the_portal_freezes_start_up_and_raises_the_thresholds():
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run(  # noqa: S603 - this project's own interpreter
        [sys.executable, "-c", REPORT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    before, frozen, *thresholds = map(int, result.stdout.split())
    # Django, the apps and their templates' machinery: tens of thousands of objects, frozen.
    assert frozen - before > 20_000
    assert thresholds == [worker.YOUNGEST, worker.MIDDLE, worker.OLDEST]
