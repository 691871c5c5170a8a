"""DfE's catalogue (LAIT's data dictionary) as standard indicator definitions."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from indicators.dfe.catalogue import read_catalogue, search, unit_for, year_basis_for
from indicators.dfe.tidy import DfeFileError
from indicators.models import Indicator
from indicators.rules.periods import YearBasis
from indicators.rules.terms import Polarity
from tests import factories

CATALOGUE_URL = reverse("admin:indicators_dfemapping_catalogue")


@pytest.fixture(scope="module")
def measures():
    return read_catalogue((Path(settings.DFE_DATA_DIR) / "lait_data_dictionary.csv").read_bytes())


def test_catalogue_has_all_448_measures(measures):
    assert len(measures) == 448


def test_looked_after_rate_comes_with_dfe_s_polarity_unit_and_year(measures):
    [measure] = [m for m in measures if m.title == "Children looked after rate per 10,000"]
    assert measure.polarity is Polarity.NONE
    assert measure.unit == "rate10k"
    assert measure.unit_label == "Rate per 10,000"
    assert measure.decimal_places == 1
    assert "Rate per 10,000" in measure.definition


@pytest.mark.parametrize(
    ("dfe", "polarity"), [("High", Polarity.HIGHER_IS_BETTER), ("Low", Polarity.LOWER_IS_BETTER)]
)
def test_high_and_low_polarity_come_across(measures, dfe, polarity):
    assert any(m.polarity is polarity for m in measures)


def test_search_needs_every_word(measures):
    found = search(measures, "looked after rate")
    assert "Children looked after rate per 10,000" in [m.title for m in found]
    assert all("rate" in f"{m.title} {m.topic} {m.short_name}".lower() for m in found)


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("% of referrals", "percent"),
        ("Rate per 10,000", "rate10k"),
        ("Rate per 100,000", "number"),
        ("Number of Children Looked After", "count"),
        ("Average Score", "number"),
    ],
)
def test_unit_from_dfe_s_label(label, unit):
    assert unit_for(label) == unit


@pytest.mark.parametrize(
    ("year_type", "basis"),
    [
        ("Academic Year", YearBasis.ACADEMIC),
        ("Financial Year", YearBasis.FINANCIAL),
        ("Annual (end of Sept)", YearBasis.CALENDAR),
    ],
)
def test_year_type(year_type, basis):
    assert year_basis_for(year_type) == basis


def test_another_file_is_refused():
    with pytest.raises(DfeFileError, match="lacks the columns"):
        read_catalogue("Measure,Topic\nA,B\n")


@pytest.mark.django_db
def test_administrator_finds_a_measure_and_creates_an_indicator_from_it(client, charlie, measures):
    area = factories.service_area("Looked After Children")
    client.force_login(charlie)
    page = client.get(CATALOGUE_URL, {"q": "looked after rate"}).content.decode()
    assert "Children looked after rate per 10,000" in page
    [measure] = [m for m in measures if m.title == "Children looked after rate per 10,000"]
    response = client.post(
        f"{CATALOGUE_URL}?q=rate",
        {"position": measure.position, "title": measure.title, "reference": "17", "service_area": area.pk},
    )
    indicator = Indicator.objects.get(reference="17")
    assert response.status_code == 302
    assert (indicator.polarity, indicator.unit, indicator.decimal_places) == ("none", "rate10k", 1)
    assert indicator.frequency == "year"
    assert indicator.source == "dfe"
    assert not indicator.is_target_measure
    assert measure.description[:40] in indicator.definition


@pytest.mark.django_db
def test_a_taken_reference_is_refused_and_nothing_is_created(client, charlie, measures):
    existing = factories.indicator(reference="17")
    client.force_login(charlie)
    measure = measures[0]
    response = client.post(
        CATALOGUE_URL,
        {
            "position": measure.position,
            "title": measure.title,
            "reference": "17",
            "service_area": existing.service_area_id,
        },
    )
    assert response.status_code == 200
    assert "Indicator 17 already exists." in response.content.decode()
    assert Indicator.objects.count() == 1


@pytest.mark.django_db
def test_tampered_measure_is_refused(client, charlie):
    area = factories.service_area()
    client.force_login(charlie)
    response = client.post(
        CATALOGUE_URL, {"position": 1, "title": "Not this", "reference": "9", "service_area": area.pk}
    )
    assert "no longer in DfE&#x27;s catalogue" in response.content.decode()
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_scrutiny_member_cannot_reach_the_catalogue(client, alice):
    client.force_login(alice)
    response = client.get(CATALOGUE_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
