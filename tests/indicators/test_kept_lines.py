"""Each indicator's line, kept when its figures change (indicators/kept_lines.py): what every reader
is shown from a kept line is what assessing it afresh for them shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators import kept_lines, variation_summary
from indicators.index_rows import LIVE_COLUMNS
from indicators.kept_lines import exception_candidates, lines_for, open_data_lines
from indicators.lines import exception_facts, is_masked_for, line_from_assessment
from indicators.models import Indicator, KeptLine, LineView, Outturn
from indicators.opendata import line_from_assessment as open_data_line_from_assessment
from indicators.reader import Reader
from indicators.rules.exceptions import ExceptionCriteria, exception_reasons
from indicators.selectors import assessments_for, latest_as_at
from indicators.services import correct_outturn
from tests import factories

AS_AT = date(2019, 9, 30)
QUARTERS = (date(2018, 7, 1), date(2018, 10, 1), date(2019, 1, 1), date(2019, 4, 1), date(2019, 7, 1))
A_MEMBER = Reader(sees_provisional=False)
AN_OFFICER = Reader(sees_restricted=True, sees_small_numbers=True, sees_provisional=True)
READERS = {
    "an officer": AN_OFFICER,
    "a member": A_MEMBER,
    "a member who sees provisional figures": Reader(sees_provisional=True),
    "an officer who sees figures as members do": Reader(sees_restricted=True, sees_small_numbers=True),
    "the public": Reader.PUBLIC,
}


@pytest.fixture
def suite(db, bob) -> list[Indicator]:
    """Indicators whose lines withhold something, or nothing, from a reader without permission."""
    small = factories.indicator(unit="count", polarity="lower", title="Children missing education")
    plain = factories.indicator(title="Assessments on time")
    restricted = factories.indicator(title="Part 2", is_restricted=True)
    no_polarity = factories.indicator(
        title="Referrals", unit="count", polarity="none", is_target_measure=False
    )
    year_to_date = factories.indicator(unit="count", title="Adoptions so far", measure_basis="ytd")
    ranged = factories.indicator(title="Caseloads", polarity="range")
    for n, quarter in enumerate(QUARTERS):
        factories.outturn(small, quarter, (12, 9, 14, 8, 3)[n])
        factories.outturn(plain, quarter, 70 + n * 4, numerator=70 + n * 4, denominator=100)
        factories.outturn(restricted, quarter, 60 + n, numerator=60 + n, denominator=100)
        factories.outturn(no_polarity, quarter, 200 + 30 * n)
        factories.outturn(year_to_date, quarter, (10, 20, 30, 8, 11)[n])
        factories.outturn(ranged, quarter, 15 + n, numerator=15 + n, denominator=100)
    provisional = factories.outturn(plain, date(2019, 10, 1), 91, numerator=91, denominator=100)
    Outturn.objects.filter(pk=provisional.pk).update(status="provisional")
    for indicator in (plain, restricted, small):
        factories.target(indicator, 2019, value=80)
    factories.target(ranged, 2019, lower=12, upper=20)
    factories.comparator(plain, 2018, "england", 77, year_label="2018 to 2019")
    factories.comparator(plain, 2018, "neighbours", 75, rank=3, ranked=10, neighbours_used=10)
    latest = Outturn.objects.get(indicator=plain, period__start=date(2019, 7, 1))
    correct_outturn(outturn=latest, value=Decimal(88), status="validated", reason="Recounted", user=bob)
    return [small, plain, restricted, no_polarity, year_to_date, ranged]


def suite_for(reader: Reader, as_at: date = AS_AT) -> list[Indicator]:
    indicators = Indicator.objects.select_related("service_area", "variation_summary").order_by("pk")
    return [i for i in indicators if reader.sees_restricted or not i.is_restricted]


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_every_reader_is_shown_from_a_kept_line_what_assessing_it_afresh_shows(suite, reader):
    for as_at in (AS_AT, date(2019, 12, 31)):
        indicators = suite_for(reader)
        afresh = [
            line_from_assessment(assessment, reader=reader)
            for assessment in assessments_for(indicators, reader=reader, as_at=as_at)
        ]
        kept = lines_for(indicators, reader=reader, as_at=as_at, opens_at=as_at)
        view = kept_lines.view_of(reader)
        assert KeptLine.objects.filter(view=view, as_at=as_at).count() == len(indicators)
        # Read again from the lines kept, not worked out.
        again = lines_for(indicators, reader=reader, as_at=as_at, opens_at=as_at)
        assert again == kept
        assert [shown(line) for line in kept] == [shown(line) for line in afresh]
        if not reader.sees_small_numbers:
            assert kept == afresh


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_every_reader_downloads_from_a_kept_line_the_open_data_that_assessing_it_afresh_gives(suite, reader):
    """Every figure with its numerator and denominator, the target's numbers, the comparators, the
    rating and direction, and what is withheld: the same from the kept line as assessed afresh."""
    indicators = suite_for(reader)
    afresh = [
        open_data_line_from_assessment(assessment, reader=reader)
        for assessment in assessments_for(indicators, reader=reader, as_at=AS_AT)
    ]
    kept = open_data_lines(indicators, reader=reader, as_at=AS_AT)
    assert kept == afresh
    assert any(figure.numerator is not None for line in kept for figure in line.figures)
    # Read again from the lines kept, not worked out.
    assert open_data_lines(indicators, reader=reader, as_at=AS_AT) == kept


def test_a_download_of_the_index_as_it_opens_assesses_nothing(suite, client, bob, monkeypatch):
    """The index's open data as at the date the index opens at is read from the kept lines; as at
    another date it is assessed for its reader."""
    client.force_login(bob)
    client.get("/open-data/performance-index.csv")
    assessed = []
    monkeypatch.setattr(
        "indicators.opendata_views.selectors.assessments_for",
        lambda *args, **kwargs: assessed.append(kwargs) or assessments_for(*args, **kwargs),
    )
    opening = client.get("/open-data/performance-index.csv").content.decode()
    assert "Assessments on time" in opening
    assert assessed == []
    earlier = client.get("/open-data/performance-index.csv?as_at=2019-06-30")
    assert earlier.status_code == 200
    assert len(assessed) == 1


CRITERIA = {
    "red or amber": ExceptionCriteria(red=True, amber=True),
    "red, or worsening for two periods": ExceptionCriteria(red=True, deteriorating_periods=2),
    "off target by 5% or more": ExceptionCriteria(off_target_percent=Decimal(5)),
    "worsening once": ExceptionCriteria(deteriorating_periods=1),
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_the_exceptions_page_assesses_only_the_indicators_whose_kept_lines_may_make_exceptions(suite, reader):
    """What the exceptions page narrows from the kept lines holds every exception that assessing
    the whole suite afresh finds: exactly those, for a reader who sees every figure; those, and the
    lines that withhold something, for a reader who sees them masked."""
    falling = factories.indicator(title="Visits on time")
    factories.target(falling, 2019, value=80)
    for n, quarter in enumerate(QUARTERS):
        factories.outturn(falling, quarter, 86 - n * 3, numerator=86 - n * 3, denominator=100)
    ids = [indicator.pk for indicator in suite_for(reader)]
    found = set()
    for criteria in CRITERIA.values():
        afresh = {
            assessment.indicator.pk
            for assessment in assessments_for(suite_for(reader), reader=reader, as_at=AS_AT)
            if exception_reasons(
                exception_facts(assessment, line_from_assessment(assessment, reader=reader)), criteria
            )
        }
        candidates = set(
            exception_candidates(
                Indicator.objects.filter(pk__in=ids),
                reader=reader,
                as_at=AS_AT,
                opens_at=AS_AT,
                criteria=criteria,
            ).values_list("pk", flat=True)
        )
        assert afresh <= candidates
        if is_masked_for(reader):
            kept = KeptLine.objects.filter(view=kept_lines.view_of(reader), indicator_id__in=ids)
            facts = kept.values_list("indicator_id", "facts")
            withholding = {pk for pk, values in facts if values["withholds"]}
            assert candidates - afresh <= withholding
        else:
            assert candidates == afresh
        found |= afresh
        # As at another date, nothing is narrowed: every indicator is assessed.
        everything = exception_candidates(
            Indicator.objects.filter(pk__in=ids),
            reader=reader,
            as_at=date(2019, 6, 30),
            opens_at=AS_AT,
            criteria=criteria,
        )
        assert set(everything.values_list("pk", flat=True)) == set(ids)
    assert found, "the suite raises no exception under any criteria: the test would prove nothing"


def shown(line) -> tuple:
    """Every cell of the index's row, and what the exceptions and the summary read of the line."""
    cells = tuple(cell(line) for _, _, _, cell in LIVE_COLUMNS)
    return (*cells, line.rating, line.direction, line.movement, line.commentary, line.is_masked)


def test_a_reader_without_permission_sees_no_small_number_from_a_kept_line(suite):
    [small] = [i for i in suite_for(Reader.PUBLIC) if i.title == "Children missing education"]
    officer, public = (
        lines_for([small], reader=reader, as_at=AS_AT, opens_at=AS_AT)[0]
        for reader in (AN_OFFICER, Reader.PUBLIC)
    )
    assert officer.latest.text == "3"
    assert public.latest.text == "[c]"
    assert public.latest.value is None
    assert public.rating_shown.withheld_label == "withheld: small number"


def test_a_kept_line_holds_values_not_words(suite):
    lines_for(suite_for(AN_OFFICER), reader=AN_OFFICER, as_at=AS_AT, opens_at=AS_AT)
    kept = KeptLine.objects.get(indicator__title="Assessments on time", view=LineView.PROVISIONAL)
    # What pages read of every line is kept apart from the rest of it (`KeptLine.facts`).
    assert (kept.facts["rating"], kept.facts["direction"], kept.facts["recent"]) == (
        "green",
        "improving",
        "improving,improving,improving",
    )
    kept = kept.line
    assert kept["movement"] == "up"
    assert (Decimal(kept["target"][0]), *kept["target"][1:]) == (80, None, None, "local")
    assert kept["figures"][-1][:3] == ["2019-07-01", "quarter", "financial"]
    assert (Decimal(kept["figures"][-1][3]), kept["figures"][-1][4]) == (88, "validated")


def test_a_kept_line_keeps_its_comparators_as_values_and_words_them_when_read(suite):
    [line] = lines_for(
        [i for i in suite if i.title == "Assessments on time"], reader=AN_OFFICER, as_at=AS_AT, opens_at=AS_AT
    )
    kept = KeptLine.objects.get(indicator__title="Assessments on time", view=LineView.PROVISIONAL).line
    neighbours = kept["comparators"]["neighbours"]
    assert Decimal(neighbours.pop("value")) == 75
    assert neighbours == {"reason": "", "year_label": "2018", "rank": 3, "ranked": 10, "neighbours_used": 10}
    shown = line.comparator_shown("neighbours")
    assert (shown.text, shown.note) == ("75%", "Rank 3 of 10 by the published figure, mean of 10, 2018")
    assert line.comparator_shown("england").words == "77% 2018 to 2019"


def test_an_index_as_at_another_date_is_assessed_afresh_and_keeps_nothing(suite):
    lines_for(suite_for(AN_OFFICER), reader=AN_OFFICER, as_at=date(2019, 6, 30), opens_at=AS_AT)
    assert not KeptLine.objects.exists()


def test_a_line_kept_on_an_earlier_day_is_worked_out_again(suite):
    indicators = suite_for(A_MEMBER)
    lines_for(indicators, reader=A_MEMBER, as_at=AS_AT, opens_at=AS_AT)
    yesterday = timezone.localdate() - timedelta(days=1)
    KeptLine.objects.update(assessed_on=yesterday, line={})
    lines = lines_for(indicators, reader=A_MEMBER, as_at=AS_AT, opens_at=AS_AT)
    assert {line.title: line.latest.text for line in lines}["Assessments on time"] == "88%"
    assert not KeptLine.objects.filter(assessed_on=yesterday).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda plain: Outturn.objects.filter(indicator=plain).update(commentary="Changed"),
        lambda plain: plain.targets.update(value=95),
        lambda plain: plain.comparators.all().delete(),
        lambda plain: Indicator.objects.filter(pk=plain.pk).update(decimal_places=1),
    ],
    ids=["figures", "targets", "comparators", "indicator"],
)
def test_a_change_however_made_forgets_the_lines_of_the_indicator_it_touches(suite, change):
    lines_for(suite_for(AN_OFFICER), reader=AN_OFFICER, as_at=AS_AT, opens_at=AS_AT)
    plain = next(indicator for indicator in suite if indicator.title == "Assessments on time")
    change(plain)
    assert not KeptLine.objects.filter(indicator=plain).exists()
    assert KeptLine.objects.count() == len(suite) - 1


def test_a_correction_keeps_the_lines_of_its_indicator_once_it_commits(
    suite, bob, django_capture_on_commit_callbacks
):
    plain = next(indicator for indicator in suite if indicator.title == "Assessments on time")
    latest = Outturn.objects.get(indicator=plain, period__start=date(2019, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        correct_outturn(outturn=latest, value=Decimal(93), status="validated", reason="Recounted", user=bob)
    held, provisional = (
        KeptLine.objects.get(indicator=plain, view=view) for view in (LineView.HELD, LineView.PROVISIONAL)
    )
    assert held.as_at == latest_as_at(reader=A_MEMBER)
    assert provisional.as_at == latest_as_at(reader=AN_OFFICER)
    assert Decimal(held.line["figures"][-1][3]) == 93
    assert Decimal(provisional.line["figures"][-2][3]) == 93  # before the provisional figure


def test_a_save_charts_each_indicator_once(suite, monkeypatch, django_capture_on_commit_callbacks):
    charted = []
    variations_for = variation_summary.variations_for

    def counted(indicators, **options):
        charted.extend(indicator.pk for indicator in indicators)
        return variations_for(indicators, **options)

    monkeypatch.setattr(variation_summary, "variations_for", counted)
    ids = [indicator.pk for indicator in suite]
    with django_capture_on_commit_callbacks(execute=True):
        variation_summary.refresh_variation_on_commit(ids[:3])
        variation_summary.refresh_variation_on_commit(ids[1:])
    assert sorted(charted) == sorted(ids)


def test_a_line_assessed_before_a_change_saved_meanwhile_is_not_kept(suite, monkeypatch):
    """A view assesses the lines it finds missing; a figure saved while it does so must not be
    overwritten by the line read before it."""
    plain = next(indicator for indicator in suite if indicator.title == "Assessments on time")
    assessed = kept_lines.selectors.assessments_for

    def then_saved_meanwhile(indicators, **options):
        assessments = assessed(indicators, **options)
        Outturn.objects.filter(indicator=plain, period__start=date(2019, 7, 1)).update(value=Decimal(55))
        return assessments

    monkeypatch.setattr(kept_lines.selectors, "assessments_for", then_saved_meanwhile)
    lines_for(suite_for(AN_OFFICER), reader=AN_OFFICER, as_at=AS_AT, opens_at=AS_AT)
    assert not KeptLine.objects.exists(), "nothing read before the change is kept"

    monkeypatch.setattr(kept_lines.selectors, "assessments_for", assessed)
    lines = lines_for(suite_for(A_MEMBER), reader=A_MEMBER, as_at=AS_AT, opens_at=AS_AT)
    assert {line.title: line.latest.text for line in lines}["Assessments on time"] == "55%"
    assert KeptLine.objects.filter(view=LineView.HELD).count() == len(suite_for(A_MEMBER))
