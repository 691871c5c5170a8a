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
        """The latest published commentary on each indicator, and its open actions as published
        reports left them, for the live index (indicators/published_notes.py)."""
        from django.urls import reverse

        from indicators.published_notes import PublishedNote
        from reports.actions import open_actions_for
        from reports.selectors import latest_published_commentary

        indicator_ids = list(indicator_ids)
        commentary = latest_published_commentary(indicator_ids, sees_restricted=reader.sees_restricted)
        actions = open_actions_for(indicator_ids, reader)
        notes = {}
        for indicator_id in commentary.keys() | actions.keys():
            published = commentary.get(indicator_id)
            open_actions = actions.get(indicator_id, [])
            latest = max(open_actions, key=lambda action: action.reported_on, default=None)
            actions_url = reverse("reports:meeting", args=[latest.reported_in]) if latest else ""
            if published and published.source.url.split("#")[0] == actions_url:
                actions_url = ""  # the commentary's link, to the indicator's card, shows its actions too
            actions_words = f"From the report of {latest.reported_on:%-d %B %Y}" if actions_url else ""
            notes[indicator_id] = PublishedNote(
                published.text if published else "",
                published.source.words if published else "",
                published.source.url if published else "",
                actions=tuple(action.index_words for action in open_actions),
                actions_source_words=actions_words,
                actions_source_url=f"{actions_url}#actions" if actions_url else "",
            )
        return notes

    def published_stamp(self) -> str:
        from django.db.models import Max

        from reports.models import Meeting

        latest = Meeting.objects.aggregate(latest=Max("published_at"))["latest"]
        return latest.isoformat() if latest else ""
