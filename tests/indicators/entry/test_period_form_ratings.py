"""The period entry form shows each indicator's target and previous figure, and, once a figure is
typed and checked (or the form comes back with an error), the rating it will get and, for a Red,
that it needs commentary before it is validated. Nothing is saved by checking."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Outturn, Target
from tests import factories
from tests.indicators.entry.helpers import Q1, Q2, Q2_URL, form_data, suite

pytestmark = pytest.mark.django_db

RED_NOTE = "Red figures need commentary before they can be validated."


def rating_of_row(page: str, row: int) -> str:
    """The words of a row's rating note, tags stripped."""
    note = re.search(rf'<div class="kpi-entry__rating" id="rows-{row}-rating">(.*?)</div>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", note.group(1)).split())


def check(client, officer, changes: dict):
    data = form_data(Q2, officer, changes)
    data["action"] = "check"
    return client.post(Q2_URL, data)


def test_each_indicator_shows_its_target_with_its_tolerance_and_the_previous_figure(client, bob):
    suite()
    client.force_login(bob)
    page = client.get(Q2_URL).content.decode()
    assert (
        "Target 85% or more; off target by less than 5 percentage points: Amber;"
        " by 5 percentage points or more: Red"
    ) in page
    assert "Target 26 weeks or less; off target by less than 2 weeks: Amber" in page
    assert "A contextual measure: not rated against a target" in page
    assert "80% (validated)" in page
    assert "27 weeks (validated)" in page


def test_a_figure_on_record_shows_the_rating_it_has(client, bob):
    indicators = suite()
    factories.outturn(indicators["12"], Q2.start, 29, status="provisional")
    client.force_login(bob)
    page = client.get(Q2_URL).content.decode()
    assert rating_of_row(page, 2) == f"29 weeks is Red {RED_NOTE}"
    assert rating_of_row(page, 0) == ""


def test_checking_shows_the_rating_each_figure_will_get_and_saves_nothing(client, bob):
    suite()
    client.force_login(bob)
    response = check(client, bob, {"2": {"value": 79}, "12": {"value": 27}})
    page = response.content.decode()
    assert response.status_code == 200
    assert rating_of_row(page, 0) == f"79% is Red {RED_NOTE}"
    assert rating_of_row(page, 2) == "27 weeks is Amber"
    checked = re.sub(r"<[^>]+>", " ", page[page.index('id="checked"') : page.index('id="figures"')])
    assert "Nothing is saved yet." in checked
    assert "2 Single assessments within 45 days: 79% is Red" in " ".join(checked.split())
    assert "Referrals" not in checked  # left as it was opened
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_a_checked_form_saves_as_typed(client, bob):
    suite()
    client.force_login(bob)
    data = form_data(Q2, bob, {"2": {"value": 79}})
    data["action"] = "check"
    assert client.post(Q2_URL, data).status_code == 200
    data["action"] = "save"
    assert client.post(Q2_URL, data).status_code == 302
    assert Outturn.objects.get(period__start=Q2.start).value == 79


def test_a_red_figure_explained_in_its_commentary_needs_nothing_more(client, bob):
    suite()
    client.force_login(bob)
    page = check(client, bob, {"2": {"value": 79, "commentary": "Two teams were short."}}).content.decode()
    assert rating_of_row(page, 0) == "79% is Red"
    assert RED_NOTE not in page


def test_a_form_back_with_an_error_shows_the_rating_of_the_figure_typed(client, bob):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"2": {"value": 81}, "12": {"value": -1}}))
    page = response.content.decode()
    assert response.status_code == 400
    assert rating_of_row(page, 0) == "81% is Amber"
    assert rating_of_row(page, 2) == ""  # the error says what to fix; a figure refused has no rating


def test_a_figures_fields_are_described_by_its_target_and_rating(client, bob):
    suite()
    client.force_login(bob)
    page = client.get(Q2_URL).content.decode()
    assert 'id="rows-0-target"' in page
    for name in ("numerator", "denominator", "value"):
        assert re.search(rf'aria-describedby="rows-0-target rows-0-rating"[^>]*id="id_rows-0-{name}"', page)
    page = client.post(Q2_URL, form_data(Q2, bob, {"12": {"value": -1}})).content.decode()
    assert 'aria-describedby="id_rows-2-value-error rows-2-target rows-2-rating"' in page
    assert 'id="id_rows-2-value-error"' in page


def queries_to_open_and_check(client, officer, size: int) -> tuple[int, int]:
    area = factories.service_area()
    for n in range(size):
        indicator = factories.indicator(area=area, reference=f"S{size}-{n}")
        factories.target(indicator, 2019, value=80, tolerance=5)
        factories.outturn(indicator, Q1.start, 80)
    with CaptureQueriesContext(connection) as opening:
        assert client.get(Q2_URL).status_code == 200
    data = form_data(Q2, officer, {f"S{size}-{n}": {"value": 70 + n % 20} for n in range(size)})
    data["action"] = "check"
    with CaptureQueriesContext(connection) as checking:
        response = client.post(Q2_URL, data)
    assert response.status_code == 200
    reds = [n for n in range(size) if 70 + n % 20 <= 75]  # 5 points or more short of 80
    assert response.content.decode().count(RED_NOTE) == len(reds)
    return len(opening), len(checking)


def test_opening_and_checking_run_the_same_queries_whatever_the_suite_size(client, bob):
    client.force_login(bob)
    small = queries_to_open_and_check(client, bob, 4)
    Outturn.objects.all().delete()
    Target.objects.all().delete()
    Indicator.objects.all().delete()
    assert queries_to_open_and_check(client, bob, 60) == small
