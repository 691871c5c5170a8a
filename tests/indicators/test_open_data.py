import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from breakdowns.export import COLUMNS as PART_COLUMNS
from indicators.lines import IndicatorLine, LineFigure
from indicators.opendata import CODES, COLUMN_NAMES, neutralised, standing_of
from indicators.rules.periods import parse_period_label
from indicators.rules.terms import Direction, Polarity, Rating
from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = reverse("indicators:index_csv")
JSON_URL = reverse("indicators:index_json")


def read_csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def latest_row(rows, reference):
    [row] = [row for row in rows if row["reference"] == reference and row["is_latest_period"] == "yes"]
    return row


def page_row(client, reference, query="") -> str:
    """The index page's row for one indicator, as the reader sees it."""
    page = client.get(f"/{query}").content.decode()
    start = page.index(f'data-reference="{reference}"')
    return page[start : page.index("</tr>", start)]


@pytest.fixture
def assessments():
    """Single assessments within 45 days: 86% then 71% against a target of 85% (Red)."""
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=85, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), 86)
    factories.outturn(indicator, date(2019, 7, 1), numerator=50, denominator=91)
    factories.comparator(indicator, 2018, "england", 83.1, year_label="2018/19")
    return indicator


@pytest.fixture
def small_numbers():
    """Children placed at a distance: the latest percentage is worked out from 3 children."""
    indicator = factories.indicator(
        reference="22", title="Children placed more than 20 miles away", polarity="lower"
    )
    factories.target(indicator, 2019, value=10, tolerance=2, kind="local")
    factories.outturn(indicator, date(2019, 4, 1), numerator=8, denominator=40)
    factories.outturn(indicator, date(2019, 7, 1), numerator=3, denominator=40)
    return indicator


def test_csv_carries_the_figure_rating_and_direction_the_page_shows(client, alice, assessments):
    client.force_login(alice)
    row = latest_row(read_csv(client.get(CSV_URL)), "2")
    shown = page_row(client, "2")
    assert row["value"] == "55"
    assert "55%" in shown
    assert row["rating"] == "Red"
    assert ">Red<" in shown
    assert row["direction"] == "Worsening"
    assert "Worsening" in shown
    assert (row["numerator"], row["denominator"], row["unit"]) == ("50", "91", "Percentage")
    assert (row["period"], row["period_start"], row["period_end"]) == (
        "Q2 2019/20",
        "2019-07-01",
        "2019-09-30",
    )
    assert (row["target"], row["target_lower"], row["target_upper"]) == ("85", "z", "z")
    assert (row["england"], row["england_year"], row["neighbours"]) == ("83", "2018/19", "x")


def test_csv_has_a_header_row_and_a_row_for_each_period(client, alice, assessments):
    client.force_login(alice)
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines()[0] == ",".join(COLUMN_NAMES)
    rows = [row for row in read_csv(response) if row["reference"] == "2"]
    assert [(row["period"], row["value"], row["is_latest_period"]) for row in rows][-2:] == [
        ("Q1 2019/20", "86", "no"),
        ("Q2 2019/20", "55", "yes"),
    ]
    earlier = rows[-2]
    assert (earlier["rating"], earlier["direction"], earlier["target"]) == ("z", "z", "z")


def test_json_holds_the_same_rows_as_the_csv_under_its_metadata(client, alice, assessments, settings):
    client.force_login(alice)
    document = json.loads(client.get(JSON_URL).content)
    metadata = document["metadata"]
    assert metadata["council"] == settings.COUNCIL_NAME
    assert metadata["as_at"] == "2019-09-30"
    assert metadata["licence"] == "Open Government Licence v3.0"
    assert metadata["documentation"].endswith(reverse("indicators:open_data"))
    assert "generated" in metadata
    assert document["rows"] == read_csv(client.get(CSV_URL))


def test_file_names_say_what_they_hold(client, alice, bob, assessments):
    client.force_login(alice)
    disposition = client.get(CSV_URL)["Content-Disposition"]
    assert disposition == 'attachment; filename="demo-borough-council-performance-index-as-at-2019-09-30.csv"'
    assert (
        "performance-index-as-at-2019-09-30-filtered.json"
        in client.get(f"{JSON_URL}?rating=red")["Content-Disposition"]
    )
    client.force_login(bob)
    assert client.get(CSV_URL)["Content-Disposition"].endswith('-restricted.csv"')


@pytest.mark.parametrize("reader", ["alice", "public"])
def test_a_small_number_and_its_rating_and_direction_are_withheld(client, reader, request, small_numbers):
    if reader == "alice":
        client.force_login(request.getfixturevalue("alice"))
    else:
        request.getfixturevalue("public_access")
    row = latest_row(read_csv(client.get(CSV_URL)), "22")
    assert (row["value"], row["numerator"], row["denominator"]) == ("c", "c", "c")
    assert (row["rating"], row["direction"]) == ("c", "c")
    assert row["target"] == "10"
    assert latest_row(json.loads(client.get(JSON_URL).content)["rows"], "22") == row


def test_an_officer_sees_the_small_number_with_its_rating_and_direction(client, bob, small_numbers):
    client.force_login(bob)
    row = latest_row(read_csv(client.get(CSV_URL)), "22")
    shown = page_row(client, "22")
    assert (row["value"], row["numerator"], row["denominator"]) == ("8", "3", "40")
    assert "8%" in shown
    assert row["rating"] == "Green"
    assert ">Green<" in shown
    assert row["direction"] == "Improving"


def test_direction_from_a_withheld_previous_figure_is_withheld(client, alice):
    indicator = factories.indicator(reference="5", title="Repeat child protection plans")
    factories.outturn(indicator, date(2019, 4, 1), numerator=2, denominator=30)
    factories.outturn(indicator, date(2019, 7, 1), numerator=12, denominator=40)
    client.force_login(alice)
    row = latest_row(read_csv(client.get(CSV_URL)), "5")
    assert row["value"] == "30"
    assert row["direction"] == "c"
    assert row["rating"] == "Not rated"


def test_a_restricted_indicator_is_absent_for_a_member_and_present_for_an_officer(client, alice, bob):
    hidden = factories.indicator(reference="23", title="Children missing from care", is_restricted=True)
    factories.outturn(hidden, date(2019, 7, 1), 12)
    factories.outturn(factories.indicator(reference="1", title="Open indicator"), date(2019, 7, 1), 50)
    client.force_login(alice)
    assert "Children missing from care" not in client.get(CSV_URL).content.decode()
    assert "Children missing from care" not in client.get(JSON_URL).content.decode()
    client.force_login(bob)
    assert latest_row(read_csv(client.get(CSV_URL)), "23")["title"] == "Children missing from care"


def test_a_title_that_looks_like_a_formula_is_written_as_text(client, alice):
    factories.outturn(factories.indicator(reference="9", title='=HYPERLINK("x")'), date(2019, 7, 1), 50)
    client.force_login(alice)
    assert "'=HYPERLINK" in client.get(CSV_URL).content.decode()
    assert json.loads(client.get(JSON_URL).content)["rows"][0]["title"] == '=HYPERLINK("x")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("-3.5", "-3.5"),
        ("Children in need", "Children in need"),
    ],
)
def test_formula_like_text_is_neutralised_but_a_negative_number_is_not(text, written):
    assert neutralised(text) == written


def test_a_rating_is_withheld_with_the_latest_figure_and_a_direction_with_either():
    def standing(*smalls):
        figures = [
            LineFigure(parse_period_label(period), Decimal(value), f"{value}%", "validated", is_small=small)
            for (period, value), small in zip([("Q1 2019/20", 20), ("Q2 2019/20", 3)], smalls, strict=True)
        ]
        line = IndicatorLine(
            indicator_id=22,
            reference="22",
            title="Children missing education found a place",
            service_area="Education",
            is_restricted=False,
            is_target_measure=True,
            unit="percent",
            decimal_places=0,
            polarity=Polarity.HIGHER_IS_BETTER,
            rating=Rating.RED,
            direction=Direction.WORSENING,
            target="10%",
            figures=figures,
        )
        return standing_of(line.masked())

    assert standing(True, False) == (Rating.RED, None)
    assert standing(False, True) == (None, None)
    assert standing(False, False) == (Rating.RED, Direction.WORSENING)


def test_download_keeps_the_as_at_and_filters_of_the_page(client, alice, assessments):
    other = factories.indicator(reference="7", title="Caseloads per social worker", unit="number")
    factories.outturn(other, date(2019, 4, 1), 14)
    factories.outturn(other, date(2019, 7, 1), 16)
    client.force_login(alice)
    earlier = read_csv(client.get(f"{CSV_URL}?as_at=2019-06-30"))
    assert latest_row(earlier, "2")["value"] == "86"
    assert latest_row(earlier, "2")["rating"] == "Green"
    red_only = read_csv(client.get(f"{CSV_URL}?rating=red"))
    assert {row["reference"] for row in red_only} == {"2"}
    searched = read_csv(client.get(f"{CSV_URL}?q=Caseloads"))
    assert {row["reference"] for row in searched} == {"7"}


def test_an_indicator_without_figures_is_listed_with_no_period(client, alice, assessments):
    factories.indicator(reference="40", title="New measure")
    client.force_login(alice)
    row = latest_row(read_csv(client.get(CSV_URL)), "40")
    assert (row["period"], row["value"], row["rating"]) == ("x", "x", "No data")


def test_anonymous_visitor_is_sent_to_sign_in_when_public_access_is_off(client, settings, assessments):
    settings.PUBLIC_ACCESS = False
    response = client.get(CSV_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_index_page_links_to_its_download_with_its_filters(client, alice, assessments):
    client.force_login(alice)
    page = client.get("/?rating=red").content.decode()
    assert f'href="{CSV_URL}?rating=red"' in page


def test_documentation_page_says_what_each_column_and_code_means(client, alice):
    client.force_login(alice)
    page = client.get(reverse("indicators:open_data")).content.decode()
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in page
    for name, _meaning in PART_COLUMNS:
        assert f"<code>{name}</code>" in page
    for code in CODES:
        assert f"<code>{code}</code>" in page
    assert "Open Government Licence v3.0" in page


def build_suite(numbers: range):
    for n in numbers:
        indicator = factories.indicator(reference=f"S{n}", title=f"Suite indicator {n}")
        factories.target(indicator, 2019, value=80, tolerance=5)
        factories.comparator(indicator, 2018, "england", 75)
        for day in (date(2019, 1, 1), date(2019, 4, 1), date(2019, 7, 1)):
            factories.outturn(indicator, day, numerator=70 + n % 20, denominator=100)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_download_queries_stay_constant_as_the_suite_grows(client, alice, url):
    counts = []
    client.force_login(alice)
    for numbers in (range(5), range(5, 30)):
        build_suite(numbers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Decimal(latest_row(read_csv(client.get(CSV_URL)), "S29")["value"]) == 79
