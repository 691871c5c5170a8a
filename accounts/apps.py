from django.apps import AppConfig

from kpi_portal.menu import MenuItem


def _manages_people(user) -> bool:
    from accounts.access import can_manage_people

    return can_manage_people(user)


class AccountsConfig(AppConfig):
    """Signing in, changing and resetting a password, and the council's first administrator."""

    name = "accounts"
    verbose_name = "Accounts"
    menu = (MenuItem("People", "accounts:people", order=85, allowed=_manages_people, is_account=True),)
