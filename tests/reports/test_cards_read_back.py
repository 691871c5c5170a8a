"""The demo's published report read back as a member and an officer receive it: every exception has
a report card in the pack and a sheet in the appendix, with its lead officer and data owner, and
every action its owner and due date; restricted indicators and small numbers stay withheld."""

import subprocess
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from indicators.reader import Reader
from indicators.rules.suppression import SUPPRESSED_MARK
from reports.models import Meeting
from reports.selectors import report_for
from reports.sheets import card_sheet

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 - poppler's fixed tool on a file this test wrote
        ["/usr/bin/pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def published(db):
    call_command("load_demo", verbosity=0)
    return Meeting.objects.filter(status="published").order_by("-date").first()


@pytest.mark.parametrize("reader", ["alice", "bob"], ids=["member", "officer"])
def test_every_exception_has_its_card_with_its_officers_in_the_pack_and_the_appendix(
    client, published, reader, request, tmp_path
):
    user = request.getfixturevalue(reader)
    client.force_login(user)
    report = report_for(published, reader=Reader.for_user(user))
    assert report.cards, "the demo's published report has exceptions"

    pack = flat(pdf_text(client.get(reverse("reports:pack", args=[published.pk])).content, tmp_path))
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))

    assert pack.count("What the data says") == len(report.cards)
    for card in report.cards:
        assert card.lead_officer
        assert card.data_owner
        assert flat(f"Report card: {card.line.reference} {card.line.title}") in pack
        assert flat(card.lead_officer) in pack
        sheet = workbook[card_sheet(card.line.reference).title]
        rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
        assert rows["Lead officer"] == card.lead_officer
        assert rows["Data owner"] == card.data_owner
        assert rows["What the data says"] == " ".join(card.data_says)
        for action in card.open_actions:
            assert f"Owner: {action.owner}" in rows["Actions"]
            assert f"due {action.due:%-d %B %Y}" in rows["Actions"]
            assert flat(f"Owner: {action.owner}. Due by {action.due:%-d %B %Y}") in pack


def test_a_member_gets_no_card_of_a_restricted_indicator_and_no_small_number(
    client, alice, bob, published, tmp_path
):
    client.force_login(alice)
    whole = {line.indicator_id: line for line in report_for(published, reader=Reader.for_user(bob)).lines}
    restricted = [line for line in whole.values() if line.is_restricted]
    assert restricted, "the demo has Part 2 indicators"

    pack = flat(pdf_text(client.get(reverse("reports:pack", args=[published.pk])).content, tmp_path))
    workbook = load_workbook(BytesIO(client.get(reverse("reports:appendix", args=[published.pk])).content))

    for line in restricted:
        assert flat(line.title) not in pack
        assert card_sheet(line.reference).title not in workbook.sheetnames
    for card in report_for(published, reader=Reader.for_user(alice)).cards:
        rows = dict(workbook[card_sheet(card.line.reference).title].iter_rows(min_row=2, values_only=True))
        for figure in whole[card.line.indicator_id].figures:
            if figure.is_small:
                assert rows[f"Figure, {figure.period.label}"].startswith(SUPPRESSED_MARK)


def test_the_packs_cards_are_each_kept_whole_two_or_more_to_a_page(client, bob, published, tmp_path):
    client.force_login(bob)
    cards = report_for(published, reader=Reader.for_user(bob)).cards
    pages = pdf_text(client.get(reverse("reports:pack", args=[published.pk])).content, tmp_path).split("\f")

    with_cards = [page for page in pages if "Report card:" in page]
    for page in with_cards:
        # A card's parts and its trend on the page its heading is on.
        assert page.count("Report card:") == page.count("Data owner") == page.count("Recent figures, newest")
    assert len(with_cards) * 2 <= len(cards) + 1
