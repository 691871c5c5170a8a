"""A report line as a reader without permission sees it: pure, no database."""

from decimal import Decimal

import pytest

from indicators.reader import Reader
from indicators.rules.periods import parse_period_label
from indicators.rules.terms import Direction, Polarity, Rating
from reports.contents import LineFigure, ReportCorrection, ReportLine, for_viewer


def figure(period, value, *, small=False) -> LineFigure:
    return LineFigure(parse_period_label(period), Decimal(value), f"{value}%", "validated", is_small=small)


def line(*figures, open_reasons=(), **fields) -> ReportLine:
    defaults = {
        "indicator_id": 22,
        "position": 1,
        "reference": "22",
        "title": "Children missing from education",
        "service_area": "Education",
        "is_restricted": False,
        "is_target_measure": True,
        "unit": "percent",
        "decimal_places": 0,
        "polarity": Polarity.HIGHER_IS_BETTER,
        "rating": Rating.RED,
        "previous_rating": Rating.GREEN,
        "direction": Direction.WORSENING,
        "target": "10%",
        "figures": list(figures),
        "exception_reasons": ["Rated Red", "Worsening for 2 periods running"],
        "open_exception_reasons": list(open_reasons),
    }
    defaults.update(fields)
    return ReportLine(**defaults)


@pytest.mark.parametrize(
    ("smalls", "rating", "direction"),
    [
        ((False, False, False), Rating.RED, Direction.WORSENING),
        ((False, False, True), Rating.NO_DATA, Direction.NOT_COMPARABLE),
        ((False, True, False), Rating.RED, Direction.NOT_COMPARABLE),
        ((True, False, False), Rating.RED, Direction.WORSENING),
    ],
)
def test_rating_and_direction_computed_from_a_small_number_are_withheld(smalls, rating, direction):
    figures = [
        figure(period, value, small=small)
        for (period, value), small in zip(
            [("Q1 2019/20", 40), ("Q2 2019/20", 20), ("Q3 2019/20", 3)], smalls, strict=True
        )
    ]
    [shown] = for_viewer([line(*figures)], reader=Reader.PUBLIC)
    assert (shown.rating, shown.direction) == (rating, direction)


@pytest.mark.parametrize(("small", "movement"), [(False, "Went up"), (True, "")])
def test_a_contextual_measures_movement_is_withheld_with_its_figure(small, movement):
    """ "Went up" from 4 to a withheld count would say it is 5: the words go with the figure."""
    contextual = line(
        figure("Q2 2019/20", 4, small=small),
        figure("Q3 2019/20", 5, small=small),
        is_target_measure=False,
        rating=Rating.NOT_RATED,
        direction=Direction.NOT_COMPARABLE,
        movement="Went up",
    )
    [shown] = for_viewer([contextual], reader=Reader.PUBLIC)
    assert shown.movement == movement
    assert shown.direction_shown.note == movement
    [whole] = for_viewer([contextual], reader=Reader.WHOLE_RECORD)
    assert whole.direction_shown.note == "Went up"


def test_reader_with_permission_sees_the_rating_of_a_small_number():
    whole = line(figure("Q2 2019/20", 20), figure("Q3 2019/20", 3, small=True), open_reasons=[])
    [shown] = for_viewer([whole], reader=Reader.WHOLE_RECORD)
    assert (shown.rating, shown.direction, shown.latest.text) == (Rating.RED, Direction.WORSENING, "3%")
    assert shown.exception_reasons == ["Rated Red", "Worsening for 2 periods running"]


def test_exception_shows_only_the_reasons_judged_on_figures_the_reader_may_see():
    whole = line(figure("Q1 2019/20", 4, small=True), figure("Q2 2019/20", 20), open_reasons=["Rated Red"])
    [shown] = for_viewer([whole], reader=Reader.PUBLIC)
    assert shown.exception_reasons == ["Rated Red"]


def test_contextual_measure_is_not_rated_whether_or_not_its_figure_is_withheld():
    whole = line(figure("Q3 2019/20", 3, small=True), is_target_measure=False, rating=Rating.NOT_RATED)
    [shown] = for_viewer([whole], reader=Reader.PUBLIC)
    assert shown.rating is Rating.NOT_RATED


def test_small_correction_shows_the_mark_and_says_why():
    correction = ReportCorrection(
        parse_period_label("Q2 2019/20"), "3%", "4%", "Recounted.", "2019-12-02", "Bob", is_small=True
    )
    [shown] = for_viewer([line(figure("Q2 2019/20", 40), corrections=[correction])], reader=Reader.PUBLIC)
    [masked] = shown.corrections
    assert (masked.previous, masked.new) == ("[c]", "[c]")
    assert masked.marked.label == "withheld: small number"


def test_rating_change_is_written_against_the_rating_the_reader_was_shown_before():
    before = line(figure("Q2 2019/20", 3, small=True), rating=Rating.RED)
    now = line(figure("Q3 2019/20", 90), rating=Rating.GREEN, previous_rating=Rating.RED)
    [shown] = for_viewer([now], reader=Reader.PUBLIC, previous=[before])
    assert shown.previous_rating is Rating.NO_DATA


def test_restricted_line_is_left_out_for_a_reader_without_permission():
    assert for_viewer([line(figure("Q3 2019/20", 50), is_restricted=True)], reader=Reader.PUBLIC) == []
