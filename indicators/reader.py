"""Who is reading: what they may see, decided once per request and carried as data to every read.

- Restricted ("Part 2") indicators, and anything computed from them, are seen only by people with the
  "view restricted indicator" permission (performance officers and administrators).
- Small numbers, and anything that would give one away, are seen by the same people: a count small
  enough to identify a child is as sensitive as a restricted indicator.
- Provisional figures (neither validated nor published) are seen by people who enter figures, and by
  signed-in members only where the council sets MEMBERS_SEE_PROVISIONAL
  (indicators/rules/validation.py). The public never sees them.

`ReaderMiddleware` gives every request its `request.reader`, built from the signed-in person the
first time a page asks; commands and tests build one with `Reader.for_user`.
"""

from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from indicators.access import ENTER_OUTTURNS, VIEW_RESTRICTED
from indicators.rules.validation import sees_provisional


@dataclass(frozen=True)
class Reader:
    sees_restricted: bool = False
    """Restricted ("Part 2") indicators, their figures and anything computed from them."""
    sees_small_numbers: bool = False
    """Counts from 1 to SMALL_NUMBER_THRESHOLD, and what would give one away."""
    sees_provisional: bool = False
    """Figures neither validated nor published, and changes to a figure awaiting validation."""

    PUBLIC: ClassVar["Reader"]
    """An anonymous visitor: what the public pages and the open data show."""
    WHOLE_RECORD: ClassVar["Reader"]
    """Sees everything: for what is worked out before any reader is known (a checklist, a
    published report's frozen record), never for what is shown to a person."""

    @classmethod
    def for_user(cls, user) -> "Reader":
        if not user.is_authenticated:
            return cls.PUBLIC
        sees_part_2 = user.has_perm(VIEW_RESTRICTED)
        return cls(
            sees_restricted=sees_part_2,
            sees_small_numbers=sees_part_2,
            sees_provisional=sees_provisional(
                enters_figures=user.has_perm(ENTER_OUTTURNS),
                is_signed_in=True,
                members_see_provisional=settings.MEMBERS_SEE_PROVISIONAL,
            ),
        )

    def may_see(self, item) -> bool:
        """Whether this reader may see an indicator, or anything of one (its line, action or
        breakdown): a restricted one only with permission."""
        return self.sees_restricted or not item.is_restricted

    @property
    def sees_held(self) -> bool:
        """Whether a figure changed since it was validated or published is seen as it was, until
        the change is validated: by everyone who does not see provisional figures."""
        return not self.sees_provisional


Reader.PUBLIC = Reader()
Reader.WHOLE_RECORD = Reader(sees_restricted=True, sees_small_numbers=True, sees_provisional=True)


class ReaderMiddleware:
    """Gives each request its `reader`, built from `request.user` once, the first time it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.reader = SimpleLazyObject(lambda: Reader.for_user(request.user))
        return self.get_response(request)
