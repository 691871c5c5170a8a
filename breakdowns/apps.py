from django.apps import AppConfig

from kpi_portal.menu import MenuItem


class BreakdownsConfig(AppConfig):
    """Localities, teams and other breakdowns: the same indicator, reported where the work is done."""

    name = "breakdowns"
    verbose_name = "Localities and teams"
    menu = (MenuItem("Localities", "breakdowns:members", order=15),)

    @property
    def role_permissions(self) -> dict[str, list[str]]:
        from breakdowns.access import ROLE_PERMISSIONS

        return ROLE_PERMISSIONS
