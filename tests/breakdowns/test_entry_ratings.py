"""Entering by locality shows the council figure's target with its tolerance and its previous figure,
and, once checked, the rating the council figure will get and, for a Red, that it needs commentary."""

import re

import pytest

from tests.breakdowns.test_entry import FIGURES, form_data, url

pytestmark = pytest.mark.django_db
RED_NOTE = "Red figures need commentary before they can be validated"
RED_FIGURES = [(15, 25), (18, 25), (19, 25), (20, 25)]  # 72 of 100: 8 points short of 80


def words(page: str, element_id: str) -> str:
    found = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(2)).split())


def test_the_council_figures_target_and_previous_figure_are_beside_it(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    page = client.get(url(indicator, members)).content.decode()
    assert words(page, "total-target") == (
        "Target 80% or more; off target by less than 5 percentage points: Amber;"
        " by 5 percentage points or more: Red. Q1 2019/20: 80% (validated)."
    )
    assert 'aria-describedby="total-target"' in page


def test_a_checked_red_council_figure_says_it_needs_commentary(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    page = client.post(url(indicator, members), form_data(members, RED_FIGURES)).content.decode()
    assert "The council figure: 72 out of 100 (72%), Red" in words(page, "worked-out-total")
    assert RED_NOTE in words(page, "worked-out-total")


def test_a_checked_red_council_figure_with_commentary_needs_nothing_more(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    data = form_data(members, RED_FIGURES, commentary="Two teams were short of social workers.")
    page = client.post(url(indicator, members), data).content.decode()
    assert "72 out of 100 (72%), Red" in words(page, "worked-out-total")
    assert RED_NOTE not in page


def test_a_checked_green_council_figure_needs_no_commentary(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    page = client.post(url(indicator, members), form_data(members, FIGURES)).content.decode()
    assert "81 out of 100 (81%), Green" in words(page, "worked-out-total")
    assert RED_NOTE not in page
