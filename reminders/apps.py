from django.apps import AppConfig

from kpi_portal.menu import MenuItem


def _may_enter_outturns(user) -> bool:
    from indicators.access import can_enter_outturns

    return can_enter_outturns(user)


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"
    menu = (
        MenuItem("Your reminders", "reminders:log", order=60, allowed=_may_enter_outturns, is_account=True),
    )

    def ready(self):
        from indicators import extensions
        from reminders.access import ROLE_PERMISSIONS

        extensions.role_permissions.append(ROLE_PERMISSIONS)
