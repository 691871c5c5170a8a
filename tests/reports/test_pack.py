import gc
import re
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from indicators.reader import Reader
from reports import selectors
from reports.pack import StaticFilesOnly, pack_data_for, pack_document, pack_pdf, static_folders
from reports.services import publish_meeting, save_commentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

COMMENTARY = "Counting now starts from the point of contact."
RESTRICTED_TITLE = "Children at risk of criminal exploitation"
SMALL_FIGURE = "42.9%"
"""3 out of 7 care leavers: a percentage from a small numerator."""


def panel_meeting(bob, *, publish=True):
    """A panel of a dozen indicators: an exception with commentary, a Part 2 indicator, a small number."""
    late = reports.quarterly_indicator(
        "Single assessments authorised within 45 days",
        {date(2019, 4, 1): 86, date(2019, 7, 1): 71},
        target=85,
        area=factories.service_area("Social Care", order=1),
    )
    restricted = reports.quarterly_indicator(
        RESTRICTED_TITLE, {date(2019, 4, 1): 12, date(2019, 7, 1): 14}, is_restricted=True
    )
    care_leavers = reports.quarterly_indicator(
        "Care leavers in suitable accommodation",
        {},
        decimal_places=1,
        area=factories.service_area("Care Leavers", order=2),
    )
    factories.outturn(care_leavers, date(2019, 7, 1), 42.9, numerator=3, denominator=7)
    others = [reports.quarterly_indicator(f"Suite indicator {n}", {date(2019, 7, 1): 85}) for n in range(10)]
    meeting = reports.meeting(reports.committee([late, restricted, care_leavers, *others]))
    save_commentary(
        meeting=meeting, indicator=late, commentary=COMMENTARY, actions="Weekly audits.", caveat="", user=bob
    )
    reports.decision(meeting, "add", text="To add a care leavers' housing indicator.")
    if publish:
        publish_meeting(meeting=meeting, user=bob)
    return meeting


def pack_for(meeting, user):
    return pack_data_for(
        meeting,
        report=selectors.report_for(meeting, reader=Reader.for_user(user)),
        decisions=selectors.decision_log().filter(meeting=meeting),
    )


@pytest.fixture
def pack_file(tmp_path):
    def write(data) -> Path:
        path = tmp_path / data.filename
        path.write_bytes(pack_pdf(data))
        return path

    return write


def poppler(*command) -> str:
    return subprocess.run(  # noqa: S603 - poppler's fixed tools on a file this test wrote
        command, capture_output=True, text=True, check=True
    ).stdout


def inflated(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return b""


def text_of(path: Path) -> str:
    return poppler("pdftotext", str(path), "-")


def test_pack_is_a_tagged_titled_pdf_of_several_pages(pack_file, bob):
    path = pack_file(pack_for(panel_meeting(bob), bob))
    info = dict(re.findall(r"^([\w ]+):\s+(.*)$", poppler("pdfinfo", str(path)), re.MULTILINE))
    assert info["Tagged"] == "yes"
    assert info["Title"] == (
        "Children and Young People Overview and Scrutiny Panel: performance report for 6 November 2019"
    )
    assert int(info["Pages"]) > 1
    assert 'pdfuaid:part="1"' in poppler("pdfinfo", "-meta", str(path))


def test_pack_is_in_british_english(pack_file, bob):
    """The catalogue's /Lang sits in a compressed object stream: read every stream to find it."""
    data = pack_file(pack_for(panel_meeting(bob), bob)).read_bytes()
    languages = {
        language
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL)
        for language in re.findall(rb"/Lang\s*\(([^)]*)\)", inflated(stream))
    }
    assert languages == {b"en-GB"}


def test_cover_is_portrait_and_the_index_is_printed_on_landscape_pages(pack_file, bob):
    path = pack_file(pack_for(panel_meeting(bob), bob))
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", poppler("pdfinfo", "-f", "1", "-l", "99", str(path)))
    widths_and_heights = [(float(width), float(height)) for width, height in sizes]
    assert widths_and_heights[0][0] < widths_and_heights[0][1]
    assert widths_and_heights[-1][0] > widths_and_heights[-1][1]


def test_every_font_is_embedded_and_none_is_gds_transport(pack_file, bob):
    path = pack_file(pack_for(panel_meeting(bob), bob))
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, _sub, _uni, _object, _generation = row.split()
        assert emb == "yes", row
        assert "Transport" not in name


def test_pack_reads_as_text_with_the_cover_commentary_index_and_page_numbers(pack_file, settings, bob):
    settings.COUNCIL_NAME = "Merton Council"
    path = pack_file(pack_for(panel_meeting(bob), bob))
    text = text_of(path)
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(path)))[1])
    assert "Merton Council" in text
    assert "Data as at" in text
    assert "30 September 2019" in text
    assert COMMENTARY in text
    assert "Weekly audits." in text
    assert "Suite indicator 7" in text
    assert "To add a care leavers' housing indicator." in text
    assert f"Page 1 of {pages}" in text
    assert f"Page {pages} of {pages}" in text


def test_an_exceptions_commentary_and_actions_are_printed_once_on_its_card(pack_file, bob):
    """The exceptions table lists the exceptions; each one's card, after it, tells its story and
    actions, as the report page does (reports/tables.py: EXCEPTIONS)."""
    path = pack_file(pack_for(panel_meeting(bob), bob))
    text = " ".join(text_of(path).split())
    exceptions = text[text.index("Exceptions, Red first") : text.index("Actions since the last meeting")]
    assert "Why it is an exception" in exceptions
    assert "Management commentary" not in exceptions
    assert exceptions.count(COMMENTARY) == 1
    assert exceptions.count("Weekly audits.") == 1
    card = exceptions[exceptions.index("Report card:") :]
    assert COMMENTARY in card
    assert "Weekly audits." in card


def test_the_exceptions_table_gives_the_page_of_each_card(pack_file, bob):
    path = pack_file(pack_for(panel_meeting(bob), bob))
    text = " ".join(text_of(path).split())
    reference, page = re.search(
        r"(\S+) Single assessments authorised within 45 days .*? Page (\d+)\b(?! of)", text
    ).groups()
    card_page = poppler("pdftotext", "-f", page, "-l", page, str(path), "-")
    assert f"Report card: {reference} Single assessments" in " ".join(card_page.split())


def test_no_word_is_printed_under_8_points(pack_file, bob):
    """A word's box is its font's ascent and descent: about 1.12 times the size for Liberation Sans."""
    path = pack_file(pack_for(panel_meeting(bob), bob))
    boxes = poppler("pdftotext", "-bbox", str(path), "-")
    heights = [
        float(bottom) - float(top)
        for top, bottom in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
    ]
    assert heights
    assert min(heights) >= 8 * 1.1


def test_headings_become_bookmarks(bob):
    document = pack_document(pack_for(panel_meeting(bob), bob))
    (cover,) = document.make_bookmark_tree()
    label, _target, children, _state = cover
    assert label == "Performance report for 6 November 2019"
    sections = [child[0] for child in children]
    assert sections == [
        "Summary",
        "Exceptions",
        "Actions since the last meeting",
        "Rating changes since the previous meeting",
        "Corrections since the previous meeting",
        "Data caveats",
        "Decisions taken at this meeting",
        "The full index",
    ]


def test_pack_lets_go_of_its_laid_out_pages_as_it_returns(bob):
    """The pages are reference cycles: left to the collector, a 200-page pack kept a worker's
    memory some 80 MB higher until the collector next ran."""
    data = pack_for(panel_meeting(bob), bob)
    gc.collect()
    pack_pdf(data)
    assert gc.collect() < 1000


def test_the_collector_waits_while_a_pack_is_drawn_and_runs_once_after(bob):
    """The laid-out pages live until the PDF is written: the collector, left on, scanned them again
    and again as they grew, for a quarter of the drawing's time."""
    data = pack_for(panel_meeting(bob), bob)
    collections = []

    def counted(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(counted)
    try:
        pack_pdf(data)
    finally:
        gc.callbacks.remove(counted)
    assert collections == [2]
    assert gc.isenabled()


def test_members_pack_leaves_out_restricted_indicators_and_small_numbers(pack_file, alice, bob):
    meeting = panel_meeting(bob)
    # Words joined across the lines a narrow column wraps them onto.
    members = " ".join(text_of(pack_file(pack_for(meeting, alice))).split())
    officers = " ".join(text_of(pack_file(pack_for(meeting, bob))).split())
    assert RESTRICTED_TITLE in officers
    assert SMALL_FIGURE in officers
    assert RESTRICTED_TITLE not in members
    assert SMALL_FIGURE not in members
    assert "Care leavers in suitable accommodation" in members
    assert "Restricted: not for publication." in officers
    assert "Restricted: not for publication." not in members


def test_officer_downloads_the_restricted_pack_and_a_member_the_public_one(client, alice, bob):
    meeting = panel_meeting(bob)
    url = reverse("reports:pack", args=[meeting.pk])
    client.force_login(bob)
    officers = client.get(url)
    client.force_login(alice)
    members = client.get(url)
    assert officers["Content-Type"] == members["Content-Type"] == "application/pdf"
    assert officers["Content-Disposition"] == (
        'attachment; filename="committee-pack-2019-11-06-restricted.pdf"'
    )
    assert members["Content-Disposition"] == 'attachment; filename="committee-pack-2019-11-06.pdf"'
    assert members.content.startswith(b"%PDF-")


def test_a_drafts_pack_is_for_officers_only(client, alice, bob):
    meeting = panel_meeting(bob, publish=False)
    url = reverse("reports:pack", args=[meeting.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 404
    client.force_login(bob)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_visitors_download_a_published_pack_only_when_public_access_is_on(client, settings, bob):
    meeting = panel_meeting(bob)
    url = reverse("reports:pack", args=[meeting.pk])
    settings.PUBLIC_ACCESS = False
    assert client.get(url).status_code == 302
    settings.PUBLIC_ACCESS = True
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="committee-pack-2019-11-06.pdf"'


def test_report_page_links_to_its_pack(client, alice, bob):
    meeting = panel_meeting(bob)
    client.force_login(alice)
    page = client.get(reverse("reports:meeting", args=[meeting.pk])).content.decode()
    assert f'href="{reverse("reports:pack", args=[meeting.pk])}"' in page


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example.com/transport.woff2",
        "http://127.0.0.1:8000/static/css/pack.css",
        "file:///etc/passwd",
    ],
)
def test_pack_fetches_nothing_outside_the_static_folders(url):
    with pytest.raises(ValueError, match=r"outside|Not a static file"):
        StaticFilesOnly(static_folders()).fetch(url)


def test_pack_reads_its_stylesheet_from_the_static_folder():
    stylesheet = static_folders()[0] / "css" / "pack.css"
    response = StaticFilesOnly(static_folders()).fetch(stylesheet.as_uri())
    assert b"@page" in response.read()


def test_pack_refuses_a_path_that_climbs_out_of_the_static_folder():
    outside = static_folders()[0].as_uri() + "/../pyproject.toml"
    with pytest.raises(ValueError, match="Not a static file"):
        StaticFilesOnly(static_folders()).fetch(outside)
