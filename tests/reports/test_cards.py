"""Report cards: what the data says prints the line's own figures; the card's records are frozen with
a published report; the latest published commentary reaches the indicator and exceptions pages and
starts the next draft's commentary, never a restricted indicator's for a member."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.reader import Reader
from reports.cards import card_anchor, data_says, sparkline_points
from reports.models import Meeting
from reports.selectors import latest_published_commentary, report_for
from reports.services import publish_meeting, save_commentary
from reports.tables import TABLES
from tests import factories
from tests.reports import factories as reports

STORY = "Referrals rose by a third after the new front door opened."


def test_a_level_run_of_figures_is_drawn_across_the_middle():
    assert sparkline_points([7, 7]) == "4.0,24.0 236.0,24.0"


def test_a_period_without_a_figure_keeps_its_place_on_the_axis():
    assert sparkline_points([1, None, 3]) == "4.0,44.0 236.0,4.0"
    assert sparkline_points([None, 3]) == ""


def test_a_card_anchor_is_an_id_any_reference_makes():
    assert card_anchor("27/28") == "card-27-28"
    assert card_anchor("35.1") == "card-35-1"


@pytest.fixture
def published(db, bob):
    """Single assessments: 86% then 71% against 85%, Red, with the lead officer's story."""
    dana = factories.performance_officer("dana")
    late = reports.quarterly_indicator(
        "Single assessments authorised within 45 days",
        {date(2019, 4, 1): 86, date(2019, 7, 1): 71},
        target=85,
        lead_officer="Head of Service, Children's Social Care",
        lead_officer_user=dana,
        data_owner="Performance and Information Officer",
        data_owner_user=bob,
        success_looks_like="Every child assessed within 45 days.",
    )
    secret = reports.quarterly_indicator(
        "Children at risk of criminal exploitation", {date(2019, 7, 1): 14}, is_restricted=True
    )
    meeting = reports.meeting(reports.committee([late, secret]))
    for indicator in (late, secret):
        save_commentary(
            meeting=meeting, indicator=indicator, commentary=STORY, actions="", caveat="", user=bob
        )
    publish_meeting(meeting=meeting, user=bob)
    return meeting, late, secret


def test_what_the_data_says_prints_the_figures_the_report_prints(published, bob):
    meeting, late, _ = published
    [card] = [
        card
        for card in report_for(meeting, reader=Reader.for_user(bob)).cards
        if card.line.title == late.title
    ]
    line = card.line

    assert data_says(line)[0] == f"{line.latest.text} in Q2 2019/20 against a target of {line.target}: Red."
    assert data_says(line)[1] == f"Worsening since Q1 2019/20 ({line.previous.text})."
    assert card.story == STORY


def test_a_card_without_the_lead_officers_words_tells_the_figures_story_as_the_exceptions_table_does(bob, db):
    visits = reports.quarterly_indicator("Visits on time", {date(2019, 4, 1): 86})
    factories.outturn(visits, date(2019, 7, 1), 40, commentary="Two social workers left.")
    meeting = reports.meeting(reports.committee([visits]))
    publish_meeting(meeting=meeting, user=bob)

    report = report_for(meeting, reader=Reader.for_user(bob))
    [card] = report.cards
    [row] = report.exceptions

    assert card.story == "Two social workers left."
    assert TABLES["exceptions"].column["management_commentary"].cell(row).text == card.story
    assert {part.key: part.words for part in card.told}["story"] == "Two social workers left."


def test_the_cards_records_are_frozen_when_the_report_is_published(published, bob):
    meeting, late, _ = published
    late.success_looks_like = "Changed since."
    late.lead_officer = "Director"
    late.save()

    [card] = [
        card
        for card in report_for(Meeting.objects.get(pk=meeting.pk), reader=Reader.for_user(bob)).cards
        if card.line.title == late.title
    ]

    assert card.lead_officer.endswith(", Head of Service, Children's Social Care")
    assert card.data_owner.endswith(", Performance and Information Officer")
    assert card.success_looks_like == "Every child assessed within 45 days."


def test_latest_published_commentary_withholds_a_restricted_indicators_from_a_member(
    published, django_assert_num_queries
):
    meeting, late, secret = published
    with django_assert_num_queries(1):
        shown = latest_published_commentary([late.pk, secret.pk], reader=Reader.PUBLIC)

    assert set(shown) == {late.pk}
    assert shown[late.pk].source.words == f"From the report to {meeting.committee.name} on 6 November 2019"
    assert shown[late.pk].source.url.endswith(f"#{card_anchor(late.reference)}")
    assert set(latest_published_commentary([late.pk, secret.pk], reader=Reader.WHOLE_RECORD)) == {
        late.pk,
        secret.pk,
    }


def test_the_indicator_page_leads_with_the_card_and_links_the_report(client, alice, published):
    meeting, late, _ = published
    client.force_login(alice)
    page = client.get(late.get_absolute_url()).content.decode()

    assert page.index("Report card") < page.index("Current rating") < page.index('id="figures"')
    assert STORY in page
    assert f'href="{meeting.get_absolute_url()}#{card_anchor(late.reference)}"' in page
    assert "Every child assessed within 45 days." in page
    assert "No open actions." in page


def test_the_exceptions_page_says_where_there_is_no_published_commentary(client, alice, db):
    reports.quarterly_indicator("Visits on time", {date(2019, 4, 1): 86, date(2019, 7, 1): 40}, target=85)
    client.force_login(alice)
    page = client.get(reverse("indicators:exceptions")).content.decode()

    assert "No published commentary." in page
    assert "No open actions." in page


def test_a_drafts_commentary_starts_from_the_last_published_one(client, bob, published):
    meeting, late, _ = published
    draft = Meeting.objects.create(
        committee=meeting.committee, date=date(2020, 2, 5), as_at=date(2019, 12, 31)
    )
    client.force_login(bob)
    page = client.get(reverse("reports:commentary", args=[draft.pk, late.reference])).content.decode()

    assert "Carried forward." in page
    assert STORY in page.split('id="carried-forward"', 1)[1]


def test_the_index_shows_the_latest_published_commentary_and_links_its_report(client, alice, bob, published):
    meeting, late, _ = published
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert STORY in page
    assert f"From the report to {meeting.committee.name} on 6 November 2019" in page

    later = reports.meeting(meeting.committee, day=date(2020, 2, 5), as_at=date(2019, 9, 30))
    save_commentary(
        meeting=later, indicator=late, commentary="Back on track.", actions="", caveat="", user=bob
    )
    publish_meeting(meeting=later, user=bob)

    page = client.get("/").content.decode()
    assert "Back on track." in page, "a report published since is never hidden by a kept index"
    assert STORY not in page
