"""The demo council reports a handful of indicators by four localities whose parts add up to its
published figures."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from breakdowns.models import Breakdown, Member, PartFigure
from breakdowns.rules import Part, total_from_parts
from indicators.models import Outturn

pytestmark = pytest.mark.django_db


def test_the_demo_localities_add_up_to_the_councils_figures(client):
    call_command("load_demo", verbosity=0)
    localities = Member.objects.filter(dimension__name="Locality")
    assert list(localities.values_list("name", flat=True)) == ["North", "South", "East", "West"]
    reported = set(
        Breakdown.objects.filter(dimension__name="Locality").values_list("indicator__reference", flat=True)
    )
    assert reported == {"2", "4", "5", "22", "36"}

    parts = defaultdict(list)
    for figure in PartFigure.objects.filter(member__in=localities).select_related("indicator"):
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


def test_the_demo_teams_add_up_to_their_localitys_contacts(client):
    call_command("load_demo", verbosity=0)
    assert set(
        Breakdown.objects.filter(dimension__name="Team").values_list("indicator__reference", flat=True)
    ) == {"4"}
    inside = defaultdict(Decimal)
    for figure in PartFigure.objects.filter(member__parent__isnull=False).select_related("member"):
        inside[(figure.period_id, figure.member.parent_id)] += figure.value
    localities = {
        (figure.period_id, figure.member_id): figure.value
        for figure in PartFigure.objects.filter(indicator__reference="4", member__dimension__name="Locality")
    }
    assert inside == localities


def test_the_demo_west_is_behind_on_assessments_and_small_recruitment_figures_are_withheld(client):
    call_command("load_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get("/indicators/2/").content.decode()
    assert "By locality" in page
    assert "Worst: West" in page
    foster = client.get("/indicators/22/").content.decode()
    assert "[c]" in foster


def test_the_demo_localities_counts_are_not_rated_against_the_whole_councils_target(client):
    """East's foster carers recruited (against the council's 10) and North's first-time entrants
    (against the council's 60) are counts: the council's target is not theirs."""
    call_command("load_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="officer"))
    for slug, reference in (("east", "22"), ("north", "36")):
        page = client.get(f"/localities/{slug}/").content.decode()
        row = page.split(f'data-reference="{reference}"')[1].split("</tr>")[0]
        assert "kpi-rag--not_rated" in row
        assert "kpi-rag--red" not in row
        assert "kpi-rag--green" not in row
        assert "target is for the whole council" in row
    assessments = client.get("/localities/west/").content.decode()
    assert "kpi-rag--not_rated" not in assessments.split('data-reference="2"')[1].split("</tr>")[0]
