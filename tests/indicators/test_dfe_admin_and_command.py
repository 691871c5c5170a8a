"""Importing from the admin (upload) and from the command line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.dfe.forms import filters_from_text
from indicators.dfe.models import DfeMapping, DfeValue
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:indicators_dfemapping_import")


@pytest.fixture
def mapping():
    return DfeMapping.objects.create(
        indicator=factories.indicator(reference="39", polarity="lower", frequency="quarter"),
        publication="DfE: Children's social work workforce",
        filters={},
        value_column="agency_rate_fte",
    )


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else oracle.path(name).read_bytes())


def test_administrator_uploads_a_file_and_every_fitting_mapping_is_imported(client, charlie, mapping):
    client.force_login(charlie)
    response = client.post(IMPORT_URL, {"file": upload(oracle.CSWW)}, follow=True)
    assert "36 comparators added" in response.content.decode()
    assert Comparator.objects.filter(indicator=mapping.indicator).count() == 36
    mapping.refresh_from_db()
    assert mapping.last_file == oracle.CSWW


def test_upload_of_a_file_without_the_columns_says_what_is_missing_and_changes_nothing(
    client, charlie, mapping
):
    client.force_login(charlie)
    response = client.post(IMPORT_URL, {"file": upload(oracle.CLA), "mappings": [mapping.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "was not imported, and nothing changed" in page
    assert "lacks the columns agency_rate_fte" in page
    assert not Comparator.objects.exists()


def test_upload_that_is_not_csv_is_refused(client, charlie, mapping):
    client.force_login(charlie)
    response = client.post(IMPORT_URL, {"file": upload("figures.xlsx", b"PK\x03\x04")})
    assert "Choose a CSV file" in response.content.decode()


def test_mapping_page_offers_an_upload_for_that_mapping(client, charlie, mapping):
    client.force_login(charlie)
    page = client.get(reverse("admin:indicators_dfemapping_change", args=[mapping.pk])).content.decode()
    assert f"{IMPORT_URL}?mapping={mapping.pk}" in page
    assert "checked" in client.get(IMPORT_URL, {"mapping": mapping.pk}).content.decode()


def test_officer_without_admin_access_cannot_import(client, bob, mapping):
    client.force_login(bob)
    response = client.post(IMPORT_URL, {"file": upload(oracle.CSWW)})
    assert response.status_code == 302
    assert not Comparator.objects.exists()


def test_mapping_filters_are_typed_as_column_equals_value():
    assert filters_from_text("population_type = Children looked after\n\n a = b = c ") == {
        "population_type": "Children looked after",
        "a": "b = c",
    }


def test_mapping_form_saves_filters(client, charlie):
    indicator = factories.indicator(reference="17")
    client.force_login(charlie)
    response = client.post(
        reverse("admin:indicators_dfemapping_add"),
        {
            "indicator": indicator.pk,
            "publication": "DfE: Children looked after in England",
            "filters": "population_type = Children looked after on 31 March each year",
            "value_column": " rate_per_10000 ",
        },
    )
    assert response.status_code == 302
    saved = DfeMapping.objects.get()
    assert saved.filters == oracle.CLA_FILTER
    assert saved.value_column == "rate_per_10000"


def test_command_imports_for_the_named_mapping(mapping, capsys):
    call_command("import_dfe", str(oracle.path(oracle.CSWW)), "--mapping", "39", "--council", "202")
    assert "36 comparators added" in capsys.readouterr().out
    assert Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council").place == "Camden"
    call_command("import_dfe", str(oracle.path(oracle.CSWW)), "--council", "202")
    assert "nothing changed" in capsys.readouterr().out


def test_command_refuses_a_bad_file_with_the_reason(mapping, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("time_period,la_name\n2025,Merton\n")
    with pytest.raises(CommandError, match=r"bad.csv was not imported: .*lacks the columns geographic_level"):
        call_command("import_dfe", str(bad))
    assert not Comparator.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.csv"], "Cannot read missing.csv"),
        ([str(oracle.path(oracle.CSWW)), "--mapping", "99"], "No DfE mapping for indicator 99"),
    ],
)
def test_command_refuses_unknown_file_or_mapping(mapping, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_dfe", *arguments)


def test_administrator_reads_every_council_s_figures_but_cannot_change_them(client, charlie, mapping):
    client.force_login(charlie)
    client.post(IMPORT_URL, {"file": upload(oracle.CSWW)})
    listing = client.get(reverse("admin:indicators_dfevalue_changelist"), {"q": "Camden", "year": 2025})
    assert listing.status_code == 200
    assert "Camden" in listing.content.decode()
    value = DfeValue.objects.get(mapping=mapping, year=2025, area_code="202")
    change = reverse("admin:indicators_dfevalue_change", args=[value.pk])
    page = client.get(change).content.decode()
    assert str(value.value).rstrip("0") in page
    assert 'name="_save"' not in page
    assert client.post(change, {"value": "1"}).status_code == 403
    assert client.post(reverse("admin:indicators_dfevalue_delete", args=[value.pk])).status_code == 403
    assert client.get(reverse("admin:indicators_dfevalue_add")).status_code == 403
    value.refresh_from_db()
    assert value.value != 1


def test_only_administrators_are_granted_the_view_of_dfe_s_figures(alice, bob, charlie):
    assert charlie.has_perm("indicators.view_dfevalue")
    assert not charlie.has_perm("indicators.change_dfevalue")
    assert not bob.has_perm("indicators.view_dfevalue")
    assert not alice.has_perm("indicators.view_dfevalue")


def test_officer_cannot_open_dfe_s_figures_in_administration(client, bob):
    client.force_login(bob)
    response = client.get(reverse("admin:indicators_dfevalue_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_import_message_keeps_the_file_name_as_dfe_spells_it(client, charlie, mapping):
    client.force_login(charlie)
    name = "d3_csww_indicators_2017_to_2025.csv"
    content = oracle.path(oracle.CSWW).read_bytes()
    response = client.post(IMPORT_URL, {"file": upload(name, content)}, follow=True)
    page = response.content.decode()
    assert f"Imported {name}: 36 comparators added" in page
    assert "D3_csww" not in page
