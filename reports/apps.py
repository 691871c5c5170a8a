from django.apps import AppConfig

from kpi_portal.menu import MenuItem


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committees and reports"
    menu = (
        MenuItem("Meetings", "reports:meetings", order=30),
        MenuItem("Decisions", "reports:decisions", order=40),
    )

    @property
    def role_permissions(self) -> dict[str, list[str]]:
        from reports.access import ROLE_PERMISSIONS

        return ROLE_PERMISSIONS

    def ready(self):
        from indicators import extensions
        from reports.actions import actions_on_exceptions

        extensions.exception_details.append(actions_on_exceptions)

    def published_notes(self, indicator_ids, *, reader) -> dict:
        """The latest published commentary on each indicator, for the live index
        (indicators/published_notes.py)."""
        from indicators.published_notes import PublishedNote
        from reports.selectors import latest_published_commentary

        return {
            indicator_id: PublishedNote(published.text, published.source.words, published.source.url)
            for indicator_id, published in latest_published_commentary(
                indicator_ids, sees_restricted=reader.sees_restricted
            ).items()
        }

    def published_stamp(self) -> str:
        from django.db.models import Max

        from reports.models import Meeting

        latest = Meeting.objects.aggregate(latest=Max("published_at"))["latest"]
        return latest.isoformat() if latest else ""
