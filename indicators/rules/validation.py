"""Validating figures, and who sees a figure before it is validated.

The rules, as a performance team states them:

- A figure is entered as provisional. Entering it, or changing its value, numerator, denominator or
  status, leaves it provisional and clears any validation; changing only its source or commentary
  keeps it. Nobody marks a figure validated while entering it.
- An indicator's lead officer or its named second officer validates its figures; an administrator
  may validate any. Nobody else may.
- A second pair of eyes: whoever last entered or changed a figure may not validate it, unless they
  are the indicator's lead officer, who answers for the figure and signs off their own return. The
  second officer's and an administrator's own entries are validated by someone else.
- A figure that changed since the officer's page was drawn is not validated: they look again.
- A Red figure is validated only once its commentary explains it.
- Only a provisional figure awaits validation; one not available in time, or that cannot be
  reported reliably, has no figure to check.
- Members and the public see a figure once it is validated or a published report has shown it.
  Officers who enter figures see every figure, provisional ones marked. The council may let signed-in
  members see provisional figures too (MEMBERS_SEE_PROVISIONAL); the public never does.
- A change to a figure members and the public see (a correction, or a locality's figure behind it)
  is provisional until validated, and until then they keep seeing the figure as it was, marked as
  since corrected. Validating the change, or a published report showing it, shows it to them.
"""

from dataclasses import dataclass

from indicators.rules.terms import OutturnStatus

NOT_PERMITTED = (
    "Only the indicator's lead officer, its second officer or an administrator may validate its figures"
)
OWN_ENTRY = "You entered this figure, so someone else validates it: a second pair of eyes"
NOT_PROVISIONAL = "This figure is not awaiting validation"
STALE = "This figure changed after you opened the page: look at it again before validating it"
RED_WITHOUT_COMMENTARY = "Explain a Red figure in the commentary before validating it"


@dataclass(frozen=True)
class Validator:
    """Who is validating a figure, as its indicator knows them."""

    is_lead_officer: bool
    is_second_officer: bool
    is_administrator: bool
    entered_it: bool


def validation_refusal(
    validator: Validator, *, status: str, is_current: bool, is_unexplained_red: bool
) -> str:
    """Why this person may not validate the figure now ("" when they may)."""
    if not (validator.is_lead_officer or validator.is_second_officer or validator.is_administrator):
        return NOT_PERMITTED
    if validator.entered_it and not validator.is_lead_officer:
        return OWN_ENTRY
    if not is_current:
        return STALE
    if status != OutturnStatus.PROVISIONAL:
        return NOT_PROVISIONAL
    if is_unexplained_red:
        return RED_WITHOUT_COMMENTARY
    return ""


def status_after_entry(entered: str, *, changes_figure: bool, recorded: str | None) -> str:
    """The status a figure is saved with: `entered` is the status the officer chose, `recorded` the
    one on record (None for a new figure). A changed figure is provisional until validated."""
    if not changes_figure and recorded is not None:
        return recorded
    if entered == OutturnStatus.VALIDATED:
        return OutturnStatus.PROVISIONAL
    return entered


def is_seen_as_it_stands(status: str, *, is_published: bool) -> bool:
    """Whether members and the public see a figure as it stands: one not awaiting validation, or one
    a published report has shown."""
    return status != OutturnStatus.PROVISIONAL or is_published


def holds_for_readers(*, was_seen: bool, changes_figure: bool, status: str) -> bool:
    """Whether members and the public keep seeing a figure as it was after a change: the change
    altered a figure they see and leaves it provisional, awaiting validation."""
    return was_seen and changes_figure and status == OutturnStatus.PROVISIONAL


def sees_provisional(*, enters_figures: bool, is_signed_in: bool, members_see_provisional: bool) -> bool:
    """Whether a reader sees figures that are neither validated nor published."""
    return enters_figures or (is_signed_in and members_see_provisional)
