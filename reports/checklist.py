"""What must be done before a report is published, and what publishing it will freeze.

The checklist is drawn from the draft report's lines as they stand:

- Figures not validated: every figure the report would freeze that is still provisional.
- Exceptions without management commentary, without corrective actions, or without a responsible
  officer (the commentary's owner, who answers to the committee for it).
- The front sheet's essentials: the report's lead officer, who presents it and answers for it,
  and its recommendations, what the committee is asked to do (its title, left blank, is
  "Performance report for" and the date; the committee's records are optional).
- Caveats missing: an indicator with no figure for its latest period, or a figure that is not
  available or cannot be reported reliably, where neither the lead officer's caveat nor the
  figure's own note says why (the report would show the status alone).

A checklist has a fingerprint of everything it shows and everything publishing would freeze; an
officer who signs off a report signs off the checklist they saw, so a change since then is noticed.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from indicators.reader import Reader
from indicators.rules.terms import OutturnStatus
from reports.contents import CAVEAT_STATUSES, ReportLine


class Outstanding:
    PROVISIONAL = "provisional"
    NO_COMMENTARY = "no_commentary"
    NO_ACTIONS = "no_actions"
    NO_OWNER = "no_owner"
    NO_CAVEAT = "no_caveat"
    NO_LEAD_OFFICER = "no_lead_officer"
    NO_RECOMMENDATIONS = "no_recommendations"


HEADINGS = {
    Outstanding.NO_LEAD_OFFICER: "The front sheet has no lead officer",
    Outstanding.NO_RECOMMENDATIONS: "The front sheet has no recommendations",
    Outstanding.PROVISIONAL: "Figures not validated",
    Outstanding.NO_COMMENTARY: "Exceptions without management commentary",
    Outstanding.NO_ACTIONS: "Exceptions without corrective actions",
    Outstanding.NO_OWNER: "Exceptions without a responsible officer",
    Outstanding.NO_CAVEAT: "Figures that cannot be reported, with no caveat saying why",
}


@dataclass(frozen=True)
class Item:
    """One thing outstanding, about one indicator (and, for a figure, one period)."""

    kind: str
    reference: str
    title: str
    is_restricted: bool
    period: str = ""

    @property
    def text(self) -> str:
        if not self.reference:
            return self.title
        name = f"{self.reference}: {self.title}"
        return f"{name}, {self.period}" if self.period else name

    def to_json(self) -> dict:
        return {"kind": self.kind, "heading": HEADINGS[self.kind], "text": self.text, **self.__dict__}


@dataclass(frozen=True)
class Frozen:
    """What publishing freezes: the meeting's indicators, the periods they report, the exceptions
    and the corrections since the previous meeting."""

    committee: str
    meeting_date: date
    as_at: date
    indicators: int
    restricted: int
    periods: list[tuple[str, int]]
    """The latest periods the indicators report, most reported first, with how many report each."""
    exceptions: list[str]
    corrections: int


@dataclass(frozen=True)
class Checklist:
    items: list[Item]
    frozen: Frozen
    fingerprint: str = field(default="")

    @property
    def is_clear(self) -> bool:
        return not self.items

    @property
    def groups(self) -> list[tuple[str, list[Item]]]:
        """The outstanding items under their headings, in the checklist's order."""
        return [
            (heading, [item for item in self.items if item.kind == kind])
            for kind, heading in HEADINGS.items()
            if any(item.kind == kind for item in self.items)
        ]


def items_for(line: ReportLine, *, has_owner: bool) -> list[Item]:
    """What is outstanding on one line of the draft report."""

    def item(kind, period=""):
        return Item(kind, line.reference, line.title, line.is_restricted, period)

    items = [
        item(Outstanding.PROVISIONAL, figure.period.label)
        for figure in line.shown_figures
        if figure.value is not None and figure.status == OutturnStatus.PROVISIONAL
    ]
    if line.is_exception:
        if not line.management_commentary:
            items.append(item(Outstanding.NO_COMMENTARY))
        if not line.corrective_actions:
            items.append(item(Outstanding.NO_ACTIONS))
        if not has_owner:
            items.append(item(Outstanding.NO_OWNER))
    latest = line.latest
    cannot_be_reported = latest is None or latest.outturn_id is None or latest.status in CAVEAT_STATUSES
    if cannot_be_reported and (not line.caveat or (latest is not None and line.caveat == latest.text)):
        items.append(item(Outstanding.NO_CAVEAT, latest.period.label if latest else ""))
    return items


def front_sheet_items(*, lead_officer: str, recommendations: str) -> list[Item]:
    """What the front sheet lacks: a report is presented by its lead officer, and asks the committee
    to do something."""
    items = []
    if not lead_officer.strip():
        items.append(Item(Outstanding.NO_LEAD_OFFICER, "", "Add the report's lead officer", False))
    if not recommendations.strip():
        items.append(Item(Outstanding.NO_RECOMMENDATIONS, "", "Add what the committee is asked to do", False))
    return items


def checklist_for(
    lines: list[ReportLine],
    *,
    owned: set[int],
    committee: str,
    meeting_date: date,
    as_at: date,
    exceptions: list[ReportLine],
    lead_officer: str = "",
    recommendations: str = "",
) -> Checklist:
    """The checklist of a draft report's `lines`; `owned` holds the indicators whose commentary
    names a responsible officer, `exceptions` the report's exceptions in the report's order;
    `lead_officer` and `recommendations` are the front sheet's."""
    items = front_sheet_items(lead_officer=lead_officer, recommendations=recommendations)
    items += [item for line in lines for item in items_for(line, has_owner=line.indicator_id in owned)]
    periods = Counter(line.latest.period.label for line in lines if line.latest)
    frozen = Frozen(
        committee=committee,
        meeting_date=meeting_date,
        as_at=as_at,
        indicators=len(lines),
        restricted=sum(line.is_restricted for line in lines),
        periods=periods.most_common(),
        exceptions=[f"{line.reference}: {line.title}" for line in exceptions],
        corrections=sum(len(line.corrections) for line in lines),
    )
    drawn = {
        "items": [item.to_json() for item in items],
        "frozen": {**frozen.__dict__, "meeting_date": str(meeting_date), "as_at": str(as_at)},
        "indicators": [line.indicator_id for line in lines],
    }
    digest = hashlib.sha256(json.dumps(drawn, sort_keys=True, default=str).encode()).hexdigest()[:20]
    return Checklist(items, frozen, digest)


def visible_items(items: list[dict], *, reader: Reader) -> tuple[list[dict], int]:
    """Recorded items a reader may see, and how many about restricted indicators are left out."""
    if reader.sees_restricted:
        return items, 0
    shown = [item for item in items if not item.get("is_restricted")]
    return shown, len(items) - len(shown)
