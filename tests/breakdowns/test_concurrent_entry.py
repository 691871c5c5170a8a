"""Officers saving the same locality figures at the same moment: one is saved, the others told whose
they are; never a server error, never half a set."""

import re
import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from breakdowns.models import PartFigure
from indicators.models import Outturn
from indicators.rules.periods import quarter_of
from indicators.services import period_for
from tests import factories
from tests.breakdowns import factories as breakdowns
from tests.breakdowns.test_entry import FIGURES, form_data, url

SAVES = 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_a_new_set_give_one_set_and_conflicts():
    indicator = factories.indicator(reference="2")
    factories.outturn(indicator, date(2019, 4, 1), numerator=80, denominator=100, value=80)
    period_for(quarter_of(date(2019, 7, 1)))
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    officers = [factories.performance_officer(f"officer{n}") for n in range(SAVES)]
    statuses = [None] * SAVES
    ready = threading.Barrier(SAVES)

    def save(n):
        client = Client(raise_request_exception=False)
        client.force_login(officers[n])
        figures = [(20 + n % 3, 25), *FIGURES[1:]]
        try:
            # Read from the page: a test client's captured context is shared between threads.
            page = client.post(url(indicator, members), form_data(members, figures)).content.decode()
            checked = re.search(r'name="checked" value="([0-9a-f]+)"', page).group(1)
            ready.wait()
            response = client.post(
                url(indicator, members), form_data(members, figures, action="save", checked=checked)
            )
            statuses[n] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [302] + [409] * (SAVES - 1)
    total = Outturn.objects.get(indicator=indicator, period__start=date(2019, 7, 1))
    parts = PartFigure.objects.filter(indicator=indicator, period=total.period)
    assert parts.count() == 4
    assert sum(part.numerator for part in parts) == total.numerator
    assert {part.entered_by_id for part in parts} == {total.entered_by_id}
