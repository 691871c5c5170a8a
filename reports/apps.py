from django.apps import AppConfig

from kpi_portal.menu import MenuItem


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committees and reports"
    menu = (
        MenuItem("Meetings", "reports:meetings", order=30),
        MenuItem("Decisions", "reports:decisions", order=40),
    )

    def ready(self):
        from indicators import extensions
        from reports.access import ROLE_PERMISSIONS
        from reports.actions import actions_on_exceptions
        from reports.index_notes import notes_for_index

        extensions.exception_details.append(actions_on_exceptions)
        extensions.index_notes.append(notes_for_index)
        extensions.role_permissions.append(ROLE_PERMISSIONS)
