"""An officer enters a quarter by locality: the total is shown before saving, a total the parts do not
make is refused, and a stale or concurrent save is a conflict with nothing saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from breakdowns.models import PartFigure
from indicators.models import Correction, Outturn
from indicators.rules.periods import quarter_of
from indicators.services import period_for
from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)
KEY = "quarter-financial-2019-07-01"


def url(indicator, members, key=KEY):
    return f"/entry/{key}/{indicator.reference}/by/{members[0].dimension_id}/"


def form_data(members, figures, *, action="check", checked="", versions=None, total_version=0, **extra):
    data = {
        "status": "provisional",
        "commentary": "",
        "total_version": total_version,
        "checked": checked,
        "action": action,
    }
    for member, (numerator, denominator) in zip(members, figures, strict=True):
        data[f"m{member.pk}-numerator"] = numerator
        data[f"m{member.pk}-denominator"] = denominator
        data[f"m{member.pk}-version"] = (versions or {}).get(member.name, 0)
    data.update(extra)
    return data


FIGURES = [(20, 25), (18, 25), (21, 25), (22, 25)]  # 81 of 100


def check_then_save(client, indicator, members, figures=FIGURES, **extra):
    checked = client.post(url(indicator, members), form_data(members, figures, **extra))
    assert checked.status_code == 200, checked.context["errors"]
    return client.post(
        url(indicator, members),
        form_data(members, figures, action="save", checked=checked.context["signature"], **extra),
    )


def test_the_worked_out_total_is_shown_before_anything_is_saved(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    response = client.post(url(indicator, members), form_data(members, FIGURES))
    page = response.content.decode()
    assert "The council figure: 81 out of 100 (81%)" in page
    assert "88%" in page  # West, 22 of 25, worked out
    assert "Green" in page
    assert 'value="save"' in page
    assert not PartFigure.objects.exists()
    assert not Outturn.objects.filter(period__start=Q2).exists()


def test_saving_keeps_the_parts_and_the_council_total_together(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    response = check_then_save(client, indicator, members)
    assert response.status_code == 302
    total = Outturn.objects.get(indicator=indicator, period__start=Q2)
    assert (total.numerator, total.denominator, total.value) == (Decimal(81), Decimal(100), Decimal(81))
    parts = {part.member.name: part for part in PartFigure.objects.filter(period__start=Q2)}
    assert parts["West"].numerator == 22
    assert parts["West"].value == Decimal(88)
    assert parts["West"].history.first().history_user == bob
    followed = client.get(response.url)
    assert (
        "Saved the council figure and 4 localities&#x27; figures for Q2 2019/20." in followed.content.decode()
    )


def test_a_save_without_a_check_of_the_same_figures_shows_the_total_first(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    checked = client.post(url(indicator, members), form_data(members, FIGURES)).context["signature"]
    changed = [(20, 25), (18, 25), (21, 25), (2, 25)]
    response = client.post(
        url(indicator, members), form_data(members, changed, action="save", checked=checked)
    )
    assert response.status_code == 200
    assert "The council figure: 61 out of 100 (61%)" in response.content.decode()
    assert not PartFigure.objects.exists()


def test_a_total_the_parts_do_not_make_is_refused_and_nothing_saved(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    data = form_data(members, FIGURES, **{"total-numerator": 82, "total-denominator": 100})
    response = client.post(url(indicator, members), data)
    assert response.status_code == 400
    assert (
        "The parts make 81 out of 100 (81%), but the council total entered is 82 out of 100"
        in response.content.decode()
    )
    assert not PartFigure.objects.exists()


def test_a_total_typed_as_the_parts_make_it_is_accepted(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    response = check_then_save(
        client, indicator, members, **{"total-numerator": 81, "total-denominator": 100}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ([(20, 25), (18, 25), ("", ""), (22, 25)], "East: enter its figure; the council total is worked out"),
        (
            [(20, 25), (26, 25), (21, 25), (22, 25)],
            "South: the numerator must not be more than the denominator",
        ),
        (
            [(20, 25), ("x", 25), (21, 25), (22, 25)],
            "Enter the numerator for South as a number with the digits 0 to 9",
        ),
    ],
)
def test_a_bad_part_is_refused_naming_the_locality(client, bob, assessments, figures, message):
    indicator, members = assessments
    client.force_login(bob)
    response = client.post(url(indicator, members), form_data(members, figures))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartFigure.objects.exists()


def test_a_stale_form_is_a_conflict_and_nothing_is_saved(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    assert check_then_save(client, indicator, members).status_code == 302
    # Dora saves other figures; Bob then saves from the page he opened before she did.
    dora = factories.performance_officer("dora")
    client.force_login(dora)
    versions = {m.name: 1 for m in members}
    figures = [(21, 25), (18, 25), (21, 25), (22, 25)]
    assert (
        check_then_save(client, indicator, members, figures, versions=versions, total_version=1).status_code
        == 302
    )
    client.force_login(bob)
    stale = [(1, 25), (18, 25), (21, 25), (22, 25)]
    response = check_then_save(client, indicator, members, stale, versions=versions, total_version=1)
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved the council figure after you opened this page: it is now 82% (provisional)" in page, (
        response.context["errors"]
    )
    assert "Nothing was saved." in page
    assert PartFigure.objects.get(member__name="North", period__start=Q2).numerator == 21
    assert Outturn.objects.get(indicator=indicator, period__start=Q2).numerator == 82


def test_a_part_someone_else_created_meanwhile_is_a_conflict_never_an_error(client, bob, assessments):
    indicator, members = assessments
    breakdowns.part(indicator, Q2, members[3], numerator=1, denominator=25)
    client.force_login(bob)
    response = check_then_save(client, indicator, members)
    assert response.status_code == 409
    assert "saved West&#x27;s figure after you opened this page" in response.content.decode()
    assert not Outturn.objects.filter(period__start=Q2).exists()
    assert PartFigure.objects.count() == 1


def test_a_published_total_changed_by_its_parts_needs_a_reason_and_is_a_correction(client, bob, assessments):
    indicator, members = assessments
    factories.outturn(
        indicator, Q2, numerator=80, denominator=100, value=80, first_published_at=timezone.now()
    )
    client.force_login(bob)
    refused = client.post(url(indicator, members), form_data(members, FIGURES, total_version=1))
    assert "give the reason for correcting it" in refused.content.decode()
    response = check_then_save(
        client, indicator, members, total_version=1, correction_reason="East's late assessments added."
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.previous_value, correction.new_value) == (Decimal(80), Decimal(81))
    assert (
        PartFigure.objects.first().history.first().history_change_reason
        == "Correction: East's late assessments added."
    )


def test_a_locality_formed_after_the_quarter_is_not_asked_for(client, bob):
    indicator = factories.indicator(reference="4", unit="count", polarity="none")
    factories.outturn(indicator, Q1, 120)
    members = breakdowns.localities(("North", "South", "Central"), Central=(date(2019, 10, 1), None))
    breakdowns.reported_by(indicator, members)
    client.force_login(bob)
    page = client.get(url(indicator, members)).content.decode()
    assert "Value for North" in page
    assert "Value for South" in page
    assert "Central" not in page


def test_an_average_asks_for_the_council_figure_as_well(client, bob):
    indicator = factories.indicator(reference="40", unit="number", polarity="lower", decimal_places=1)
    factories.outturn(indicator, Q1, 15)
    members = breakdowns.localities(("North", "South"))
    breakdowns.reported_by(indicator, members)
    client.force_login(bob)
    data = {
        "status": "provisional",
        "total_version": 0,
        "checked": "",
        "action": "check",
        "total-value": "15.5",
    }
    for member, value in zip(members, ("14.0", "17.0"), strict=True):
        data[f"m{member.pk}-value"] = value
        data[f"m{member.pk}-version"] = 0
    page = client.post(url(indicator, members), data).content.decode()
    assert "cannot be added up from the parts" in page
    assert "The council figure: 15.5 (provisional)" in page


def test_members_and_anonymous_visitors_may_not_enter_figures(client, alice, assessments):
    indicator, members = assessments
    assert client.get(url(indicator, members)).status_code == 302
    client.force_login(alice)
    assert client.get(url(indicator, members)).status_code == 403
    assert client.post(url(indicator, members), form_data(members, FIGURES)).status_code == 403


def test_an_indicator_not_reported_by_the_dimension_has_no_such_page(client, bob, assessments):
    _indicator, members = assessments
    other = factories.indicator(reference="9")
    client.force_login(bob)
    assert client.get(url(other, members)).status_code == 404


def test_no_such_period_has_no_page_and_one_not_ended_sends_the_officer_back_saying_why(
    client, bob, assessments, monkeypatch
):
    indicator, members = assessments
    client.force_login(bob)
    assert client.get(url(indicator, members, key="quarter-financial-2019-07-02")).status_code == 404
    monkeypatch.setattr(timezone, "localdate", lambda: date(2019, 9, 15))
    response = client.get(url(indicator, members), follow=True)
    assert response.redirect_chain[-1][0] == "/entry/"
    assert "Q2 2019/20 has not ended" in response.content.decode()


def test_the_period_form_links_to_entry_by_locality(client, bob, assessments):
    indicator, members = assessments
    client.force_login(bob)
    page = client.get(f"/entry/{KEY}/").content.decode()
    assert f'href="{url(indicator, members)}"' in page


def queries_to_save(client, size: int) -> int:
    indicator = factories.indicator(reference=f"S{size}")
    factories.target(indicator, 2019, value=80)
    factories.outturn(indicator, Q1, numerator=80, denominator=100, value=80)
    members = breakdowns.localities([f"Team {size}-{n}" for n in range(size)], dimension=f"Team of {size}")
    breakdowns.reported_by(indicator, members)
    figures = [(20, 25)] * size
    checked = client.post(url(indicator, members), form_data(members, figures)).context["signature"]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url(indicator, members), form_data(members, figures, action="save", checked=checked)
        )
    assert response.status_code == 302
    assert PartFigure.objects.filter(indicator=indicator).count() == size
    return len(queries)


def test_a_save_runs_the_same_number_of_queries_with_2_and_12_parts(client, bob):
    period_for(quarter_of(Q2))
    client.force_login(bob)
    assert queries_to_save(client, 2) == queries_to_save(client, 12)


def test_moving_a_published_figure_between_parts_needs_a_reason_even_with_the_total_unchanged(
    client, bob, assessments
):
    """North's 20 of 25 was South's all along: the council's published (still provisional) 81 of 100
    stands, but the parts behind it are corrected, so the officer says why and their history keeps it."""
    indicator, members = assessments
    factories.outturn(
        indicator,
        Q2,
        numerator=81,
        denominator=100,
        value=81,
        status="provisional",
        first_published_at=timezone.now(),
    )
    for member, (numerator, denominator) in zip(members, FIGURES, strict=True):
        breakdowns.part(
            indicator, Q2, member, numerator=numerator, denominator=denominator, status="provisional"
        )
    versions = {member.name: 1 for member in members}
    moved = [(18, 25), (20, 25), (21, 25), (22, 25)]
    client.force_login(bob)
    refused = client.post(
        url(indicator, members),
        form_data(members, moved, versions=versions, total_version=1),
    )
    assert "give the reason for correcting North and South&#x27;s figures" in refused.content.decode(), (
        refused.context["errors"]
    )
    assert PartFigure.objects.get(member=members[0], period__start=Q2).numerator == 20

    unchanged = client.post(
        url(indicator, members),
        form_data(members, FIGURES, versions=versions, total_version=1),
    )
    assert "give the reason" not in unchanged.content.decode()

    response = check_then_save(
        client,
        indicator,
        members,
        moved,
        versions=versions,
        total_version=1,
        correction_reason="North's and South's cases were swapped.",
    )
    assert response.status_code == 302
    north = PartFigure.objects.get(member=members[0], period__start=Q2)
    assert north.numerator == 18
    assert (
        north.history.first().history_change_reason == "Correction: North's and South's cases were swapped."
    )
    assert Outturn.objects.get(indicator=indicator, period__start=Q2).numerator == 81
