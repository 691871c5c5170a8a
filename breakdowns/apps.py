from django.apps import AppConfig

from kpi_portal.menu import MenuItem


class BreakdownsConfig(AppConfig):
    """Localities, teams and other breakdowns: the same indicator, reported where the work is done."""

    name = "breakdowns"
    verbose_name = "Localities and teams"
    menu = (MenuItem("Localities", "breakdowns:members", order=15),)

    def ready(self):
        from breakdowns.access import ROLE_PERMISSIONS
        from breakdowns.exceptions import parts_behind
        from breakdowns.index import entry_links, places_in_use
        from breakdowns.services import release_parts
        from breakdowns.totals import totals_refused
        from indicators import extensions

        extensions.index_places.append(places_in_use)
        extensions.exception_details.append(parts_behind)
        extensions.entry_checks.append(totals_refused)
        extensions.on_validated.append(release_parts)
        extensions.entry_links.append(entry_links)
        extensions.role_permissions.append(ROLE_PERMISSIONS)
