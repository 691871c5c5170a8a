"""Members read the parts on the indicator page and a locality's page; small parts, and a part the
total would give away, are withheld from them; officers see every part, marked."""

import csv
import io
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from breakdowns import selectors
from breakdowns.models import Member
from indicators.reader import Reader
from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


def latest_rows(page: str) -> str:
    return page.split('-latest"')[1].split("over-time")[0]


def test_the_indicator_page_shows_each_locality_rated_with_the_best_worst_and_spread(
    client, alice, assessments_with_parts
):
    client.force_login(alice)
    page = client.get("/indicators/2/").content.decode()
    assert "By locality" in page
    assert "Q2 2019/20: Best: West. Worst: South. The spread between the highest and the lowest is 16" in page
    latest = latest_rows(page)
    assert "88%" in latest  # West, 22 of 25
    assert "72%" in latest  # South, 18 of 25: Red against 80 with a tolerance of 5
    assert "kpi-rag--red" in latest
    assert "kpi-rag--green" in latest


def test_the_parts_over_time_are_a_table_of_every_period(client, alice, assessments_with_parts):
    client.force_login(alice)
    page = client.get("/indicators/2/").content.decode()
    over_time = page.split("over-time")[1]
    assert over_time.index("Q2 2019/20") < over_time.index("Q1 2019/20")
    assert "94 out of 110" in over_time  # Q1 West
    assert "352 out of 420" in over_time


def test_a_small_part_and_the_next_smallest_are_withheld_from_a_member(client, alice, foster_carers):
    client.force_login(alice)
    page = client.get("/indicators/22/").content.decode()
    latest = latest_rows(page)
    # South's 3 is small; the council's 47 less the others would give it away, so East's 10 goes too.
    assert latest.count("[c]") == 4  # figure and rating, for each of the two
    assert ">3<" not in latest
    assert ">10<" not in latest
    assert "12" in latest
    assert "22" in latest
    assert "the best, the worst and the spread are withheld" in page


def test_an_officer_sees_every_part_marked_as_withheld_from_members(client, bob, foster_carers):
    client.force_login(bob)
    latest = latest_rows(client.get("/indicators/22/").content.decode())
    assert "[c]" not in latest
    assert latest.count("Withheld from members") == 2
    assert "it would give away another part" in latest


def test_the_locality_page_shows_its_figure_and_rating_for_every_indicator_reported_by_it(
    client, alice, assessments_with_parts, foster_carers
):
    client.force_login(alice)
    page = client.get("/localities/west/").content.decode()
    assert '<h1 class="govuk-heading-l">West</h1>' in page
    assert 'data-reference="2"' in page
    assert 'data-reference="22"' in page
    assert "88%" in page
    assert "kpi-rag--green" in page


def test_the_locality_page_withholds_a_part_the_total_would_give_away(client, alice, foster_carers):
    client.force_login(alice)
    east = client.get("/localities/east/").content.decode()
    assert "[c]" in east
    assert ">10<" not in east.split('data-reference="22"')[1].split("</tr>")[0]


def test_a_restricted_indicator_is_not_on_a_members_locality_page(client, alice, bob):
    indicator = factories.indicator(
        reference="26", title="Missing from care", unit="count", is_restricted=True
    )
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, 40)
    breakdowns.part(indicator, Q2, members[0], 40)
    client.force_login(alice)
    assert 'data-reference="26"' not in client.get("/localities/north/").content.decode()
    client.force_login(bob)
    assert 'data-reference="26"' in client.get("/localities/north/").content.decode()


def test_parts_are_shown_to_members_once_the_councils_figure_is_validated(client, alice, bob):
    indicator = factories.indicator(reference="4", title="Contacts", unit="count", polarity="none")
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    total = factories.outturn(indicator, Q2, 400, status="provisional")
    for member in members:
        breakdowns.part(indicator, Q2, member, 100, status="provisional")
    client.force_login(alice)
    assert 'data-reference="4"' not in client.get("/localities/west/").content.decode()
    assert "Localities over time" not in client.get("/indicators/4/").content.decode()
    client.force_login(bob)
    assert 'data-reference="4"' in client.get("/localities/west/").content.decode()
    total.status = "validated"
    total.save()
    client.force_login(alice)
    assert 'data-reference="4"' in client.get("/localities/west/").content.decode()
    assert "Localities over time" in client.get("/indicators/4/").content.decode()


def test_anonymous_visitors_read_localities_only_when_public_access_is_on(
    client, settings, assessments_with_parts
):
    settings.PUBLIC_ACCESS = False
    assert client.get("/localities/").status_code == 302
    assert client.get("/localities/west/").status_code == 302
    settings.PUBLIC_ACCESS = True
    assert client.get("/localities/west/").status_code == 200
    assert "West" in client.get("/localities/").content.decode()


def test_an_unknown_locality_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/localities/nowhere/").status_code == 404


def test_a_locality_that_merged_says_when_and_into_what(client, alice):
    north, south, central = breakdowns.localities(
        ("North", "South", "Central"), North=(None, date(2023, 3, 31)), Central=(date(2023, 4, 1), None)
    )
    central.predecessors.set([north, south])
    client.force_login(alice)
    page = client.get("/localities/north/").content.decode()
    assert "In use until 31 March 2023; its work passed to" in page
    assert "Central" in page


def build(size: int):
    indicators = []
    members = breakdowns.localities([f"Part {size}-{n}" for n in range(size)], dimension=f"Team of {size}")
    for n in range(3):
        indicator = factories.indicator(reference=f"P{size}-{n}", unit="count")
        factories.target(indicator, 2019, value=8)
        breakdowns.reported_by(indicator, members)
        factories.outturn(indicator, Q2, 10 * size)
        for member in members:
            breakdowns.part(indicator, Q1, member, 8)
            breakdowns.part(indicator, Q2, member, 10 if member.name.endswith("-0") else 2)
        indicators.append(indicator)
    return indicators, members


@pytest.mark.parametrize("size", [2, 12])
def test_the_indicator_page_queries_stay_constant_as_localities_are_added(
    client, alice, size, django_assert_num_queries
):
    indicators, _ = build(size)
    client.force_login(alice)
    client.get(indicators[0].get_absolute_url())
    with django_assert_num_queries(COUNTS["detail"]):
        response = client.get(indicators[0].get_absolute_url())
    assert response.content.decode().count("data-member=") == size


@pytest.mark.parametrize("size", [2, 12])
def test_the_locality_page_queries_stay_constant_as_localities_are_added(
    client, alice, size, django_assert_num_queries
):
    _, members = build(size)
    client.force_login(alice)
    client.get(members[0].get_absolute_url())
    with django_assert_num_queries(COUNTS["member"]):
        response = client.get(members[0].get_absolute_url())
    assert response.content.decode().count("data-reference=") == 3


# Four of them read every breakdown of the indicators shown, to withhold what their sums would give away;
# three read the indicator's figures, targets and change points for its variation chart; one its open
# actions (reports/actions.py); one its latest published commentary.
COUNTS = {"detail": 32, "member": 21}


def test_the_csv_withholds_what_the_page_withholds_from_a_member(client, alice, bob, foster_carers):
    client.force_login(alice)
    response = client.get("/indicators/22/by-part.csv")
    assert response.status_code == 200
    assert 'filename="demo-borough-council-indicator-22-by-part.csv"' in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("indicator_reference,dimension,part,period")
    rows = {line.split(",")[2]: line for line in lines[1:]}
    assert rows["South"].endswith("c,c,c,c,withheld: small number")
    assert rows["East"].endswith("c,c,c,c,withheld: small number")
    assert ",22,z,z,not_rated," in rows["West"]  # a count's target is for the whole council
    assert ",47,z,z,green," in rows["Council"]
    client.force_login(bob)
    officer = client.get("/indicators/22/by-part.csv")
    assert "-restricted.csv" in officer["Content-Disposition"]
    assert "[c]" not in officer.content.decode()


def test_the_csv_writes_dfes_codes_as_every_other_open_data_file_does(client, alice, foster_carers):
    """c where withheld, x where there is no figure, z for a count's numerator: never [c] or a blank."""
    indicator, members = foster_carers
    factories.outturn(indicator, Q1, 40)
    breakdowns.part(indicator, Q1, members[0], 30)
    client.force_login(alice)
    text = client.get("/indicators/22/by-part.csv").content.decode()
    header, *rows = csv.reader(io.StringIO(text))
    cells = [cell for row in rows for name, cell in zip(header, row, strict=True) if name != "withheld"]
    assert "[c]" not in text
    assert "" not in cells
    by_part = {(row[2], row[3]): dict(zip(header, row, strict=True)) for row in rows}
    assert by_part[("South", "Q2 2019/20")]["value"] == "c"
    assert by_part[("North", "Q1 2019/20")]["value"] == "30"
    assert by_part[("South", "Q1 2019/20")]["value"] == "x"
    assert by_part[("West", "Q2 2019/20")]["numerator"] == "z"


def test_the_csv_of_a_restricted_indicator_is_not_found_for_a_member(client, alice):
    indicator = factories.indicator(reference="26", unit="count", is_restricted=True)
    breakdowns.reported_by(indicator, breakdowns.localities())
    client.force_login(alice)
    assert client.get("/indicators/26/by-part.csv").status_code == 404


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_the_locality_page_writes_each_figure_as_the_indicator_page_does(
    client, request, persona, assessments_with_parts, foster_carers
):
    """The locality page spells out the figure, target, council figure and rating includes in its
    rows, for speed: each row must read exactly as those includes would write it."""
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for slug in ("west", "east", "south"):
        page = client.get(f"/localities/{slug}/").content.decode()
        lines = selectors.member_lines(
            Member.objects.get(slug=slug), reader=Reader.for_user(user), as_at=timezone.localdate()
        )
        assert len(lines) == 2
        for item in lines:
            row = page.split(f'data-reference="{item.indicator.reference}"')[1].split("</tr>")[0]
            figure = {"indicator": item.indicator}
            assert (
                render_to_string("breakdowns/part_figure.html", {**figure, "line": item.line}).strip() in row
            )
            assert render_to_string("includes/target.html", {**figure, "target": item.target}).strip() in row
            total = {**figure, "parts": item.parts, "inline": True}
            assert f"Council: {render_to_string('breakdowns/total_figure.html', total).strip()}</span>" in row
            if not item.line.withheld:
                assert render_to_string("includes/rag_tag.html", {"rating": item.line.rating}).strip() in row
