"""References in the committee's order: numbers compared as numbers, the words between them as words."""

import pytest

from indicators.rules.references import reference_order


def test_references_are_sorted_as_numbers_not_as_text():
    typed = ["1", "10", "11", "2", "3", "20"]
    assert sorted(typed, key=reference_order) == ["1", "2", "3", "10", "11", "20"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("35.2", "35.10"),
        ("35", "35.1"),
        ("2", "2a"),
        ("2a", "10"),
        ("NI 9", "NI 10"),
        ("10", "A1"),
        ("a", "B"),
    ],
)
def test_each_reference_comes_before_the_next_in_the_committee_s_order(before, after):
    assert reference_order(before) < reference_order(after)
