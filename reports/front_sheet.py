"""The report's front sheet, as councils open a committee report: title, committee, date, wards,
lead officer, lead member, contact officer, recommendations and its Part 1 / Part 2 marking; and
the summary's counts beside the previous meeting's.

The meeting's own records (title, lead officer, recommendations) cannot change once it is
published. The committee's (lead member, wards, contact officer) can, so publishing copies them
onto the meeting (`Meeting.front_sheet`) with the previous report's counts, and a published report
reads them from there: it shows what it showed the day it was published.

Part 1 and Part 2, as the seed reports use them: the report itself is Part 1, open to the public;
what holds exempt information (restricted indicators, small numbers that could identify a child)
is Part 2. So the version of the report a reader without permission sees is Part 1, and the version
with restricted indicators and small numbers, for those permitted to see them, is Part 2.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from indicators.reader import Reader
from indicators.rules.terms import Rating
from indicators.summary import RATINGS_SHOWN

PART_1 = "Part 1: open to the public"
PART_2 = "Part 2: exempt, not for publication"
PART_2_REASON = (
    "It includes restricted indicators and small numbers that could identify a child "
    "(Local Government Act 1972, Schedule 12A, paragraphs 1 and 2)."
)
MEETING_RECORDS = ("report_title", "lead_officer_name", "lead_officer_role", "recommendations")
COMMITTEE_RECORDS = ("lead_member", "wards", "contact_name", "contact_role", "contact_email", "contact_phone")


def committee_records(committee) -> dict:
    """The committee's standing records as the front sheet reads them, and as publishing keeps them."""
    return {name: getattr(committee, name) for name in COMMITTEE_RECORDS}


def counts_by_rating(ratings) -> dict[str, int]:
    """How many indicators are rated each way, by the rating's value."""
    counted = Counter(Rating(rating).value for rating in ratings)
    return {rating.value: counted[rating.value] for rating in RATINGS_SHOWN}


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    count: int
    previous: int | None
    """The previous report's count, None when there was no previous report."""


@dataclass(frozen=True)
class FrontSheet:
    title: str
    committee: str
    meeting_date: date
    wards: str
    lead_officer: str
    lead_member: str
    contact: str
    contact_email: str
    contact_phone: str
    recommendations: list[str] = field(default_factory=list)
    is_part_2: bool = False

    @property
    def marking(self) -> str:
        return PART_2 if self.is_part_2 else PART_1

    @property
    def marking_reason(self) -> str:
        return PART_2_REASON if self.is_part_2 else ""

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The front sheet's facts in the order councils print them; "Not recorded" where missing."""
        return [
            ("Committee", self.committee),
            ("Date of meeting", self.meeting_date.strftime("%A %-d %B %Y")),
            ("Wards affected", self.wards or "Not recorded"),
            ("Lead officer", self.lead_officer or "Not recorded"),
            ("Lead member", self.lead_member or "Not recorded"),
            ("Contact officer", self.contact or "Not recorded"),
            ("Email", self.contact_email or "Not recorded"),
            ("Telephone", self.contact_phone or "Not recorded"),
        ]


def default_title(meeting_date: date) -> str:
    return f"Performance report for {meeting_date:%-d %B %Y}"


def recommendations_of(text: str) -> list[str]:
    """One recommendation a line, blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def named(name: str, role: str) -> str:
    """ "A. Name, Head of Service"; either alone when the other is not recorded."""
    return ", ".join(part for part in (name.strip(), role.strip()) if part)


def front_sheet_for(meeting, *, reader: Reader) -> FrontSheet:
    """The meeting's front sheet: the committee's records as published, or as they stand for a draft;
    Part 2 when this reader's version holds restricted indicators or small numbers."""
    records = meeting.front_sheet.get("committee") if meeting.is_published else None
    records = records or committee_records(meeting.committee)
    return FrontSheet(
        title=meeting.report_title or default_title(meeting.date),
        committee=meeting.committee.name,
        meeting_date=meeting.date,
        wards=records["wards"],
        lead_officer=named(meeting.lead_officer_name, meeting.lead_officer_role),
        lead_member=records["lead_member"],
        contact=named(records["contact_name"], records["contact_role"]),
        contact_email=records["contact_email"],
        contact_phone=records["contact_phone"],
        recommendations=recommendations_of(meeting.recommendations),
        is_part_2=reader.sees_small_numbers,
    )


def summary_rows(ratings, previous: dict[str, int] | None) -> list[SummaryRow]:
    """This report's counts by rating with the previous report's beside them, and their totals."""
    counts = counts_by_rating(ratings)
    rows = [
        SummaryRow(
            rating.value,
            rating.label,
            counts[rating.value],
            previous.get(rating.value, 0) if previous is not None else None,
        )
        for rating in RATINGS_SHOWN
    ]
    total_previous = sum(previous.values()) if previous is not None else None
    return [*rows, SummaryRow("total", "Total", sum(counts.values()), total_previous)]
