"""The report's front sheet, its summary beside the previous meeting's, and its contents list."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from indicators.reader import Reader
from reports import selectors
from reports.checklist import Outstanding
from reports.front_sheet import PART_1, PART_2, counts_by_rating, summary_rows
from reports.models import Meeting
from reports.pack import pack_data_for, pack_pdf
from reports.sections import SECTIONS
from reports.services import publish_meeting, save_commentary, save_committee
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

FRONT_SHEET = {
    "lead_member": "Councillor A. Member, Cabinet Member for Children's Services",
    "wards": "All wards",
    "contact_name": "C. Officer",
    "contact_role": "Performance Manager",
    "contact_email": "performance@council.example",
    "contact_phone": "020 7946 0000",
}


def panel(*, restricted=False):
    assessments = reports.quarterly_indicator(
        "Single assessments within 45 days", {date(2019, 4, 1): 86, date(2019, 7, 1): 71}, target=85
    )
    visits = reports.quarterly_indicator(
        "Visits on time", {date(2019, 4, 1): 90, date(2019, 7, 1): 95}, target=85
    )
    suite = [assessments, visits]
    if restricted:
        suite.append(
            reports.quarterly_indicator(
                "Children missing education",
                {date(2019, 4, 1): 50, date(2019, 7, 1): 40},
                target=85,
                is_restricted=True,
            )
        )
    return reports.committee(suite, **FRONT_SHEET)


def page_of(client, meeting) -> str:
    return client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()


def test_summary_rows_total_this_report_and_the_previous():
    rows = summary_rows(["red", "red", "green"], counts_by_rating(["red", "amber"]))
    by_key = {row.key: (row.count, row.previous) for row in rows}
    assert by_key["red"] == (2, 1)
    assert by_key["amber"] == (0, 1)
    assert by_key["green"] == (1, 0)
    assert by_key["total"] == (3, 2)


def test_summary_rows_without_a_previous_report_say_none():
    rows = summary_rows(["red"], None)
    assert {row.previous for row in rows} == {None}


def test_the_contents_list_puts_the_exceptions_after_the_summary():
    keys = [section.key for section in SECTIONS]
    assert keys[:3] == ["front-sheet", "summary", "exceptions"]
    assert keys.index("index") < keys.index("decisions")


def test_report_page_opens_with_the_front_sheet_and_a_contents_list(client, alice):
    meeting = reports.meeting(panel())
    meeting.report_title = "Children's services performance, quarter 2"
    meeting.save()
    client.force_login(alice)
    publish_meeting(meeting=meeting, user=alice)
    page = page_of(client, meeting)
    assert '<h1 class="govuk-heading-l">Children&#x27;s services performance, quarter 2</h1>' in page
    contents = page[
        page.index('aria-label="Contents"') : page.index("</nav>", page.index('aria-label="Contents"'))
    ]
    for section in ("front-sheet", "summary", "exceptions", "index", "decisions"):
        assert f'href="#{section}"' in contents
        assert f'id="{section}"' in page
    assert page.index('id="front-sheet"') < page.index('id="summary"') < page.index('id="exceptions"')
    assert page.index('id="exceptions"') < page.index('id="rating-changes"') < page.index('id="index"')
    for fact in (
        "Councillor A. Member, Cabinet Member for Children&#x27;s Services",
        "A. Lead, Director of Children&#x27;s Services",
        "C. Officer, Performance Manager",
        "performance@council.example",
        "020 7946 0000",
        "All wards",
        "Note the performance report.",
        PART_1,
    ):
        assert fact in page


def test_the_part_2_marking_is_on_the_version_with_restricted_indicators(client, alice, bob):
    meeting = reports.meeting(panel(restricted=True))
    publish_meeting(meeting=meeting, user=bob)
    client.force_login(alice)
    member_page = page_of(client, meeting)
    assert PART_1 in member_page
    assert PART_2 not in member_page
    client.force_login(bob)
    assert PART_2 in page_of(client, meeting)


def test_the_summary_shows_the_previous_meetings_counts_for_this_reader(client, alice, bob):
    committee = panel(restricted=True)
    first = reports.meeting(committee)
    publish_meeting(meeting=first, user=bob)
    second = reports.meeting(committee, date(2020, 2, 5), date(2019, 12, 31))
    client.force_login(bob)
    officer = selectors.report_for(second, reader=Reader.for_user(bob))
    member = selectors.report_for(second, reader=Reader.for_user(alice))
    assert officer.previous_counts["red"] == 2  # the restricted indicator is Red too
    assert member.previous_counts["red"] == 1
    assert [row.previous for row in member.summary_rows if row.key == "total"] == [2]
    assert [row.previous for row in officer.summary_rows if row.key == "total"] == [3]


def test_a_published_front_sheet_and_previous_counts_never_change(client, alice, bob):
    committee = panel()
    first = reports.meeting(committee)
    publish_meeting(meeting=first, user=bob)
    second = reports.meeting(committee, date(2020, 2, 5), date(2019, 12, 31))
    publish_meeting(meeting=second, user=bob)
    client.force_login(alice)
    before = page_of(client, second)
    save_committee(
        committee=committee,
        name=committee.name,
        indicators=list(committee.indicators.all()),
        exceptions_red=True,
        exceptions_amber=False,
        exceptions_off_target_percent=None,
        exceptions_worsening_periods=None,
        lead_member="Councillor B. Successor, Cabinet Member",
        contact_name="D. Newcomer",
    )
    # An earlier meeting published late would otherwise become "the previous meeting".
    Meeting.objects.filter(pk=first.pk).update(front_sheet={})
    first.entries.all().update(rating="green")
    after = page_of(client, second)
    assert "Councillor B. Successor" not in after
    assert "D. Newcomer" not in after
    assert "Councillor A. Member" in after

    def summary(page):
        return page[page.index('id="summary"') : page.index('id="exceptions"')]

    assert summary(after) == summary(before)


def test_the_checklist_asks_for_the_lead_officer_and_recommendations(bob):
    meeting = Meeting.objects.create(committee=panel(), date=date(2019, 11, 6), as_at=date(2019, 9, 30))
    kinds = {item.kind for item in selectors.publish_checklist(meeting).items}
    assert {Outstanding.NO_LEAD_OFFICER, Outstanding.NO_RECOMMENDATIONS} <= kinds
    meeting.lead_officer_name, meeting.recommendations = "A. Lead", "Note the report."
    meeting.save()
    kinds = {item.kind for item in selectors.publish_checklist(meeting).items}
    assert not {Outstanding.NO_LEAD_OFFICER, Outstanding.NO_RECOMMENDATIONS} & kinds


def test_an_officer_records_the_front_sheet_on_the_meeting_form(client, bob):
    committee = panel()
    client.force_login(bob)
    response = client.post(
        reverse("reports:meeting_add"),
        {
            "committee": committee.pk,
            "date": "2019-11-06",
            "as_at": "2019-09-30",
            "report_title": "Quarter 2 performance",
            "lead_officer_name": "A. Lead",
            "lead_officer_role": "Director of Children's Services",
            "recommendations": "Note the report.\n\nAgree the actions.",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.report_title == "Quarter 2 performance"
    assert selectors.report_for(meeting, reader=Reader.for_user(bob)).front_sheet.recommendations == [
        "Note the report.",
        "Agree the actions.",
    ]


def test_a_bad_contact_email_is_refused_with_a_message(client, bob):
    committee = panel()
    client.force_login(bob)
    response = client.post(
        reverse("reports:committee_edit", args=[committee.pk]),
        {"name": committee.name, "contact_email": "not an address", "exceptions_red": "on"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter a valid email address" in response.content.decode()


def test_the_commentary_page_shows_the_figure_target_and_rating(client, bob):
    meeting = reports.meeting(committee := panel())
    indicator = committee.indicators.get(title="Single assessments within 45 days")
    client.force_login(bob)
    page = client.get(reverse("reports:commentary", args=[meeting.pk, indicator.reference])).content.decode()
    shown = page[page.index('id="report-line"') :]
    assert "71%" in shown
    assert "85%" in shown
    assert "Red" in shown


def test_the_commentary_page_opens_with_the_words_the_report_shows(client, bob):
    meeting = reports.meeting(committee := panel())
    indicator = committee.indicators.get(title="Single assessments within 45 days")
    outturn = indicator.outturns.order_by("period__start").last()
    outturn.commentary = "Counting from point of contact."
    outturn.save()
    save_commentary(
        meeting=meeting, indicator=indicator, commentary="", actions="Audit.", caveat="", user=bob
    )
    client.force_login(bob)
    page = client.get(reverse("reports:commentary", args=[meeting.pk, indicator.reference])).content.decode()
    textarea = page[page.index('name="commentary"') :]
    assert textarea[: textarea.index("</textarea>")].endswith("Counting from point of contact.")


def test_the_pack_opens_with_the_front_sheet_and_the_totals(bob):
    meeting = reports.meeting(panel())
    publish_meeting(meeting=meeting, user=bob)
    data = pack_data_for(
        meeting, report=selectors.report_for(meeting, reader=Reader.for_user(bob)), decisions=[]
    )
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=pack_pdf(data), capture_output=True, check=True
    ).stdout.decode()
    cover = text[: text.index("\f")]
    for fact in (
        "Lead member",
        "Councillor A. Member",
        "Wards affected",
        "All wards",
        "Lead officer",
        "A. Lead",
        "Contact officer",
        "C. Officer",
        "Note the performance report.",
        "Part 2",
    ):
        assert fact in cover
    summary = text[text.index("Indicators by RAG rating") :]
    assert "Total" in summary[:3000]
    index = text[text.rindex("The full index") :]
    assert "Statistical" in index
    assert "England" in index
