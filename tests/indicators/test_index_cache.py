"""The index's drawn body is kept in the shared cache, and never outlives the figures it shows.

However a figure, target or comparator changes (a form's save, `.update()`, `bulk_create`, a raw
delete, plain SQL, a correction, a DfE import), the next view of the index shows the new one.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from indicators import index_cache
from indicators.dfe.services import import_dfe_file
from indicators.index_cache import data_stamp
from indicators.models import (
    Comparator,
    DfeMapping,
    Indicator,
    Outturn,
    ReportingPeriod,
    ServiceArea,
    Target,
)
from indicators.rules.periods import quarter_of
from indicators.services import correct_outturn, period_for
from tests import factories
from tests.indicators import dfe_oracle as oracle
from tests.test_one_line import row_text, words

pytestmark = pytest.mark.django_db

JULY = date(2019, 7, 1)


@pytest.fixture
def assessments():
    """An indicator with a figure of 90% against a target of 80%, viewed once so its body is kept."""
    indicator = factories.indicator(reference="7", title="Assessments on time")
    factories.target(indicator, 2019, value=80, tolerance=5)
    factories.outturn(indicator, JULY, 90)
    return indicator


def index_row(client, reference: str) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return row_text(response.content.decode(), reference)


def viewed(client, user, reference="7") -> str:
    client.force_login(user)
    return index_row(client, reference)


def test_a_second_view_is_drawn_from_the_cache_with_fewer_queries(client, alice, assessments):
    client.force_login(alice)
    with CaptureQueriesContext(connection) as drawn:
        first = client.get("/").content.decode()
    with CaptureQueriesContext(connection) as kept:
        second = client.get("/").content.decode()
    assert row_text(second, "7") == row_text(first, "7")
    assert len(kept) < len(drawn) - 3


def _save(outturn):
    outturn.value = Decimal(61)
    outturn.save()


def _update(outturn):
    Outturn.objects.filter(pk=outturn.pk).update(value=Decimal(61))


def _raw_sql(outturn):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE indicators_outturn SET value = %s WHERE id = %s", [61, outturn.pk])


def _correction(outturn):
    correct_outturn(
        outturn=outturn,
        value=Decimal(61),
        status="validated",
        reason="Recounted from the case records",
        user=factories.performance_officer("dave"),
    )


@pytest.mark.parametrize("change", [_save, _update, _raw_sql, _correction], ids=lambda f: f.__name__[1:])
def test_a_changed_figure_shows_on_the_next_view(client, alice, assessments, change):
    assert "90%" in viewed(client, alice)
    change(Outturn.objects.get(indicator=assessments))
    row = index_row(client, "7")
    assert "61%" in row
    assert "90%" not in row


def test_a_figure_added_in_bulk_shows_on_the_next_view(client, alice, assessments):
    """As an import of many figures adds them: `bulk_create` sends no signal."""
    viewed(client, alice)
    previous = period_for(quarter_of(date(2019, 4, 1)))
    Outturn.objects.bulk_create(
        [Outturn(indicator=assessments, period=previous, value=Decimal(70), status="validated")]
    )
    assert "70%" in index_row(client, "7")


def test_a_figure_deleted_without_signals_leaves_the_next_view(client, alice, assessments):
    assert "90%" in viewed(client, alice)
    Outturn.objects.filter(indicator=assessments)._raw_delete(connection.alias)
    response = client.get("/")
    assert "90%" not in response.content.decode()


def test_a_changed_target_shows_on_the_next_view(client, alice, assessments):
    assert "80%" in viewed(client, alice)
    Target.objects.filter(indicator=assessments).update(value=Decimal(95))
    row = index_row(client, "7")
    assert "95%" in row
    assert "Red" in row


def test_a_deleted_target_shows_on_the_next_view(client, alice, assessments):
    viewed(client, alice)
    Target.objects.get(indicator=assessments).delete()
    assert "No target" in index_row(client, "7")


def test_a_renamed_indicator_and_service_area_show_on_the_next_view(client, alice, assessments):
    viewed(client, alice)
    Indicator.objects.filter(pk=assessments.pk).update(title="Assessments within 45 days")
    ServiceArea.objects.update(name="Children's Social Care")
    page = client.get("/").content.decode()
    assert "Assessments within 45 days" in row_text(page, "7")
    assert "Children&#39;s Social Care" in page or "Children's Social Care" in words(page)


def test_a_comparator_added_shows_on_the_next_view(client, alice, assessments):
    viewed(client, alice)
    factories.comparator(assessments, 2019, "england", 77.5, year_label="2019/20")
    assert "77.5%" in index_row(client, "7") or "78%" in index_row(client, "7")


def test_a_dfe_import_shows_its_comparators_on_the_next_view(client, alice):
    indicator = factories.indicator(
        reference="AG", title="Agency social workers", polarity="lower", decimal_places=1
    )
    factories.outturn(indicator, date(2025, 1, 1), 14)
    mapping = DfeMapping.objects.create(
        indicator=indicator,
        publication="DfE: Children's social work workforce",
        filters={},
        value_column="agency_rate_fte",
    )
    before = viewed(client, alice, "AG")
    import_dfe_file(
        oracle.path(oracle.CSWW).read_bytes(), file_name=oracle.CSWW, mappings=[mapping], la_code="315"
    )
    england = Comparator.objects.filter(indicator=indicator, kind="england").order_by("-year").first()
    assert england is not None
    after = index_row(client, "AG")
    assert after != before
    assert indicator.format(england.value) in after


@pytest.mark.parametrize("model", [ServiceArea, Indicator, ReportingPeriod, Target, Outturn, Comparator])
def test_every_table_the_index_reads_changes_the_stamp(assessments, model):
    factories.comparator(assessments, 2019, "england", 77.5)
    before = data_stamp()
    assert before
    model.objects.filter(pk=model.objects.first().pk).update(id=F("id"))
    assert data_stamp() != before


def test_a_restricted_readers_body_never_reaches_a_member_or_the_public(client, alice, bob, public_access):
    factories.indicator(reference="P2", title="Children missing from care", is_restricted=True)
    small = factories.indicator(reference="S", title="Children placed far from home")
    factories.outturn(small, JULY, 40, numerator=2, denominator=5)
    factories.outturn(Indicator.objects.get(reference="P2"), JULY, 50)
    client.force_login(bob)
    officer_page = client.get("/").content.decode()
    assert "Children missing from care" in officer_page
    assert "40%" in row_text(officer_page, "S")

    client.force_login(alice)
    member_page = client.get("/").content.decode()
    assert "Children missing from care" not in member_page
    assert "40%" not in row_text(member_page, "S")
    assert "[c]" in row_text(member_page, "S")

    client.logout()
    public_page = client.get("/").content.decode()
    assert "Children missing from care" not in public_page
    assert "40%" not in row_text(public_page, "S")


def test_an_officers_provisional_figure_never_reaches_a_member(client, alice, bob, assessments):
    factories.outturn(assessments, date(2019, 10, 1), 66, status="provisional")
    assert "66%" in viewed(client, bob)
    assert "66%" not in viewed(client, alice)


def test_a_filtered_or_sorted_index_is_kept_apart_from_the_whole_one(client, alice, assessments):
    other = factories.indicator(reference="8", title="Reviews on time")
    factories.target(other, 2019, value=80, tolerance=5)
    factories.outturn(other, JULY, 50)
    client.force_login(alice)
    assert 'data-reference="8"' in client.get("/").content.decode()
    red = client.get("/?rating=red").content.decode()
    assert 'data-reference="8"' in red
    assert 'data-reference="7"' not in red
    green = client.get("/?rating=green").content.decode()
    assert 'data-reference="7"' in green
    assert 'data-reference="8"' not in green


def test_the_page_around_the_kept_body_is_the_readers_own(client, alice, bob, assessments):
    viewed(client, bob)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "alice" in page
    assert "bob" not in page


def test_the_index_is_drawn_when_the_cache_does_not_answer(client, alice, assessments, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    client.force_login(alice)
    response = client.get("/", follow=False)
    assert response.status_code == 200
    assert "90%" in row_text(response.content.decode(), "7")


def test_the_index_keeps_nothing_when_its_cache_is_turned_off(client, alice, assessments, settings):
    settings.INDEX_CACHE = False
    client.force_login(alice)
    client.get("/")  # keeps the suite's lines (indicators/kept_lines.py)
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) == len(first)
    assert not any("indicators_datastamp" in query["sql"] for query in second.captured_queries)


@pytest.mark.parametrize("changed", ["template", "lock file", "Python of any app"])
def test_a_changed_template_or_locked_dependency_is_never_served_from_an_old_body(
    tmp_path, monkeypatch, changed
):
    """Each worker digests the code once when it starts; a release that changes a template, the
    Python of any of the portal's apps (the words of a row's commentary fold are the reports app's)
    or a locked library starts new workers, whose keys are new."""
    templates, lock, package = tmp_path / "templates", tmp_path / "main.txt", tmp_path / "reports"
    templates.mkdir()
    package.mkdir()
    (templates / "row.html").write_text("<td>{{ figure }}</td>")
    (package / "index_notes.py").write_text('SUMMARY = "Management commentary"\n')
    lock.write_text("django==6.1.0 --hash=sha256:aa\n")
    monkeypatch.setattr(index_cache, "TEMPLATES", templates)
    monkeypatch.setattr(index_cache, "LOCKED", lock)
    monkeypatch.setattr(index_cache, "product_packages", lambda: [package])
    index_cache.code_version.cache_clear()
    before = index_cache.code_version()
    if changed == "template":
        (templates / "row.html").write_text("<td class='kpi-figure'>{{ figure }}</td>")
    elif changed == "lock file":
        lock.write_text("django==6.1.1 --hash=sha256:bb\n")
    else:
        (package / "index_notes.py").write_text('SUMMARY = "Commentary from the service"\n')
    index_cache.code_version.cache_clear()
    try:
        assert index_cache.code_version() != before
    finally:
        index_cache.code_version.cache_clear()


def test_the_code_digested_is_every_app_of_the_portal_and_its_settings():
    names = {package.name for package in index_cache.product_packages()}
    assert {"kpi_portal", "indicators", "reports", "breakdowns", "reminders", "accounts"} <= names
    assert not any(".venv" in str(package) for package in index_cache.product_packages())
