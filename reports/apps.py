from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committees and reports"

    def ready(self):
        from indicators.context_processors import add_navigation
        from indicators.roles import EXTRA_APP_PERMISSIONS
        from reports.access import ROLE_PERMISSIONS

        add_navigation("Meetings", "reports:meetings")
        add_navigation("Decisions", "reports:decisions")

        for role, codenames in ROLE_PERMISSIONS.items():
            granted = EXTRA_APP_PERMISSIONS.setdefault(role, [])
            granted.extend(codename for codename in codenames if codename not in granted)
