"""A council starts with one set of exception criteria: the live exceptions page and a new committee
read the same default (indicators/rules/exceptions.py), unless the environment sets the page's own."""

from dataclasses import replace
from decimal import Decimal

import pytest

from indicators.rules.exceptions import ExceptionCriteria
from indicators.views import default_exception_criteria
from reports.models import Committee


def test_the_default_is_red_or_amber_or_worsening_for_three_periods():
    assert ExceptionCriteria.DEFAULT.describe() == [
        "rated Red",
        "rated Amber",
        "worsening for 3 periods running",
    ]


def test_a_new_committee_and_the_live_exceptions_page_start_from_the_same_criteria():
    assert Committee(name="Children's Scrutiny Panel").exception_criteria == ExceptionCriteria.DEFAULT
    assert default_exception_criteria() == ExceptionCriteria.DEFAULT


@pytest.mark.parametrize(
    ("name", "value", "changed"),
    [
        ("EXCEPTIONS_AMBER", False, {"amber": False}),
        ("EXCEPTIONS_OFF_TARGET_PERCENT", 5, {"off_target_percent": Decimal(5)}),
        ("EXCEPTIONS_WORSENING_PERIODS", 0, {"deteriorating_periods": None}),
    ],
)
def test_the_environment_may_set_the_live_pages_own(settings, name, value, changed):
    setattr(settings, name, value)
    assert default_exception_criteria() == replace(ExceptionCriteria.DEFAULT, **changed)
