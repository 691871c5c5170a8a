"""What else is withheld so that no withheld figure can be worked out: a table of cases, no database."""

from decimal import Decimal as D

import pytest

from indicators.rules.disclosure import Cell, Sum, cells_withheld, step_is_small, worked_out
from indicators.rules.suppression import is_small

THRESHOLD = 5
COUNCIL = "Council"
LOCALITIES = Sum(COUNCIL, ("North", "South"))
TEAMS = Sum(COUNCIL, ("North A", "North B", "South A", "South B"))
NESTED = (
    LOCALITIES,
    TEAMS,
    Sum("North", ("North A", "North B")),
    Sum("South", ("South A", "South B")),
)
AGE_BANDS = Sum(COUNCIL, ("Under 5", "5 to 15", "16 and over"))


def cells(figures: dict, *, steps=()):
    """Count cells from {key: value}; None is a part without a figure (no cell); `steps` are the
    year-to-date figures whose step from the one before is small."""
    return [
        Cell(
            key,
            (D(value),),
            is_small(D(value), THRESHOLD) or key in steps,
            size=(D(value),),
            is_fixed=key == COUNCIL,
        )
        for key, value in figures.items()
        if value is not None
    ]


@pytest.mark.parametrize(
    ("figures", "sums", "steps", "withheld"),
    [
        pytest.param({COUNCIL: 100, "North": 40, "South": 60}, (LOCALITIES,), (), set(), id="nothing small"),
        pytest.param(
            {COUNCIL: 100, "North": 3, "South": 97},
            (LOCALITIES,),
            (),
            {"North", "South"},
            id="exactly one withheld: the other part goes with it",
        ),
        pytest.param(
            {COUNCIL: 100, "A": 40, "B": 3, "C": 20, "D": 10, "E": 27},
            (Sum(COUNCIL, ("A", "B", "C", "D", "E")),),
            (),
            {"B", "D"},
            id="exactly one withheld: the next smallest goes with it",
        ),
        pytest.param(
            {COUNCIL: 50, "A": 40, "B": 3, "C": 0, "D": 7},
            (Sum(COUNCIL, ("A", "B", "C", "D")),),
            (),
            {"B", "C"},
            id="zero is not small, but hides a small one as well as any",
        ),
        pytest.param(
            {COUNCIL: 50, "A": 40, "B": 3, "C": 4, "D": 3},
            (Sum(COUNCIL, ("A", "B", "C", "D")),),
            (),
            {"B", "C", "D"},
            id="small parts hide each other",
        ),
        pytest.param(
            {COUNCIL: 5, "A": 2, "B": 3},
            (Sum(COUNCIL, ("A", "B")),),
            (),
            {COUNCIL, "A", "B"},
            id="all withheld",
        ),
        pytest.param(
            {COUNCIL: None, "A": 40, "B": 3, "C": 20, "D": 10},
            (Sum(COUNCIL, ("A", "B", "C", "D")),),
            (),
            {"B"},
            id="the council without a figure: nothing to subtract from",
        ),
        pytest.param(
            {COUNCIL: 23, "A": 3, "B": 10, "C": 10},
            (Sum(COUNCIL, ("A", "B", "C")),),
            (),
            {"A", "B"},
            id="a tie for the next smallest withholds the first of them",
        ),
        pytest.param(
            {COUNCIL: 100, "A": 40, "B": 3, "C": None, "D": 10},
            (Sum(COUNCIL, ("A", "B", "C", "D")),),
            (),
            {"B"},
            id="a part without a figure leaves the sum unknown",
        ),
        pytest.param(
            {
                COUNCIL: 1088,
                "North": 544,
                "South": 544,
                "North A": 541,
                "North B": 3,
                "South A": 300,
                "South B": 244,
            },
            NESTED,
            (),
            {"North B", "North A"},
            id="nested: North B is North less North A, so North A goes with it",
        ),
        pytest.param(
            {
                COUNCIL: 1088,
                "North": 544,
                "South": 544,
                "North A": 541,
                "North B": 3,
                "South A": 4,
                "South B": 540,
            },
            NESTED,
            (),
            {"North B", "South A", "North A", "South B"},
            id="nested: two small teams in different localities each need a partner in their own",
        ),
        pytest.param(
            {COUNCIL: 100, "North": 3, "South": 97, "Under 5": 30, "5 to 15": 50, "16 and over": 20},
            (LOCALITIES, AGE_BANDS),
            (),
            {"North", "South"},
            id="crossed: each dimension adds up to the council on its own",
        ),
        pytest.param(
            {COUNCIL: 4, "North": 4, "South": 0, "Under 5": 0, "5 to 15": 4, "16 and over": 0},
            (LOCALITIES, AGE_BANDS),
            (),
            {COUNCIL, "North", "5 to 15"},
            id="crossed with the council withheld: three unknowns, equal to each other, none pinned",
        ),
        pytest.param(
            {COUNCIL: 10, "North": 7, "South": 3},
            (LOCALITIES,),
            ("North",),
            {"North", "South"},
            id="cumulative: a small step withholds the later year-to-date figure, and its partner",
        ),
        pytest.param(
            {COUNCIL: 37, "North": 7, "South": 30},
            (LOCALITIES,),
            (COUNCIL,),
            {COUNCIL, "North"},
            id="cumulative: the council's small step withholds it, and the parts that would give it back",
        ),
    ],
)
def test_no_withheld_figure_can_be_worked_out(figures, sums, steps, withheld):
    table = cells(figures, steps=steps)
    result = cells_withheld(table, sums)
    assert set(result.withheld) == withheld
    assert not worked_out({cell.key: cell for cell in table}, set(result.withheld), sums)


def test_the_council_figure_is_never_withheld_to_protect_a_part():
    table = cells({COUNCIL: 100, "North": 3, "South": 97})
    assert COUNCIL not in cells_withheld(table, (LOCALITIES,)).withheld


def test_secondary_cells_are_told_apart_from_small_ones():
    result = cells_withheld(cells({COUNCIL: 100, "North": 3, "South": 97}), (LOCALITIES,))
    assert result.small == {"North"}
    assert result.secondary == {"South"}


def test_a_proportion_is_withheld_whole_and_takes_the_smallest_denominator_with_it():
    # North's 2 of 40 could be worked out from the council's 150 of 400 and the others' fractions.
    fractions = {
        COUNCIL: (150, 400),
        "West": (60, 150),
        "North": (2, 40),
        "East": (50, 90),
        "South": (38, 120),
    }
    table = [
        Cell(
            key,
            (D(numerator), D(denominator)),
            is_small(D(numerator), THRESHOLD) or is_small(D(denominator), THRESHOLD),
            size=(D(denominator), D(numerator)),
            is_fixed=key == COUNCIL,
        )
        for key, (numerator, denominator) in fractions.items()
    ]
    result = cells_withheld(table, (Sum(COUNCIL, ("West", "North", "East", "South")),))
    assert result.withheld == {"North", "East"}


def test_an_average_adds_up_to_nothing_so_only_its_small_ones_go():
    table = [Cell(COUNCIL, None, False, is_fixed=True), Cell("North", None, True), Cell("South", None, False)]
    assert cells_withheld(table, (LOCALITIES,)).withheld == {"North"}


@pytest.mark.parametrize(
    ("previous", "current", "small"),
    [
        ((7,), (10,), True),  # 3 in the period
        ((7,), (7,), False),  # none in the period
        ((10,), (7,), True),  # 3 taken out of the year by a correction
        ((7,), (13,), False),
        ((40, 100), (42, 130), True),  # 2 more on time
        ((40, 100), (50, 103), True),  # 3 more assessed: the denominator's step
        ((40, 100), (50, 120), False),
        (None, (3,), False),  # the first of the year is judged for itself
    ],
)
def test_a_small_step_between_year_to_date_figures(previous, current, small):
    def as_decimals(figures):
        return None if figures is None else tuple(D(f) for f in figures)

    assert step_is_small(as_decimals(previous), as_decimals(current), THRESHOLD) is small


def test_a_team_is_worked_out_from_its_locality_less_the_team_beside_it():
    # The release withheld North B (3) and South A, but showed North (544) and North A (541).
    table = {
        cell.key: cell
        for cell in cells(
            {
                COUNCIL: 1088,
                "North": 544,
                "South": 544,
                "North A": 541,
                "North B": 3,
                "South A": 300,
                "South B": 244,
            }
        )
    }
    assert worked_out(table, {"North B", "South A"}, NESTED) == {"North B", "South A"}
