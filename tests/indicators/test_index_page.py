from datetime import date

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def build_suite(size: int, years: int = 2):
    area = factories.service_area("Social Care")
    quarters = [date(2019 - y, m, 1) for y in range(years) for m in (1, 4, 7, 10)]
    for n in range(size):
        indicator = factories.indicator(area=area, reference=f"S{n}", title=f"Suite indicator {n}")
        factories.target(indicator, 2019, value=80, tolerance=5)
        factories.target(indicator, 2018, value=80, tolerance=5)
        for day in quarters:
            factories.outturn(indicator, day, 70 + n % 20)


def test_anonymous_visitor_is_sent_to_sign_in_when_public_access_is_off(client, settings):
    settings.PUBLIC_ACCESS = False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitor_sees_the_index_when_public_access_is_on(client, public_access):
    indicator = factories.indicator(title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=85, tolerance=10, tolerance_kind="percent")
    factories.outturn(indicator, date(2019, 7, 1), 71, commentary="Counting from point of contact.")
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Single assessments within 45 days" in page
    assert "71%" in page
    assert "Red" in page
    assert "30 September 2019" in page


def test_index_shows_rating_and_direction_as_words(client, alice):
    indicator = factories.indicator(title="Care proceedings in weeks", unit="weeks", polarity="lower")
    factories.target(indicator, 2019, value=26, tolerance=5, tolerance_kind="percent", kind="national")
    factories.outturn(indicator, date(2019, 4, 1), 31)
    factories.outturn(indicator, date(2019, 7, 1), 28)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "28 weeks" in page
    assert "kpi-rag--red" in page
    assert ">Red<" in page
    assert "Improving" in page


def test_restricted_indicator_is_hidden_from_a_member_without_permission(client, alice, bob):
    factories.indicator(title="Children missing from care", is_restricted=True)
    open_indicator = factories.indicator(title="Open indicator")
    for indicator in (open_indicator,):
        factories.outturn(indicator, date(2019, 7, 1), 50)
    client.force_login(alice)
    assert "Children missing from care" not in client.get("/").content.decode()
    client.force_login(bob)
    assert "Children missing from care" in client.get("/").content.decode()


@pytest.mark.parametrize("size", [10, 300])
def test_index_queries_stay_constant_as_the_suite_grows(client, alice, size, django_assert_max_num_queries):
    build_suite(size)
    client.force_login(alice)
    # Three of them read the published reports: when the latest was published, their commentary and
    # the actions they left open. The first view assesses the suite and keeps its lines, once sure
    # nothing changed meanwhile (indicators/kept_lines.py: the data stamp, read before and after), and
    # draws its rows and keeps them beside the lines (indicators/kept_rows.py).
    with django_assert_max_num_queries(26):  # one of them: the localities the filter offers
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('data-reference="S') == size
    with django_assert_max_num_queries(11):  # the next reads the lines and rows kept
        response = client.get("/?sort=reference")
    assert response.content.decode().count('data-reference="S') == size


def test_healthz_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_does_not(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_index_without_figures_says_so(client, alice):
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 200
    assert "No figures have been entered yet" in response.content.decode()


def test_unknown_filter_value_says_so_and_shows_the_whole_index(client, alice):
    indicator = factories.indicator(title="Assessments on time")
    factories.outturn(indicator, date(2019, 7, 1), 90)
    client.force_login(alice)
    response = client.get("/?rating=purple&sort=bogus&as_at=garbage")
    page = response.content.decode()
    assert response.status_code == 200
    assert "purple is not one of the available choices" in page
    assert "Assessments on time" in page
    # The select is described by the message above it, and marked as in error as GOV.UK marks it.
    select = page.split('<select class="govuk-select govuk-select--error" id="id_rating"')[1].split(">")[0]
    assert 'aria-invalid="true" aria-describedby="id_rating-error"' in select
    assert 'id="id_rating-error"' in page


def test_the_filters_keep_what_was_chosen(client, alice):
    area = factories.service_area("Early Help")
    indicator = factories.indicator(title="Assessments on time", area=area)
    factories.outturn(indicator, date(2019, 7, 1), 90)
    client.force_login(alice)
    page = client.get(f"/?service_area={area.pk}&rating=red").content.decode()
    assert f'<option value="{area.pk}" selected>Early Help</option>' in page
    assert '<option value="red" selected>Red</option>' in page
    assert '<option value="" selected>Any direction</option>' in page
    assert '<option value="" selected>Any rating</option>' not in page


def test_contextual_measure_says_which_way_it_moved_without_judging_it(client, alice):
    contacts = factories.indicator(
        title="Contacts received", unit="count", polarity="none", is_target_measure=False
    )
    factories.outturn(contacts, date(2019, 4, 1), 2900)
    factories.outturn(contacts, date(2019, 7, 1), 3100)
    client.force_login(alice)
    row = (
        client.get("/")
        .content.decode()
        .split('data-reference="' + contacts.reference + '"')[1]
        .split("</tr>")[0]
    )
    assert "Not comparable" in row
    assert "Went up" in row


def test_a_changed_figure_shows_on_the_next_view(client, alice):
    indicator = factories.indicator(title="Assessments on time")
    outturn = factories.outturn(indicator, date(2019, 7, 1), 90)
    client.force_login(alice)
    assert "90%" in client.get("/").content.decode()
    outturn.value = 61
    outturn.save()
    page = client.get("/").content.decode()
    assert "61%" in page
    assert "90%" not in page


def test_a_form_sent_without_its_security_token_says_it_expired_and_saves_nothing(db, bob):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
