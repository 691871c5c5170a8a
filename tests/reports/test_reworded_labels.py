"""Rewording a label changes no more than the words: a report withholds the same cells whatever
its periods and polarities are called, frozen before the rewording or drawn after it."""

from datetime import date

import pytest

from indicators.columns import COLUMNS
from indicators.reader import Reader
from indicators.rules.periods import Period
from indicators.rules.terms import Polarity
from reports.selectors import report_for
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    """A rated indicator whose latest figure is a small number, and a contextual one whose is."""
    placed = factories.indicator(reference="22", title="Children placed far away", polarity="lower")
    factories.target(placed, 2019, value=10, tolerance=2)
    factories.outturn(placed, date(2019, 4, 1), numerator=8, denominator=40)
    factories.outturn(placed, date(2019, 7, 1), numerator=3, denominator=40)
    missing = factories.indicator(
        reference="31", title="Children missing", unit="count", polarity="none", is_target_measure=False
    )
    factories.outturn(missing, date(2019, 4, 1), 12)
    factories.outturn(missing, date(2019, 7, 1), 2)
    return reports.committee([placed, missing])


def withheld(meeting) -> dict:
    """What a reader without permission sees withheld, and the rating and direction they see."""
    return {
        line.reference: (
            line.rating,
            line.direction,
            line.movement,
            [column.cell(line).withheld for column in COLUMNS.values()],
        )
        for line in report_for(meeting, reader=Reader.PUBLIC).lines
    }


def reword(monkeypatch):
    monkeypatch.setattr(Polarity.NONE, "label", "Neither higher nor lower is better")
    monkeypatch.setattr(Period, "label", property(lambda period: f"Period from {period.start:%d/%m/%Y}"))


def test_a_published_report_withholds_the_same_cells_after_its_labels_are_reworded(panel, bob, monkeypatch):
    meeting = publish_meeting(meeting=reports.meeting(panel), user=bob)
    before = withheld(meeting)
    assert any(reason for *_, reasons in before.values() for reason in reasons), "something is withheld"

    reword(monkeypatch)

    assert withheld(meeting) == before
    lines = report_for(meeting, reader=Reader.PUBLIC).lines
    [contextual] = [line for line in lines if line.reference == "31"]
    assert contextual.polarity.label == "Neither higher nor lower is better"


def test_a_draft_withholds_the_same_cells_whatever_its_labels_say(panel, monkeypatch):
    meeting = reports.meeting(panel)
    before = withheld(meeting)

    reword(monkeypatch)

    assert withheld(meeting) == before
