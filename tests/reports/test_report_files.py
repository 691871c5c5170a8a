"""A published report's pack, appendix and open data are made once and sent as they were made."""

import hashlib
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from indicators.models import Outturn
from indicators.roles import MEMBERS
from indicators.services import correct_outturn
from reports.models import ReportFile, ReportFileKind
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports
from tests.test_cache_outage import CLOSED_PORT, configured_with_cache_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    """A committee with an open indicator whose latest figure is a small number, and a restricted one."""
    placed = factories.indicator(
        reference="22", title="Children placed more than 20 miles away", polarity="lower"
    )
    factories.target(placed, 2019, value=10, tolerance=2)
    factories.outturn(placed, date(2019, 4, 1), numerator=8, denominator=40)
    factories.outturn(placed, date(2019, 7, 1), numerator=3, denominator=40)
    restricted = factories.indicator(reference="23", title="Children missing from care", is_restricted=True)
    factories.outturn(restricted, date(2019, 7, 1), 12)
    return reports.committee([placed, restricted])


@pytest.fixture
def published(panel, bob):
    return publish_meeting(meeting=reports.meeting(panel), user=bob)


def csv_url(meeting):
    return reverse("reports:report_csv", args=[meeting.pk])


def test_a_published_csv_is_sent_as_first_made_after_a_correction(client, bob, published):
    client.force_login(bob)
    first = client.get(csv_url(published))
    outturn = published.entries.get(reference="22").indicator.outturns.get(period__start=date(2019, 7, 1))
    correct_outturn(
        outturn=outturn,
        value=None,
        status="validated",
        reason="Recounted",
        user=bob,
        numerator=Decimal(30),
        denominator=Decimal(40),
    )
    published.committee.name = "Renamed panel"
    published.committee.save()

    again = client.get(csv_url(published))

    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]


def test_each_reader_is_sent_the_file_made_for_their_permission(client, alice, bob, published):
    client.force_login(bob)
    restricted = client.get(csv_url(published)).content.decode()
    client.force_login(alice)
    public = client.get(csv_url(published)).content.decode()

    assert "Children missing from care" in restricted
    assert "Children missing from care" not in public
    assert ReportFile.objects.filter(kind=ReportFileKind.REPORT_CSV).count() == 2


def test_a_download_names_its_digest_and_length(client, alice, published):
    client.force_login(alice)
    response = client.get(reverse("reports:appendix", args=[published.pk]))

    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert response["Content-Length"] == str(len(response.content))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].endswith('-public.xlsx"')


def test_a_browser_holding_the_file_is_told_it_has_not_changed(client, public_access, published):
    first = client.get(csv_url(published))

    again = client.get(csv_url(published), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert "private" not in again.get("Cache-Control", "")


def test_publishing_makes_every_file_for_each_audience_and_the_packs_are_drawn_after_it(
    client, bob, panel, django_capture_on_commit_callbacks
):
    """The appendix and open data are made as the report is published; the packs, hundreds of
    pages for a large suite, are drawn by `make_report_files`, which cron runs every few minutes,
    so the publishing officer's request never waits for them."""
    meeting = reports.meeting(panel)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish_through_the_checklist(client, meeting, reason="Figures validated after the deadline")

    every_file = {(kind, audience) for kind in ReportFileKind.values for audience in ("restricted", "public")}
    made = set(ReportFile.objects.filter(meeting=meeting).values_list("kind", "audience"))
    assert made == {(kind, audience) for kind, audience in every_file if kind != ReportFileKind.PACK}

    out = StringIO()
    call_command("make_report_files", stdout=out)

    made = set(ReportFile.objects.filter(meeting=meeting).values_list("kind", "audience"))
    assert made == every_file
    assert "2 files made." in out.getvalue()
    packs = ReportFile.objects.filter(meeting=meeting, kind=ReportFileKind.PACK)
    assert all(bytes(pack.content).startswith(b"%PDF") for pack in packs)

    again = StringIO()
    call_command("make_report_files", stdout=again)
    assert again.getvalue() == "Every published report's files are made.\n"
    assert ReportFile.objects.filter(meeting=meeting).count() == len(every_file)


def test_a_pack_asked_for_before_the_command_runs_is_made_then_and_kept(client, bob, published):
    client.force_login(bob)
    response = client.get(reverse("reports:pack", args=[published.pk]))

    assert response.status_code == 200
    kept = ReportFile.objects.get(meeting=published, kind=ReportFileKind.PACK, audience="restricted")
    sent = b"".join(response.streaming_content) if response.streaming else response.content
    assert sent == bytes(kept.content)
    call_command("make_report_files", stdout=StringIO())
    again = ReportFile.objects.get(pk=kept.pk)
    assert bytes(again.content) == sent, "the command makes nothing twice"


def test_a_file_that_cannot_be_made_fails_the_command_and_leaves_the_rest_made(published, monkeypatch):
    from reports import files

    def broken(meeting, *, reader):
        raise RuntimeError("the pack could not be laid out")

    monkeypatch.setattr(files, "pack_pdf_for", broken)
    out = StringIO()
    with pytest.raises(CommandError, match="2 files could not be made, and the next run tries again"):
        call_command("make_report_files", stdout=out)

    assert not ReportFile.objects.filter(kind=ReportFileKind.PACK).exists()
    assert ReportFile.objects.filter(kind=ReportFileKind.APPENDIX).count() == 2


def test_a_drafts_appendix_is_drawn_afresh_and_not_kept(client, bob, panel):
    meeting = reports.meeting(panel)
    client.force_login(bob)

    response = client.get(reverse("reports:appendix", args=[meeting.pk]))

    assert response.status_code == 200
    assert not ReportFile.objects.exists()


@pytest.fixture
def drawings(monkeypatch) -> list[str]:
    """The HTML of every pack WeasyPrint draws while the test runs."""
    from reports import pack

    drawn, draw = [], pack._drawn
    monkeypatch.setattr(pack, "_drawn", lambda html: drawn.append(html) or draw(html))
    return drawn


def pack_text(pdf: bytes) -> str:
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_drafts_pack_is_drawn_once_for_what_it_says_and_again_when_that_changes(
    client, bob, panel, drawings
):
    """A draft's pack is sent as drawn while the draft says the same; a correction changes what it
    says, and the next download draws it again with the corrected figure. Nothing is kept as a
    published report's file."""
    meeting = reports.meeting(panel)
    client.force_login(bob)
    url = reverse("reports:pack", args=[meeting.pk])

    first = client.get(url)
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first.content.startswith(b"%PDF")
    assert second.content == first.content
    assert len(drawings) == 1
    assert "20%" not in pack_text(first.content)

    latest = Outturn.objects.get(indicator__reference="22", period__start=date(2019, 7, 1))
    correct_outturn(outturn=latest, value=Decimal(20), status="validated", reason="Recounted", user=bob)
    third = client.get(url)

    assert len(drawings) == 2
    assert third.content != first.content
    assert "20%" in pack_text(third.content)
    assert client.get(url).content == third.content
    assert len(drawings) == 2
    assert not ReportFile.objects.exists()


def test_a_drafts_pack_for_a_preparer_without_permission_is_drawn_for_them(client, bob, panel, drawings):
    """Two people who prepare reports, one of whom may not see restricted indicators or small
    numbers: each is sent the pack drawn from what they may see, never the other's."""
    meeting = reports.meeting(panel)
    clerk = factories.make_user("clerk", MEMBERS)
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename="prepare_meeting")
    )
    url = reverse("reports:pack", args=[meeting.pk])
    client.force_login(bob)
    restricted = client.get(url).content
    client.force_login(clerk)
    public = client.get(url).content

    assert len(drawings) == 2
    assert public != restricted
    assert "Children missing from care" in pack_text(restricted)
    assert "Children missing from care" not in pack_text(public)


def test_with_the_cache_down_a_drafts_pack_is_drawn_and_sent(client, bob, panel, settings, drawings):
    configured_with_cache_at(settings, CLOSED_PORT)
    meeting = reports.meeting(panel)
    client.force_login(bob)
    url = reverse("reports:pack", args=[meeting.pk])

    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    assert len(drawings) == 2


def test_the_command_draws_the_packs_of_drafts_still_to_come_before_anyone_asks(client, bob, panel, drawings):
    today = timezone.localdate()
    coming = reports.meeting(panel, day=today + timedelta(days=30))
    reports.meeting(panel, day=today - timedelta(days=30))  # held already, and never published

    out = StringIO()
    call_command("make_report_files", stdout=out)

    assert f"Drew the draft pack of {coming} (restricted)." in out.getvalue()
    assert len(drawings) == 1
    again = StringIO()
    call_command("make_report_files", stdout=again)
    assert "Every draft's pack is drawn as it reads." in again.getvalue()
    client.force_login(bob)
    response = client.get(reverse("reports:pack", args=[coming.pk]))
    assert response.content.startswith(b"%PDF")
    assert len(drawings) == 1, "the officer's download is sent as the command drew it"
