"""The demo council reports a handful of indicators by four localities whose parts add up to its
published figures."""

from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from breakdowns.models import Breakdown, Member, PartFigure
from breakdowns.rules import Part, total_from_parts
from indicators.models import Outturn

pytestmark = pytest.mark.django_db


def test_the_demo_localities_add_up_to_the_councils_figures(client):
    call_command("load_demo", verbosity=0)
    assert list(Member.objects.values_list("name", flat=True)) == ["North", "South", "East", "West"]
    reported = set(Breakdown.objects.values_list("indicator__reference", flat=True))
    assert reported == {"2", "4", "5", "22", "36"}

    parts = defaultdict(list)
    for figure in PartFigure.objects.select_related("indicator"):
        parts[(figure.indicator_id, figure.period_id)].append(figure)
    assert len(parts) > 100
    outturns = {
        (o.indicator_id, o.period_id): o for o in Outturn.objects.filter(indicator__breakdowns__isnull=False)
    }
    for key, figures in parts.items():
        assert len(figures) == 4
        outturn = outturns[key]
        unit = figures[0].indicator.unit
        total = total_from_parts(
            [Part(f.member_id, f.value, f.numerator, f.denominator, f.status) for f in figures], unit
        )
        if outturn.numerator is not None:
            assert (total.numerator, total.denominator) == (outturn.numerator, outturn.denominator)
        else:
            assert total.value == outturn.value


def test_the_demo_west_is_behind_on_assessments_and_small_recruitment_figures_are_withheld(client):
    call_command("load_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get("/indicators/2/").content.decode()
    assert "By locality" in page
    assert "Worst: West" in page
    foster = client.get("/indicators/22/").content.decode()
    assert "[c]" in foster
