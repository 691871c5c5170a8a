"""The validation rules, as a performance team states them (indicators/rules/validation.py)."""

import pytest

from indicators.rules.terms import OutturnStatus
from indicators.rules.validation import (
    NOT_PERMITTED,
    NOT_PROVISIONAL,
    OWN_ENTRY,
    RED_WITHOUT_COMMENTARY,
    STALE,
    Validator,
    holds_for_readers,
    is_seen_as_it_stands,
    sees_provisional,
    status_after_entry,
    validation_refusal,
)

LEAD = Validator(is_lead_officer=True, is_second_officer=False, is_administrator=False, entered_it=False)
SECOND = Validator(is_lead_officer=False, is_second_officer=True, is_administrator=False, entered_it=False)
ADMIN = Validator(is_lead_officer=False, is_second_officer=False, is_administrator=True, entered_it=False)
OTHER = Validator(is_lead_officer=False, is_second_officer=False, is_administrator=False, entered_it=False)
OTHER_WHO_ENTERED = Validator(
    is_lead_officer=False, is_second_officer=False, is_administrator=False, entered_it=True
)
LEAD_WHO_ENTERED = Validator(
    is_lead_officer=True, is_second_officer=False, is_administrator=False, entered_it=True
)
SECOND_WHO_ENTERED = Validator(
    is_lead_officer=False, is_second_officer=True, is_administrator=False, entered_it=True
)
ADMIN_WHO_ENTERED = Validator(
    is_lead_officer=False, is_second_officer=False, is_administrator=True, entered_it=True
)


@pytest.mark.parametrize(
    ("validator", "refusal"),
    [
        (LEAD, ""),
        (SECOND, ""),
        (ADMIN, ""),
        (OTHER, NOT_PERMITTED),
        (OTHER_WHO_ENTERED, NOT_PERMITTED),
        (LEAD_WHO_ENTERED, ""),
        (SECOND_WHO_ENTERED, OWN_ENTRY),
        (ADMIN_WHO_ENTERED, OWN_ENTRY),
    ],
)
def test_the_lead_or_second_officer_or_an_administrator_validates_and_not_their_own_entry(validator, refusal):
    assert (
        validation_refusal(
            validator, status=OutturnStatus.PROVISIONAL, is_current=True, is_unexplained_red=False
        )
        == refusal
    )


def test_a_figure_changed_since_the_page_was_drawn_is_not_validated():
    assert (
        validation_refusal(LEAD, status=OutturnStatus.PROVISIONAL, is_current=False, is_unexplained_red=False)
        == STALE
    )


@pytest.mark.parametrize(
    "status", [OutturnStatus.VALIDATED, OutturnStatus.NOT_AVAILABLE, OutturnStatus.UNRELIABLE]
)
def test_only_a_provisional_figure_awaits_validation(status):
    assert (
        validation_refusal(LEAD, status=status, is_current=True, is_unexplained_red=False) == NOT_PROVISIONAL
    )


def test_a_red_figure_is_validated_only_once_its_commentary_explains_it():
    assert (
        validation_refusal(LEAD, status=OutturnStatus.PROVISIONAL, is_current=True, is_unexplained_red=True)
        == RED_WITHOUT_COMMENTARY
    )


@pytest.mark.parametrize(
    ("entered", "changes_figure", "recorded", "saved"),
    [
        (OutturnStatus.PROVISIONAL, True, None, OutturnStatus.PROVISIONAL),
        (OutturnStatus.VALIDATED, True, None, OutturnStatus.PROVISIONAL),
        (OutturnStatus.VALIDATED, True, OutturnStatus.VALIDATED, OutturnStatus.PROVISIONAL),
        (OutturnStatus.VALIDATED, False, OutturnStatus.VALIDATED, OutturnStatus.VALIDATED),
        (OutturnStatus.NOT_AVAILABLE, True, OutturnStatus.VALIDATED, OutturnStatus.NOT_AVAILABLE),
        (OutturnStatus.UNRELIABLE, True, None, OutturnStatus.UNRELIABLE),
    ],
)
def test_a_figure_entered_or_changed_is_provisional_and_words_alone_keep_its_validation(
    entered, changes_figure, recorded, saved
):
    assert status_after_entry(entered, changes_figure=changes_figure, recorded=recorded) == saved


@pytest.mark.parametrize(
    ("enters_figures", "is_signed_in", "members_see_provisional", "sees"),
    [
        (True, True, False, True),
        (False, True, False, False),
        (False, True, True, True),
        (False, False, True, False),
        (False, False, False, False),
    ],
)
def test_officers_see_provisional_figures_members_when_the_council_says_and_the_public_never(
    enters_figures, is_signed_in, members_see_provisional, sees
):
    assert (
        sees_provisional(
            enters_figures=enters_figures,
            is_signed_in=is_signed_in,
            members_see_provisional=members_see_provisional,
        )
        is sees
    )


@pytest.mark.parametrize(
    ("status", "is_published", "seen"),
    [
        (OutturnStatus.VALIDATED, False, True),
        (OutturnStatus.NOT_AVAILABLE, False, True),
        (OutturnStatus.PROVISIONAL, False, False),
        (OutturnStatus.PROVISIONAL, True, True),
    ],
)
def test_members_see_a_figure_as_it_stands_once_validated_or_published(status, is_published, seen):
    assert is_seen_as_it_stands(status, is_published=is_published) is seen


@pytest.mark.parametrize(
    ("was_seen", "changes_figure", "status", "held"),
    [
        (True, True, OutturnStatus.PROVISIONAL, True),  # a correction: held until validated
        (False, True, OutturnStatus.PROVISIONAL, False),  # never seen: nothing to hold
        (True, False, OutturnStatus.PROVISIONAL, False),  # words only: the figure they see stands
        (True, True, OutturnStatus.NOT_AVAILABLE, False),  # nothing to validate: seen as it stands
    ],
)
def test_a_change_to_a_figure_members_see_is_held_from_them_until_validated(
    was_seen, changes_figure, status, held
):
    assert holds_for_readers(was_seen=was_seen, changes_figure=changes_figure, status=status) is held
