"""What is withheld from a reader without permission, and why: pure rules, no database."""

from decimal import Decimal as D

import pytest

from indicators.reader import Reader
from indicators.rules.suppression import (
    SUPPRESSED_MARK,
    Withheld,
    computed_from,
    withheld_correction,
    withheld_figure,
    withheld_from_reader,
    withheld_indicator,
)

SMALL = Withheld.SMALL_NUMBER


@pytest.mark.parametrize(
    ("values", "numerator", "denominator", "is_count", "threshold", "withheld"),
    [
        # A percentage is judged on its numerator and denominator, not its value.
        ((D(3),), D(3), D(100), False, 5, SMALL),
        ((D(60),), D(3), D(5), False, 5, SMALL),
        ((D(55),), D(50), D(91), False, 5, None),
        ((D(0),), D(0), D(40), False, 5, None),
        # A percentage typed without its numerator cannot be judged small.
        ((D(3),), None, None, False, 5, None),
        # A correction: either figure small withholds both ("3% to 4%" from 4 out of 100).
        ((D(3), D(4)), D(4), D(100), False, 5, SMALL),
        ((D(30), D(40)), D(40), D(100), False, 5, None),
        # A count is judged on itself; zero identifies nobody.
        ((D(3),), None, None, True, 5, SMALL),
        ((D(5),), None, None, True, 5, SMALL),
        ((D(6),), None, None, True, 5, None),
        ((D(0),), None, None, True, 5, None),
        ((D(12), D(2)), None, None, True, 5, SMALL),
        ((None,), None, None, True, 5, None),
        # Threshold 0 turns suppression off.
        ((D(1),), D(1), D(2), True, 0, None),
    ],
)
def test_figure_is_withheld_when_it_could_identify_a_child(
    values, numerator, denominator, is_count, threshold, withheld
):
    assert (
        withheld_figure(
            values=values,
            numerator=numerator,
            denominator=denominator,
            is_count=is_count,
            threshold=threshold,
        )
        is withheld
    )


@pytest.mark.parametrize(
    ("reasons", "withheld"),
    [
        ((), None),
        ((None, None), None),
        ((None, SMALL), SMALL),
        ((SMALL, Withheld.RESTRICTED), Withheld.RESTRICTED),
        ((Withheld.RESTRICTED, None), Withheld.RESTRICTED),
    ],
)
def test_anything_computed_from_a_withheld_figure_is_withheld_with_it(reasons, withheld):
    assert computed_from(*reasons) is withheld


@pytest.mark.parametrize(
    ("reason", "sees_restricted", "withheld"),
    [
        (SMALL, False, SMALL),
        (SMALL, True, None),
        (Withheld.RESTRICTED, False, Withheld.RESTRICTED),
        (Withheld.RESTRICTED, True, None),
        (None, False, None),
    ],
)
def test_a_reader_with_permission_sees_everything(reason, sees_restricted, withheld):
    reader = Reader.WHOLE_RECORD if sees_restricted else Reader.PUBLIC
    assert withheld_from_reader(reason, reader=reader) is withheld


@pytest.mark.parametrize(
    ("reason", "withheld"),
    [(SMALL, SMALL), (Withheld.RESTRICTED, None), (None, None)],
)
def test_each_reason_is_lifted_by_its_own_permission(reason, withheld):
    sees_part_2_but_no_small_numbers = Reader(sees_restricted=True, sees_small_numbers=False)
    assert withheld_from_reader(reason, reader=sees_part_2_but_no_small_numbers) is withheld


def test_a_restricted_indicator_is_withheld_whole():
    assert withheld_indicator(is_restricted=True) is Withheld.RESTRICTED
    assert withheld_indicator(is_restricted=False) is None


def test_every_reason_is_shown_with_the_same_mark_and_says_why():
    assert {reason.mark for reason in Withheld} == {SUPPRESSED_MARK}
    assert SMALL.label == "withheld: small number"
    assert Withheld.RESTRICTED.label == "withheld: restricted"


@pytest.mark.parametrize(
    ("previous", "new", "withheld"),
    [
        # Each figure is judged on the fraction it came from: 3 of 100 corrected to 30 of 100.
        ((D(3), D(3), D(100)), (D(30), D(30), D(100)), SMALL),
        ((D(30), D(30), D(100)), (D(3), D(3), D(100)), SMALL),
        ((D(30), D(30), D(100)), (D(40), D(40), D(100)), None),
        # Recorded before the previous fraction was kept: judged on the new one as well.
        ((D(3), None, None), (D(4), D(4), D(100)), SMALL),
        ((D(30), None, None), (D(40), D(40), D(100)), None),
    ],
)
def test_a_correction_is_withheld_when_either_figure_is_small(previous, new, withheld):
    assert withheld_correction(previous=previous, new=new, is_count=False, threshold=5) is withheld
