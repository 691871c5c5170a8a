"""Officers adding the same new figure at the same moment: one is saved, the others told whose it is."""

import threading

import pytest
from django.db import connection
from django.test import Client

from indicators.entry import services
from indicators.models import Outturn
from tests import factories
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite

SAVES = 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_creating_one_figure_give_conflicts_and_no_server_error():
    indicators = suite()
    # Another figure for the quarter puts its period on record: nothing else serialises the saves.
    factories.outturn(indicators["2"], Q2.start, 81)
    officers = [factories.performance_officer(f"officer{n}") for n in range(SAVES)]
    posts = [form_data(Q2, officer, {"5": {"value": 100 + n}}) for n, officer in enumerate(officers)]
    ready = threading.Barrier(SAVES)
    statuses, pages = [None] * SAVES, [""] * SAVES

    def save(n):
        client = Client(raise_request_exception=False)
        client.force_login(officers[n])
        ready.wait()
        try:
            response = client.post(Q2_URL, posts[n])
            statuses[n], pages[n] = response.status_code, response.content.decode()
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [302] + [400] * (SAVES - 1)
    saved = Outturn.objects.get(indicator__reference="5", period__start=Q2.start)
    refused = [page for status, page in zip(statuses, pages, strict=True) if status == 400]
    assert all("saved this figure after you opened it" in page for page in refused)
    assert all(f"theirs is {saved.value.normalize():f} (provisional)" in page for page in refused)
    assert saved.history.count() == 1


@pytest.mark.django_db
def test_a_figure_added_between_reading_and_saving_is_a_conflict_not_a_server_error(client, bob, monkeypatch):
    """The race, made to happen: the first read finds no figure, but another officer's is there."""
    indicators = suite()
    client.force_login(bob)
    opened = form_data(Q2, bob, {"5": {"value": 119}})
    dana = factories.performance_officer("dana")
    factories.outturn(indicators["5"], Q2.start, 122, entered_by=dana)
    locked_figures = services._locked_figures
    reads = []

    def first_read_misses_it(stored_period, ids):
        reads.append(ids)
        return {} if len(reads) == 1 else locked_figures(stored_period, ids)

    monkeypatch.setattr(services, "_locked_figures", first_read_misses_it)
    response = client.post(Q2_URL, opened)
    assert response.status_code == 400
    assert "saved this figure after you opened it: theirs is 122 (validated), yours is 119" in response.text
    assert Outturn.objects.get(indicator=indicators["5"], period__start=Q2.start).value == 122
