"""Deployment checks: refuse to run in production with the demo users' development password."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

DEMO_PASSWORD = "kpi-demo"  # noqa: S105 - the documented development-only password, checked for here
DEMO_USERNAMES = ("member", "officer", "lead", "admin")


def demo_users_with_demo_password() -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES, is_active=True)
    return [user.username for user in users if user.check_password(DEMO_PASSWORD)]


@register(Tags.security, deploy=True)
def check_demo_passwords(app_configs, databases=None, **kwargs):
    if settings.DEBUG or not databases:
        return []
    try:
        found = demo_users_with_demo_password()
    except DatabaseError:
        return []
    if not found:
        return []
    return [
        Error(
            f"Demo users {', '.join(found)} still have the development password.",
            hint="Remove the demo users or give them real passwords before going live.",
            id="indicators.E001",
        )
    ]
