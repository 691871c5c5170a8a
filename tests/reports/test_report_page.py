from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Outturn
from indicators.services import correct_outturn
from reports.services import publish_meeting, save_commentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


def build_panel(size: int):
    area = factories.service_area("Social Care")
    indicators = []
    for n in range(size):
        indicator = factories.indicator(area=area, reference=f"S{n}", title=f"Suite indicator {n}")
        for year in (2018, 2019):
            factories.target(indicator, year, value=80, tolerance=5)
        for day in (date(2019, 1, 1), date(2019, 4, 1), date(2019, 7, 1)):
            factories.outturn(indicator, day, 70 + n % 20)
        indicators.append(indicator)
    return reports.committee(indicators)


def test_report_page_shows_every_section(client, alice, bob):
    indicator = reports.quarterly_indicator(
        "Single assessments within 45 days", {date(2019, 4, 1): 86, date(2019, 7, 1): 71}, target=85
    )
    panel = reports.committee([indicator])
    save_commentary(
        meeting=(meeting := reports.meeting(panel)),
        indicator=indicator,
        commentary="Counting from point of contact.",
        actions="Agreed actions to improve timeliness.",
        caveat="",
        user=bob,
    )
    publish_meeting(meeting=meeting, user=bob)
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()
    for heading in (
        "Summary",
        "Rating changes since the previous meeting",
        "Corrections since the previous meeting",
        "Exceptions",
        "Data caveats",
        "The full index",
    ):
        assert heading in page
    assert "Counting from point of contact." in page
    assert "Agreed actions to improve timeliness." in page
    assert "71%" in page
    assert "published on" in page


def test_next_report_shows_rating_change_and_correction(client, alice, bob):
    indicator = reports.quarterly_indicator(
        "Single assessments within 45 days",
        {date(2019, 4, 1): 86, date(2019, 7, 1): 71, date(2019, 10, 1): 90},
        target=85,
    )
    panel = reports.committee([indicator])
    publish_meeting(meeting=reports.meeting(panel), user=bob)
    outturn = Outturn.objects.get(indicator=indicator, period__label="Q2 2019/20")
    correct_outturn(
        outturn=outturn, value=outturn.value, status="validated", reason="Validated by the team.", user=bob
    )
    second = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    client.force_login(bob)
    page = client.get(reverse("reports:meeting", args=[second.pk])).content.decode()
    assert "R to G" in page
    assert "Validated by the team." in page
    assert "A draft" in page


@pytest.mark.parametrize("size", [10, 150])
@pytest.mark.parametrize("published", [False, True])
def test_report_page_queries_stay_constant_as_the_suite_grows(
    client, bob, size, published, django_assert_max_num_queries
):
    meeting = reports.meeting(build_panel(size))
    if published:
        publish_meeting(meeting=meeting, user=bob)
    client.force_login(bob)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("reports:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('data-reference="S') >= size


def test_meetings_list_shows_published_reports(client, alice, bob):
    panel = reports.committee()
    publish_meeting(meeting=reports.meeting(panel), user=bob)
    reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    client.force_login(alice)
    page = client.get(reverse("reports:meetings")).content.decode()
    assert "6 November 2019" in page
    assert "5 February 2020" not in page
    client.force_login(bob)
    assert "5 February 2020" in client.get(reverse("reports:meetings")).content.decode()
