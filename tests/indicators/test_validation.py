"""Who sees a provisional figure: officers see it marked, members and the public do not until it is
validated or a published report has shown it, unless the council lets members see it."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


def new_quarter(count: int = 9, provisional: int = 9) -> list:
    """Indicators validated for Q1 2019/20 at 85%, Green; Q2's figures uploaded by one officer at
    61.3%, Red, and `provisional` of them not yet validated."""
    officer = factories.performance_officer("dana")
    indicators = []
    for n in range(count):
        indicator = factories.indicator(reference=f"V{n}", title=f"Validated indicator {n}", decimal_places=1)
        factories.target(indicator, 2019, value=80, tolerance=5)
        factories.outturn(indicator, Q1, 85)
        status = "provisional" if n < provisional else "validated"
        factories.outturn(indicator, Q2, 61.3, status=status, entered_by=officer)
        indicators.append(indicator)
    return indicators


def test_nine_provisional_figures_do_not_move_the_public_index_to_their_quarter(client, public_access):
    new_quarter()
    page = client.get("/").content.decode()
    assert "30 June 2019" in page
    assert "30 September 2019" not in page
    assert "61.3%" not in page
    assert page.count(">Green<") >= 9


def test_an_officer_sees_the_new_quarter_with_each_figure_marked_provisional(client, bob):
    new_quarter()
    client.force_login(bob)
    page = client.get("/").content.decode()
    assert "30 September 2019" in page
    row = page[page.index('data-reference="V0"') :]
    row = row[: row.index("</tr>")]
    assert "61.3%" in row
    assert "Provisional" in row


def test_the_summary_counts_are_of_the_figures_the_reader_sees(client, alice, bob):
    new_quarter(count=9, provisional=9)
    client.force_login(alice)
    members = client.get("/").context["rating_counts"]
    client.force_login(bob)
    officers = client.get("/").context["rating_counts"]
    assert {count.key: count.count for count in members}["green"] == 9
    assert {count.key: count.count for count in officers}["red"] == 9


def test_a_quarter_with_validated_figures_opens_for_members_and_shows_only_those(client, alice):
    new_quarter(count=10, provisional=9)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "30 September 2019" in page
    validated_row = page[page.index('data-reference="V9"') :]
    assert "61.3%" in validated_row[: validated_row.index("</tr>")]
    provisional_row = page[page.index('data-reference="V0"') :]
    provisional_row = provisional_row[: provisional_row.index("</tr>")]
    assert "61.3%" not in provisional_row
    assert "Provisional" not in page


def test_the_as_at_choices_offer_only_quarters_the_reader_sees(client, alice):
    new_quarter()
    client.force_login(alice)
    choices = client.get("/").context["as_at_choices"]
    assert [period.end for period in choices] == [date(2019, 6, 30)]
    page = client.get("/", {"as_at": "2019-09-30"}).content.decode()
    assert "61.3%" not in page


def test_a_provisional_figure_is_absent_from_the_indicator_page_and_its_chart_for_the_public(
    client, public_access
):
    [indicator] = new_quarter(count=1)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "61.3" not in page
    assert "85.0%" in page


def test_an_officer_sees_the_provisional_figure_on_the_indicator_page_and_its_trail(client, bob):
    [indicator] = new_quarter(count=1)
    client.force_login(bob)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "61.3%" in page
    assert "Provisional" in page
    assert "History of the figures" in page


def test_a_provisional_figure_is_not_an_exception_for_members(client, alice, bob):
    new_quarter(count=1)
    client.force_login(alice)
    assert "Validated indicator 0" not in client.get(reverse("indicators:exceptions")).content.decode()
    client.force_login(bob)
    assert "Validated indicator 0" in client.get(reverse("indicators:exceptions")).content.decode()


def test_open_data_holds_no_provisional_figure_for_members_and_marks_it_for_officers(client, alice, bob):
    new_quarter(count=2, provisional=1)
    csv_url = reverse("indicators:index_csv")
    client.force_login(alice)
    rows = list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))
    assert all(row["status"] != "provisional" for row in rows)
    assert "61.3" not in {row["value"] for row in rows if row["reference"] == "V0"}
    assert "61.3" in {row["value"] for row in rows if row["reference"] == "V1"}
    client.force_login(bob)
    rows = list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))
    [latest] = [row for row in rows if row["reference"] == "V0" and row["value"] == "61.3"]
    assert latest["status"] == "provisional"


def test_a_published_figure_is_shown_to_the_public_though_not_validated(client, public_access):
    [indicator] = new_quarter(count=1)
    indicator.outturns.filter(period__start=Q2).update(first_published_at=timezone.now())
    page = client.get("/").content.decode()
    assert "30 September 2019" in page
    assert "61.3%" in page


def test_members_see_provisional_figures_marked_when_the_council_says_so(client, alice, settings):
    settings.MEMBERS_SEE_PROVISIONAL = True
    new_quarter(count=1)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "61.3%" in page
    assert "Provisional" in page


def test_the_public_never_sees_provisional_figures_whatever_the_members_setting(client, public_access):
    public_access.MEMBERS_SEE_PROVISIONAL = True
    new_quarter(count=1)
    assert "61.3%" not in client.get("/").content.decode()


@pytest.mark.parametrize("size", [10, 300])
def test_the_index_queries_stay_constant_with_provisional_figures(
    client, alice, size, django_assert_max_num_queries
):
    new_quarter(count=size, provisional=size // 2)
    client.force_login(alice)
    # Three more read the published reports: when the latest was published, their commentary and the
    # actions they left open. The first view assesses the suite and keeps its lines, once sure
    # nothing changed meanwhile (the data stamp, read before and after), and draws its rows and keeps
    # them beside the lines (indicators/kept_rows.py).
    with django_assert_max_num_queries(26):  # one of them: the localities the filter offers
        response = client.get("/")
    assert response.content.decode().count('data-reference="V') == size
    with django_assert_max_num_queries(11):  # the next reads the lines and rows kept
        response = client.get("/?sort=reference")
    assert response.content.decode().count('data-reference="V') == size
