"""The rule's sentence agrees with the figures printed beside it: the figure and target it names are
the printed ones, the amount off target is the printed target less the printed figure, and the
rating follows from the numbers the sentence prints."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.explain import explain_rating
from indicators.lines import line_from_assessment
from indicators.models import Indicator
from indicators.reader import Reader
from indicators.rules.figures import rounded
from indicators.rules.rating import PERCENT_PLACES
from indicators.rules.terms import Rating
from indicators.selectors import assessments_for
from tests import factories

pytestmark = pytest.mark.django_db

SENTENCE = re.compile(
    r"(?P<figure>.+?) against (?:a target of (?P<target>.+?)|an acceptable range of (?P<lower>.+?) to "
    r"(?P<upper>.+?)); (?P<polarity>[a-z ]+); (?P<judgement>.+): (?P<rating>Green|Amber|Red)\.$"
)
OFF = re.compile(
    r"(?P<off>[\d,.]+)(?: (?:percentage points?|weeks?|days?|per 10,000))? (?:off target|outside the range)"
    r"(?: \((?P<percent>[\d.]+)% of the target\))?"
    r"(?:, (?P<relation>less than|at least) the tolerance of (?P<tolerance>[\d,.]+)"
    r"(?P<relative>% of the target)?"
    r"(?: (?:percentage points?|weeks?|days?|per 10,000))?|, with no tolerance)$"
)
NUMBER = re.compile(r"\u2212?[\d,]+(?:\.\d+)?")


def number(text: str) -> Decimal:
    return Decimal(NUMBER.match(text).group().replace(",", "").replace("\N{MINUS SIGN}", "-"))


def printed_target(line) -> str:
    """The line's target without its kind: "26 weeks (national)" is printed "26 weeks"."""
    return re.sub(r" \([a-z ]+\)$", "", line.target)


def check_sentence(sentence: str, line) -> str:
    """Check a rated line's sentence against the line's printed figure, target and rating; return
    what it judged ("green", "less than", "at least", "no tolerance")."""
    parsed = SENTENCE.match(sentence)
    assert parsed, sentence
    assert parsed["figure"] == line.latest.text, sentence
    assert parsed["rating"] == line.rating.label, sentence
    figure = number(parsed["figure"])
    if parsed["target"]:
        assert parsed["target"] == printed_target(line), sentence
        lower = upper = number(parsed["target"])
    else:
        assert f"{parsed['lower']} to {parsed['upper']}" == printed_target(line), sentence
        lower, upper = number(parsed["lower"]), number(parsed["upper"])
    polarity = parsed["polarity"]
    if polarity == "higher is better":
        off, reference = max(lower - figure, 0), lower
    elif polarity == "lower is better":
        off, reference = max(figure - upper, 0), upper
    else:
        off, reference = (lower - figure, lower) if figure < lower else (max(figure - upper, 0), upper)
    if parsed["rating"] == "Green":
        assert off == 0, sentence
        assert parsed["judgement"] in ("on or better than target", "within the range"), sentence
        return "green"
    judged = OFF.match(parsed["judgement"])
    assert judged, sentence
    assert number(judged["off"]) == off, sentence
    percent = rounded(off / abs(reference) * 100, PERCENT_PLACES) if reference else None
    if judged["percent"]:
        assert Decimal(judged["percent"]) == percent, sentence
    if judged["relation"] is None:
        assert parsed["rating"] == "Red", sentence
        return "no tolerance"
    tolerance = number(judged["tolerance"])
    measured = Decimal(judged["percent"]) if judged["relative"] else off
    expected = "less than" if measured < tolerance else "at least"
    assert judged["relation"] == expected, sentence
    assert parsed["rating"] == ("Amber" if expected == "less than" else "Red"), sentence
    return expected


QUARTER_ENDS = [
    date(year, month, day)
    for year in range(2019, 2026)
    for month, day in ((3, 31), (6, 30), (9, 30), (12, 31))
    if date(2019, 6, 30) <= date(year, month, day) <= date(2025, 9, 30)
]


def test_every_demo_lines_sentence_agrees_with_its_printed_figure_and_target(bob):
    call_command("load_demo", verbosity=0)
    suite = list(Indicator.objects.order_by("display_order"))
    judged = []
    for as_at in QUARTER_ENDS:
        for assessment in assessments_for(suite, reader=Reader.for_user(bob), as_at=as_at):
            if assessment.rating not in (Rating.GREEN, Rating.AMBER, Rating.RED):
                continue
            line = line_from_assessment(assessment, reader=Reader.WHOLE_RECORD)
            judged.append(check_sentence(explain_rating(assessment), line))
    # Every way a sentence can judge a figure is read, many times over.
    assert len(judged) > 500
    assert {"green", "less than", "at least"} <= set(judged)


def quarterly(reference, **fields):
    return factories.indicator(reference=reference, title=f"Indicator {reference}", **fields)


def rated(indicator, as_at, user):
    [assessment] = assessments_for([indicator], reader=Reader.for_user(user), as_at=as_at)
    return explain_rating(assessment), line_from_assessment(assessment, reader=Reader.WHOLE_RECORD)


def test_a_figure_printed_at_its_target_is_green_whatever_its_hidden_decimals(client, bob):
    """Indicator 19: 122 out of 136 is 89.7%, printed "90%" against a target of 90%."""
    indicator = quarterly("19")
    factories.target(indicator, 2025, value=90, tolerance=5)
    factories.outturn(indicator, date(2025, 4, 1), numerator=122, denominator=136, value="89.7059")
    sentence, line = rated(indicator, date(2025, 6, 30), bob)
    assert sentence == "90% against a target of 90%; higher is better; on or better than target: Green."
    assert (line.latest.text, line.target, line.rating) == ("90%", "90%", Rating.GREEN)
    client.force_login(bob)
    page = client.get("/indicators/19/").content.decode()
    assert sentence in page
    assert "0% off target" not in page


def test_a_shortfall_equal_to_the_tolerance_says_it_is_at_least_the_tolerance(bob):
    """Indicator 14: 94.7% is printed "95%", 3 points short of 98% with a 3-point tolerance."""
    indicator = quarterly("14")
    factories.target(indicator, 2025, value=98, tolerance=3)
    factories.outturn(indicator, date(2025, 7, 1), numerator=89, denominator=94, value="94.6809")
    sentence, line = rated(indicator, date(2025, 9, 30), bob)
    assert sentence == (
        "95% against a target of 98%; higher is better; 3 percentage points off target, "
        "at least the tolerance of 3 percentage points: Red."
    )
    assert check_sentence(sentence, line) == "at least"


def test_figures_printed_the_same_are_rated_the_same_in_any_year(bob):
    """Indicator 16: 26.8 weeks (Q4 2024/25) and 27.3 weeks (Q2 2025/26) are both printed "27 weeks"
    against the same 26-week target and 5% tolerance: both 1 week, 3.8%, off target."""
    indicator = quarterly("16", unit="weeks", polarity="lower")
    for year in (2024, 2025):
        factories.target(indicator, year, value=26, tolerance=5, tolerance_kind="percent", kind="national")
    factories.outturn(indicator, date(2025, 1, 1), "26.8")
    factories.outturn(indicator, date(2025, 7, 1), "27.3")
    expected = (
        "27 weeks against a target of 26 weeks; lower is better; 1 week off target (3.8% of the target), "
        "less than the tolerance of 5% of the target: Amber."
    )
    for as_at in (date(2025, 3, 31), date(2025, 9, 30)):
        sentence, line = rated(indicator, as_at, bob)
        assert sentence == expected
        assert line.rating is Rating.AMBER


def test_a_tolerance_finer_than_the_figure_is_printed_in_full(bob):
    indicator = quarterly("T1")
    factories.target(indicator, 2025, value=90, tolerance="2.5")
    factories.outturn(indicator, date(2025, 7, 1), "87.4")
    sentence, line = rated(indicator, date(2025, 9, 30), bob)
    assert sentence.endswith(
        "3 percentage points off target, at least the tolerance of 2.5 percentage points: Red."
    )
    assert check_sentence(sentence, line) == "at least"
