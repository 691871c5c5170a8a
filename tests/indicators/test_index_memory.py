"""A view of the index lets go of its drawn table as it answers, so a worker's memory stays flat:
Django's template context is a reference cycle that only the garbage collector frees, and it would
hold the table (8 MB for 3,000 indicators) until the collector next ran (kpi_portal/worker.py)."""

import gc
from datetime import date

import pytest

from tests import factories


@pytest.fixture
def suite(db):
    for n in range(3):
        indicator = factories.indicator(reference=f"M{n}", title=f"Children seen within timescale {n}")
        factories.target(indicator, 2019, value=80)
        factories.outturn(indicator, date(2019, 7, 1), 90)


def table_text_left_for_the_collector(view) -> list[str]:
    """The drawn index text that only the garbage collector would free once `view` has answered."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        view()
        gc.collect()
        return [
            held
            for garbage in gc.garbage
            for held in gc.get_referents(garbage)
            if isinstance(held, str) and 'data-reference="M0"' in held
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


@pytest.mark.parametrize("cache", [True, False], ids=["kept in the cache", "drawn afresh"])
def test_a_view_of_the_index_leaves_its_table_to_no_garbage_collection(client, alice, suite, settings, cache):
    settings.INDEX_CACHE = cache
    client.force_login(alice)
    assert client.get("/").status_code == 200  # drawn and kept

    assert table_text_left_for_the_collector(lambda: client.get("/")) == []
