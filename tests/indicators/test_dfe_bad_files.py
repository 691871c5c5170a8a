"""A corpus of bad DfE files: each is refused with a message an officer can act on, nothing is written,
and the admin upload answers with the message, never an error page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.dfe.models import DfeMapping, DfeValue, NeighbourGroup
from indicators.dfe.services import import_dfe_file
from indicators.dfe.tidy import DfeFileError
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db
MERTON_2025 = "315,Merton,E09000024,Children looked after on 31 March each year,47199,145,31"


@pytest.fixture
def cla_text() -> str:
    text = oracle.path(oracle.CLA).read_text(encoding="utf-8-sig")
    assert MERTON_2025 in text
    return text


@pytest.fixture
def mapping():
    return DfeMapping.objects.create(
        indicator=factories.indicator(reference="17", unit="rate10k", polarity="lower", frequency="year"),
        publication="DfE: Children looked after in England",
        filters=oracle.CLA_FILTER,
        value_column="rate_per_10000",
    )


def assert_nothing_written():
    assert Comparator.objects.count() == 0
    assert Comparator.history.count() == 0
    assert DfeValue.objects.count() == 0
    assert NeighbourGroup.objects.count() == 0


def refused(content: str, mapping, match: str, *, file_name: str = "bad.csv") -> str:
    with pytest.raises(DfeFileError, match=match) as refusal:
        import_dfe_file(content.encode(), file_name=file_name, mappings=[mapping], la_code="315")
    assert_nothing_written()
    return str(refusal.value)


@pytest.mark.parametrize("huge", ["1e20", "100000000000", "-99999999999.5"])
def test_value_too_large_for_a_published_figure_is_refused(cla_text, mapping, huge):
    bad = cla_text.replace(MERTON_2025, MERTON_2025[:-2] + huge)
    refused(bad, mapping, f"'{huge}' in rate_per_10000 is too large for a published figure")


def test_value_too_large_in_a_row_no_mapping_reads_is_not_read(cla_text, mapping):
    starting = "315,Merton,E09000024,Children starting to be looked after each year,47199,61,13"
    assert starting in cla_text
    import_dfe_file(
        cla_text.replace(starting, starting[:-2] + "1e20").encode(),
        file_name="cla.csv",
        mappings=[mapping],
        la_code="315",
    )
    assert Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council").value == 31


@pytest.mark.parametrize("year", ["1900", "9999", "190001"])
def test_year_outside_the_years_dfe_publishes_is_refused(cla_text, mapping, year):
    refused(cla_text.replace("\n2023,", f"\n{year},", 1), mapping, "outside the years DfE publishes")


def test_year_outside_the_span_the_file_name_gives_is_refused(cla_text, mapping):
    message = refused(cla_text, mapping, "name says it covers 2017 to 2024", file_name="cla_2017_to_2024.csv")
    assert "2025" in message


def test_file_over_the_size_limit_is_refused_before_it_is_read_in_full(cla_text, mapping, settings):
    settings.DFE_UPLOAD_MAX_BYTES = 64 * 1024
    refused(cla_text, mapping, "larger than 64 KB")


def test_file_without_the_council_warns_and_keeps_the_council_s_comparators(cla_text, mapping):
    import_dfe_file(cla_text.encode(), file_name=oracle.CLA, mappings=[mapping], la_code="315")
    before = {(c.year, c.kind): (c.value, c.source_file) for c in Comparator.objects.all()}
    without = "\n".join(line for line in cla_text.splitlines() if ",315,Merton," not in line)

    result = import_dfe_file(without.encode(), file_name="no_merton.csv", mappings=[mapping], la_code="315")

    assert "no figure for Merton (315) in 2021, 2022, 2023, 2024, 2025" in result.describe()
    assert "left as they were" in result.describe()
    after = {(c.year, c.kind): (c.value, c.source_file) for c in Comparator.objects.all()}
    assert after == before
    assert not Comparator.objects.filter(unavailable_reason__startswith="Not in the file").exists()
    assert not DfeValue.objects.filter(area_code="315", source_file="no_merton.csv").exists()


def test_admin_upload_of_an_overflowing_value_answers_with_the_reason(client, charlie, cla_text, mapping):
    client.force_login(charlie)
    bad = cla_text.replace(MERTON_2025, MERTON_2025[:-2] + "1e20").encode()
    response = client.post(
        reverse("admin:indicators_dfemapping_import"),
        {"file": SimpleUploadedFile("cla.csv", bad), "mappings": [mapping.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "was not imported, and nothing changed" in page
    assert "too large for a published figure" in page
    assert_nothing_written()


def test_admin_upload_of_a_file_without_the_council_says_so(client, charlie, cla_text, mapping):
    client.force_login(charlie)
    without = "\n".join(line for line in cla_text.splitlines() if ",315,Merton," not in line)
    response = client.post(
        reverse("admin:indicators_dfemapping_import"),
        {"file": SimpleUploadedFile("cla.csv", without.encode()), "mappings": [mapping.pk]},
        follow=True,
    )
    assert "no figure for Merton (315)" in response.content.decode()
    assert not Comparator.objects.filter(kind="council").exists()
