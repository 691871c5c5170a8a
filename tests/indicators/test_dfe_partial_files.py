"""A file changes only what it holds, and the command line and the admin upload accept and refuse
the same files, because both go through one import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.dfe.models import DfeMapping, DfeValue
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:indicators_dfemapping_import")
MERTON_2025 = "315,Merton,E09000024,Children looked after on 31 March each year,47199,145,31"


@pytest.fixture
def cla_text() -> str:
    return oracle.path(oracle.CLA).read_text(encoding="utf-8-sig")


@pytest.fixture
def mapping():
    return DfeMapping.objects.create(
        indicator=factories.indicator(reference="17", unit="rate10k", polarity="lower", frequency="year"),
        publication="DfE: Children looked after in England",
        filters=oracle.CLA_FILTER,
        value_column="rate_per_10000",
    )


def comparators(mapping) -> dict:
    return {
        (c.year, c.kind): (c.value, c.unavailable_reason, c.source_file, c.neighbours_used)
        for c in Comparator.objects.filter(indicator=mapping.indicator)
    }


def only_merton(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0], *(line for line in lines[1:] if ",315,Merton," in line)])


def run_command(path, *arguments):
    call_command("import_dfe", str(path), "--council", "315", *arguments)


def test_file_with_only_the_council_s_rows_keeps_england_region_and_neighbours(tmp_path, cla_text, mapping):
    run_command(oracle.path(oracle.CLA))
    before = comparators(mapping)
    partial = tmp_path / "merton_only.csv"
    partial.write_text(only_merton(cla_text.replace(MERTON_2025, MERTON_2025[:-2] + "33")))

    run_command(partial)

    after = comparators(mapping)
    assert {key: row for key, row in after.items() if key[1] != "council"} == {
        key: row for key, row in before.items() if key[1] != "council"
    }
    assert not Comparator.objects.filter(unavailable_reason__startswith="Not in the file").exists()
    assert after[(2025, "council")][0] == 33
    assert after[(2024, "council")] == before[(2024, "council")]  # the same figure is no change
    council = Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council")
    want = oracle.national(oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "315", 2025, "lower")
    assert council.national_ranked == want["ranked"]  # ranked among every council held, not alone
    assert DfeValue.objects.filter(mapping=mapping, level="National").count() == 5


def test_file_with_only_the_council_s_rows_says_it_changed_only_the_council_s_comparators(
    tmp_path, cla_text, mapping, capsys
):
    run_command(oracle.path(oracle.CLA))
    capsys.readouterr()
    partial = tmp_path / "merton_only.csv"
    partial.write_text(only_merton(cla_text.replace(MERTON_2025, MERTON_2025[:-2] + "33")))

    run_command(partial)

    assert "0 comparators added and 1 updated" in capsys.readouterr().out


def test_file_whose_lines_end_in_cr_alone_imports_alike_on_the_command_line_and_in_the_admin(
    tmp_path, client, charlie, mapping
):
    old_mac = oracle.path(oracle.CLA).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    path = tmp_path / "cla_cr.csv"
    path.write_bytes(old_mac)
    run_command(path)
    by_command = comparators(mapping)
    Comparator.objects.all().delete()
    DfeValue.objects.all().delete()

    client.force_login(charlie)
    client.post(IMPORT_URL, {"file": SimpleUploadedFile("cla_cr.csv", old_mac), "mappings": [mapping.pk]})

    assert len(by_command) == 20
    assert comparators(mapping) == by_command


def test_negative_rate_per_10000_is_refused_on_the_command_line_and_in_the_admin(
    tmp_path, client, charlie, cla_text, mapping
):
    negative = cla_text.replace(MERTON_2025, MERTON_2025[:-2] + "-31")
    path = tmp_path / "negative.csv"
    path.write_text(negative)
    with pytest.raises(CommandError, match=r"'-31' in rate_per_10000 for Merton in 2025 is negative"):
        run_command(path)

    client.force_login(charlie)
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("negative.csv", negative.encode())})

    page = response.content.decode()
    assert "was not imported, and nothing changed" in page
    assert "for Merton in 2025 is negative" in page
    assert not Comparator.objects.exists()
    assert not DfeValue.objects.exists()


def test_negative_figure_of_a_measure_that_may_be_negative_is_imported(tmp_path, cla_text, mapping):
    mapping.indicator.unit = "number"
    mapping.indicator.save()
    path = tmp_path / "change.csv"
    path.write_text(cla_text.replace(MERTON_2025, MERTON_2025[:-2] + "-31"))

    run_command(path)

    assert Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council").value == -31


def test_file_that_is_not_csv_is_refused_on_the_command_line_as_in_the_admin(tmp_path, cla_text, mapping):
    path = tmp_path / "cla.txt"
    path.write_text(cla_text)
    with pytest.raises(CommandError, match=r"cla\.txt was not imported: Choose a CSV file"):
        run_command(path)
    assert not Comparator.objects.exists()
