"""The report page's sections, in the order a member reads them, and its contents list.

The page draws each section here in turn, and its contents list links to each: a new section is
one entry. The order follows the seed reports' front sheets and what a member asks first: what the
report is and asks of them, the totals, what is off track (the exceptions), then the rest, with
the full index, which a member consults rather than reads, near the end.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    """Its anchor on the page: /meetings/12/#exceptions."""
    heading: str | Callable[[object], str]
    template: str
    is_shown: Callable[[object], bool] = lambda report: True

    def heading_for(self, report) -> str:
        return self.heading(report) if callable(self.heading) else self.heading


SECTIONS = (
    Section("front-sheet", "Front sheet", "reports/sections/front_sheet.html"),
    Section("summary", "Summary", "reports/sections/summary.html"),
    Section("exceptions", "Exceptions", "reports/sections/exceptions.html"),
    Section(
        "rating-changes", "Rating changes since the previous meeting", "reports/sections/rating_changes.html"
    ),
    Section("corrections", "Corrections since the previous meeting", "reports/sections/corrections.html"),
    Section("caveats", "Data caveats", "reports/sections/caveats.html"),
    Section("actions", "Actions since the last meeting", "reports/sections/actions.html"),
    Section(
        "breakdowns",
        lambda report: report.breakdowns_heading,
        "reports/includes/breakdowns.html",
        is_shown=lambda report: bool(report.breakdowns),
    ),
    Section("index", "The full index", "reports/sections/index.html"),
    Section("decisions", "Decisions taken at this meeting", "reports/sections/decisions.html"),
    Section("downloads", "Download the report", "reports/sections/downloads.html"),
)


@dataclass(frozen=True)
class ShownSection:
    key: str
    heading: str
    template: str


def sections_for(report) -> list[ShownSection]:
    """The sections this report shows, with their headings, in the page's order."""
    return [
        ShownSection(section.key, section.heading_for(report), section.template)
        for section in SECTIONS
        if section.is_shown(report)
    ]
