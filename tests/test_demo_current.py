"""`make run` shows a demo that looks current (`load_demo --current`): figures to the latest month
already due, the seeds' figures where the seeds put them, the last meeting's report published and
the next one's in draft, and only a handful of figures due soon, none overdue."""

from datetime import date

import pytest
from django.conf import settings

from demo.committee import build_demo_committee
from demo.council import build_demo_council, current_as_at
from demo.localities import build_demo_localities
from indicators.models import Indicator, Outturn
from indicators.rules.due import due_date
from indicators.rules.periods import Period, PeriodKind, YearBasis
from reports.models import Meeting

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


@pytest.fixture
def current_demo():
    build_demo_council(as_at=current_as_at(TODAY))
    build_demo_localities()
    build_demo_committee(today=TODAY)


@pytest.mark.parametrize(
    ("today", "as_at"),
    [
        (date(2026, 12, 6), date(2026, 10, 31)),  # November's figures are due on 21 December
        (date(2026, 12, 22), date(2026, 11, 30)),
        (date(2027, 1, 2), date(2026, 11, 30)),
    ],
)
def test_figures_run_to_the_latest_month_already_due(today, as_at):
    assert current_as_at(today) == as_at


def test_the_demo_runs_to_the_latest_figures_due_and_keeps_the_seeds_figures(current_demo):
    def latest(reference):
        return (
            Outturn.objects.filter(indicator__reference=reference).order_by("period__end").last().period.label
        )

    assert latest("13") == "Oct 2026"  # monthly
    assert latest("2") == "Q2 2026/27"  # quarterly
    quoted = Outturn.objects.get(indicator__reference="2", period__label="Q2 2019/20")
    assert quoted.value == 71


def test_the_last_meeting_is_published_and_the_next_is_a_draft(current_demo):
    meetings = list(Meeting.objects.order_by("date"))
    last, draft = meetings[-2], meetings[-1]
    assert (last.date, last.as_at, last.is_published) == (date(2026, 11, 4), date(2026, 9, 30), True)
    assert (draft.as_at, draft.is_published) == (date(2026, 12, 31), False)
    assert draft.date > TODAY
    assert [m.date for m in meetings[:2]] == [date(2019, 11, 6), date(2020, 11, 4)]  # the seeds' reports


def test_a_handful_of_figures_are_due_soon_and_none_overdue(current_demo):
    overdue, due_soon = [], []
    for indicator in Indicator.objects.filter(retired_on__isnull=True):
        figures = Outturn.objects.filter(indicator=indicator).order_by("period__end")
        if not figures.exists():
            continue
        stored = figures.last().period
        basis = YearBasis(stored.basis)
        following = Period(stored.start, PeriodKind(stored.kind), basis).shifted(1)
        if following.end >= TODAY:
            continue  # not ended yet
        due = due_date(
            following,
            working_days=indicator.due_working_days or settings.ENTRY_DUE_WORKING_DAYS,
            holidays=settings.ENTRY_BANK_HOLIDAYS,
        )
        (overdue if due < TODAY else due_soon).append(f"{indicator.reference} {following.label}")
    assert overdue == []
    assert 0 < len(due_soon) <= 15
