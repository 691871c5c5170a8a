"""Who may see what.

- Anonymous visitors see the public pages only when the council turns PUBLIC_ACCESS on.
- Restricted ("Part 2") indicators, and small numbers, are seen only by signed-in people with the
  "view restricted indicator" permission.
- Performance officers enter and correct figures; administrators change the suite and users.
- Provisional figures are seen by officers, and by signed-in members only where the council sets
  MEMBERS_SEE_PROVISIONAL (indicators/rules/validation.py).
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from indicators.rules.validation import sees_provisional

VIEW_RESTRICTED = "indicators.view_restricted_indicator"
ENTER_OUTTURNS = "indicators.enter_outturns"
VALIDATE_ANY = "indicators.validate_any_outturn"


def can_view_restricted(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_RESTRICTED)


def can_enter_outturns(user) -> bool:
    return user.is_authenticated and user.has_perm(ENTER_OUTTURNS)


def can_validate_any(user) -> bool:
    return user.is_authenticated and user.has_perm(VALIDATE_ANY)


def can_see_provisional(user) -> bool:
    """Whether this reader sees figures that are neither validated nor published."""
    return sees_provisional(
        enters_figures=can_enter_outturns(user),
        is_signed_in=user.is_authenticated,
        members_see_provisional=settings.MEMBERS_SEE_PROVISIONAL,
    )


def public_page(view):
    """A page anyone may read when public access is on, and signed-in users may read always."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (settings.PUBLIC_ACCESS or request.user.is_authenticated):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access = "public"
    return wrapper


def officer_page(view):
    """A page for people who enter and correct figures: performance officers and administrators."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_enter_outturns(request.user):
            raise PermissionDenied("Only performance officers may enter figures.")
        return view(request, *args, **kwargs)

    wrapper.access = "officers"
    return wrapper
