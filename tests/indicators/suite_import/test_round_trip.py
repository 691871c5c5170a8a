"""A council's workbook in the seeds' layout, built from the demo's own figures, imported into an
empty portal gives the same index as the demo for every period."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from demo.council import build_demo_council
from indicators.models import Indicator, Outturn, ReportingPeriod, Target
from indicators.rules.terms import OutturnStatus
from indicators.selectors import assessments_as_at
from indicators.suite_import.reader import read_index_workbook
from indicators.suite_import.services import import_index, plan_import
from indicators.suite_import.template import index_workbook
from tests.factories import administrator

pytestmark = pytest.mark.django_db


class Discard(Exception):
    """Rolls the demo back once its workbook and its index are read."""


def kept(value):
    """A figure as the database keeps it, to four decimal places (SQLite keeps what the demo's
    generator wrote, unrounded, where PostgreSQL rounds it)."""
    return value.quantize(Decimal("0.0001")) if value is not None else None


def index_by_period() -> dict[date, list[tuple]]:
    """What the index shows at every quarter's end: each indicator's latest figure, its period,
    rating and direction, and the figures in its columns."""
    ends = sorted(set(ReportingPeriod.objects.filter(kind="quarter").values_list("end", flat=True)))
    indicators = list(Indicator.objects.order_by("reference"))
    shown = {}
    for as_at in ends:
        shown[as_at] = [
            (
                line.indicator.reference,
                kept(line.latest.value) if line.latest else None,
                line.latest.period.label if line.latest else None,
                str(line.rating),
                str(line.direction),
                [kept(figure.value) if figure else None for figure in line.figures],
            )
            for line in assessments_as_at(indicators, as_at=as_at, withhold_small_numbers=False)
        ]
    return shown


def figures() -> set[tuple]:
    return {
        (
            o.indicator.reference,
            o.period.kind,
            o.period.basis,
            o.period.start,
            o.value,
            o.numerator,
            o.denominator,
            o.status,
        )
        for o in Outturn.objects.select_related("indicator", "period")
    }


def targets() -> set[tuple]:
    return {
        (
            t.indicator.reference,
            t.year,
            t.value,
            t.tolerance,
            t.range_lower,
            t.range_upper,
            t.tolerance_kind,
            t.kind,
        )
        for t in Target.objects.select_related("indicator")
    }


def details() -> set[tuple]:
    """Each indicator's report card records."""
    return set(Indicator.objects.values_list("reference", "lead_officer", "data_owner", "success_looks_like"))


@pytest.fixture(scope="module")
def demo_workbook(django_db_setup, django_db_blocker):
    """The demo's workbook and what its index, figures and targets are, on a database left empty."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                build_demo_council()
                held = (index_workbook(), index_by_period(), figures(), targets(), details())
                raise Discard
        except Discard:
            pass
    return held


def test_the_demo_workbook_imported_into_an_empty_portal_gives_the_same_index(demo_workbook):
    data, index, demo_figures, demo_targets, demo_details = demo_workbook
    assert not Indicator.objects.exists()
    import_index(read_index_workbook(data), user=administrator(), file_name="demo-index.xlsx")
    assert figures() == demo_figures
    assert targets() == demo_targets
    assert details() == demo_details
    imported = index_by_period()
    assert imported.keys() == index.keys()
    for as_at in index:
        assert imported[as_at] == index[as_at], as_at


def test_a_second_upload_of_the_same_workbook_changes_nothing(demo_workbook):
    data = demo_workbook[0]
    charlie = administrator()
    import_index(read_index_workbook(data), user=charlie, file_name="demo-index.xlsx")
    plan = plan_import(read_index_workbook(data))
    assert not plan.changes_anything
    assert plan.unchanged_figures == len(demo_workbook[2])


def test_a_changed_published_figure_becomes_a_provisional_correction(demo_workbook):
    from io import BytesIO

    from openpyxl import load_workbook

    charlie = administrator()
    import_index(read_index_workbook(demo_workbook[0]), user=charlie, file_name="demo-index.xlsx")
    published = (
        Outturn.objects.filter(indicator__reference="2", value__isnull=False).order_by("period__start").last()
    )
    published.first_published_at = published.updated_at
    published.save()
    published.refresh_from_db()
    as_published = (published.value, published.status)

    book = load_workbook(BytesIO(demo_workbook[0]))
    sheet = book["Index"]
    headings = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "2")
    row[headings.index(published.period.label)].value = 50
    numerators = book["Numerators"]
    part_headings = [cell.value for cell in numerators[1]]
    numerator_row = next(r for r in numerators.iter_rows(min_row=2) if r[0].value == "2")
    numerator_row[part_headings.index(published.period.label)].value = published.denominator / 2
    edited = BytesIO()
    book.save(edited)

    plan = import_index(read_index_workbook(edited.getvalue()), user=charlie, file_name="corrected.xlsx")
    assert plan.corrections == [f"2 {published.period.label}"]
    assert plan.changed_figures == 0
    published.refresh_from_db()
    assert published.value == 50
    assert published.status == OutturnStatus.PROVISIONAL
    assert (published.held_value, published.held_status) == as_published, "members see it until validated"
    correction = published.corrections.get()
    assert correction.reason == "Corrected by the index workbook corrected.xlsx"
