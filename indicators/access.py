"""Who may use which page, and who may do what.

- Anonymous visitors see the public pages only when the council turns PUBLIC_ACCESS on.
- Performance officers enter and correct figures; administrators change the suite and users.
- What each reader may see on a page (restricted indicators, small numbers, provisional figures) is
  the request's `reader` (indicators/reader.py).

Every decorator is Django's own (`django.contrib.auth.decorators`): someone not signed in is sent
to sign in; someone signed in without the permission is refused (403).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required, user_passes_test

VIEW_RESTRICTED = "indicators.view_restricted_indicator"
ENTER_OUTTURNS = "indicators.enter_outturns"
VALIDATE_ANY = "indicators.validate_any_outturn"


def can_enter_outturns(user) -> bool:
    return user.is_authenticated and user.has_perm(ENTER_OUTTURNS)


def can_validate_any(user) -> bool:
    return user.is_authenticated and user.has_perm(VALIDATE_ANY)


def with_access(view, access: str):
    """The view, marked with who may use it (tests/test_view_access.py reads the mark)."""
    view.access = access
    return view


def signed_in_page(view):
    """A page for anyone signed in."""
    return with_access(login_required(view), "signed in")


def permission_page(permission: str, access: str | None = None):
    """A page for signed-in people with `permission`: others are asked to sign in, or refused."""

    def decorator(view):
        return with_access(
            login_required(permission_required(permission, raise_exception=True)(view)), access or permission
        )

    return decorator


def _may_read_public_pages(user) -> bool:
    return settings.PUBLIC_ACCESS or user.is_authenticated


def public_page(view):
    """A page anyone may read when public access is on, and signed-in users may read always."""
    return with_access(user_passes_test(_may_read_public_pages)(view), "public")


officer_page = permission_page(ENTER_OUTTURNS, "officers")
"""A page for people who enter and correct figures: performance officers and administrators."""
