from django.apps import AppConfig

from kpi_portal.menu import MenuItem


def sets_up_committees(user) -> bool:
    from reports.access import can_set_up_committees

    return can_set_up_committees(user)


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committees and reports"
    menu = (
        MenuItem("Meetings", "reports:meetings", order=30),
        MenuItem("Decisions", "reports:decisions", order=40),
        MenuItem("Committees", "reports:committees", order=45, allowed=sets_up_committees),
    )

    @property
    def role_permissions(self) -> dict[str, list[str]]:
        from reports.access import ROLE_PERMISSIONS

        return ROLE_PERMISSIONS
