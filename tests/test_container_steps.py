"""The Dockerfile and compose.yaml run the README's production steps, which `make test-production`
runs word for word; no container engine runs them here, so this keeps them to the same steps."""

import re
from pathlib import Path

from tests.production.test_production_start import production_steps

ROOT = Path(__file__).resolve().parent.parent


def dockerfile_steps() -> tuple[list[str], list[str]]:
    """The commands the image runs when built (RUN) and when started (CMD), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    built, started = [], []
    for line in text.splitlines():
        if line.startswith("RUN "):
            built.extend(part.strip() for part in line[4:].split("&&"))
        elif line.startswith("CMD "):
            started.extend(part.strip().removeprefix("exec ") for part in line[4:].split("&&"))
    return built, started


def test_the_image_runs_the_readme_s_production_steps_in_their_order():
    readme = [step for step in production_steps() if not step.startswith("export ")]
    install, *at_start = readme
    built, started = dockerfile_steps()
    assert install.startswith("make install-production assets")
    assert any(step.startswith("make install-production assets") for step in built)
    assert started == at_start


def test_the_image_starts_with_debug_off_and_compose_gives_it_postgresql_and_redis():
    assert re.search(r"^ENV DEBUG=false$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    compose = (ROOT / "compose.yaml").read_text()
    assert "DATABASE_URL: postgres://" in compose
    assert "CACHE_URL: redis://" in compose
    assert "image: postgres:15" in compose
