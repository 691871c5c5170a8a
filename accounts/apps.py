from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in, changing and resetting a password, and the council's first administrator."""

    name = "accounts"
    verbose_name = "Accounts"
