"""The index's rows, drawn once and kept beside their lines (indicators/kept_rows.py): every reader
is shown from a kept row what drawing it afresh shows them, and never a row drawn for another."""

from datetime import date

import pytest

from indicators import kept_rows
from indicators.index_cache import data_stamp
from indicators.kept_lines import line_facts, lines_for
from indicators.kept_rows import index_rows
from indicators.models import Indicator, KeptLine, LineView, Outturn
from indicators.reader import Reader
from indicators.tables import hidden_columns, period_headings
from tests.indicators.test_kept_lines import A_MEMBER, AN_OFFICER, AS_AT, READERS, suite, suite_for

__all__ = ["suite"]  # the fixture, shared with the kept lines' tests

EVERY_READER = {
    **READERS,
    # Beside "an officer who sees figures as members do": the same view and indicators, but masked.
    "a member who sees restricted indicators": Reader(sees_restricted=True, sees_provisional=False),
}


def rows_for(reader) -> dict[int, str]:
    """The index's rows for this reader, as at the date it opens at, as the index view reads them."""
    indicators = Indicator.objects.filter(pk__in=[i.pk for i in suite_for(reader)]).order_by("pk")
    facts = line_facts(indicators, reader=reader, as_at=AS_AT, opens_at=AS_AT)
    headings = period_headings([fact.period_run for fact in facts], as_at=AS_AT)
    return index_rows(
        facts,
        reader=reader,
        as_at=AS_AT,
        opens_at=AS_AT,
        headings=headings,
        hidden=hidden_columns(headings),
        among=indicators.values("pk"),
    )


def drawn_afresh(reader, settings) -> dict[int, str]:
    settings.INDEX_CACHE = False  # every row drawn, none kept or read
    try:
        return rows_for(reader)
    finally:
        settings.INDEX_CACHE = True


@pytest.fixture
def no_drawing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a row was drawn, not read from those kept")

    return lambda: monkeypatch.setattr(kept_rows, "draw_rows", refuse)


def test_every_reader_is_shown_from_kept_rows_what_drawing_them_afresh_shows(suite, settings, no_drawing):
    # Each reader's rows kept in turn, so a row kept for one is there when the next reads.
    afresh = {name: drawn_afresh(reader, settings) for name, reader in EVERY_READER.items()}
    for reader in EVERY_READER.values():
        rows_for(reader)
    no_drawing()
    for name, reader in EVERY_READER.items():
        assert rows_for(reader) == afresh[name], name
    [small] = Indicator.objects.filter(title="Children missing education")
    assert ">3<" not in rows_for(A_MEMBER)[small.pk]
    assert "[c]" in rows_for(A_MEMBER)[small.pk]


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_lines_facts_read_from_the_kept_line_are_those_of_the_line(suite, reader):
    indicators = Indicator.objects.filter(pk__in=[i.pk for i in suite_for(reader)]).order_by("pk")
    lines = lines_for(indicators, reader=reader, as_at=AS_AT, opens_at=AS_AT)
    facts = line_facts(indicators, reader=reader, as_at=AS_AT, opens_at=AS_AT)
    assert list(map(_facts, facts)) == list(map(_facts, lines))


def _facts(line) -> tuple:
    return (
        line.indicator_id,
        line.reference,
        line.title,
        line.service_area,
        line.display_order,
        line.rating,
        line.direction,
        line.period_run,
    )


def test_keeping_a_row_leaves_the_data_stamp_as_it_was(suite):
    rows_for(A_MEMBER)
    stamp = data_stamp()
    KeptLine.objects.update(drawn=None)
    rows_for(A_MEMBER)
    assert data_stamp() == stamp
    assert KeptLine.objects.filter(view=LineView.HELD, drawn__isnull=False).exists()


def test_a_changed_figure_is_in_the_row_drawn_next(suite, no_drawing):
    [referrals] = Indicator.objects.filter(title="Referrals")
    assert ">320<" in rows_for(AN_OFFICER)[referrals.pk]
    Outturn.objects.filter(indicator=referrals, period__start=date(2019, 7, 1)).update(value=999)
    row = rows_for(AN_OFFICER)[referrals.pk]
    assert ">999<" in row
    assert ">320<" not in row


def test_rows_of_an_earlier_generation_are_never_read_and_are_dropped_when_rows_are_next_kept(
    suite, monkeypatch
):
    rows_for(A_MEMBER)
    stamp = kept_rows.data_stamp
    monkeypatch.setattr(kept_rows, "data_stamp", lambda: f"{stamp()}, a report published since")
    drawn = []
    draw = kept_rows.draw_rows
    monkeypatch.setattr(kept_rows, "draw_rows", lambda lines, **kw: drawn.extend(lines) or draw(lines, **kw))
    rows_for(A_MEMBER)
    assert len(drawn) == len(suite_for(A_MEMBER))
    assert all(len(kept.drawn) == 1 for kept in KeptLine.objects.filter(view=LineView.HELD))
