"""`manage.py make_report_files`: draw the files of published reports not made yet (the committee
packs, drawn after publication rather than in the publishing officer's request), and the packs of
the drafts of meetings still to come as they now read, for each reader who prepares reports, so an
officer's download of a draft's pack is sent as drawn; cron runs it every few minutes."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.files import AUDIENCES, drafts_to_draw, draw_draft_pack, files_not_made, portal_uri, report_file

logger = logging.getLogger(__name__)


def _count(number: int) -> str:
    return f"{number} file" if number == 1 else f"{number} files"


class Command(BaseCommand):
    help = (
        "Make and keep every file of each published report not made yet: the committee packs, drawn"
        " after publication. A file asked for before this runs is made then; a second run makes nothing"
        " twice. Then draw the pack of each draft of a meeting still to come whose pack has changed."
    )

    def handle(self, *args, **options):
        made, failed = 0, []
        for meeting, kind, audience in files_not_made():
            try:
                report_file(meeting, kind=kind, reader=AUDIENCES[audience], absolute_uri=portal_uri)
            except Exception:
                # One report's file failing leaves the others to be made; the next run tries again.
                logger.exception("The %s for %s (%s) was not made.", kind.label, meeting, audience.label)
                failed.append(f"{meeting}: {kind.label}, {audience.label.lower()}")
            else:
                made += 1
                self.stdout.write(f"Made {kind.label} of {meeting} for {audience.label.lower()}.")
        self.stdout.write(f"{_count(made)} made." if made else "Every published report's files are made.")
        drafts, drawn = drafts_to_draw(timezone.localdate()), 0
        for meeting, reader in drafts:
            who = "restricted" if reader.sees_restricted else "public"
            try:
                if draw_draft_pack(meeting, reader=reader):
                    drawn += 1
                    self.stdout.write(f"Drew the draft pack of {meeting} ({who}).")
            except Exception:
                logger.exception("The draft pack of %s (%s) was not drawn.", meeting, who)
                failed.append(f"{meeting}: draft pack, {who}")
        if drafts and drawn == 0:
            self.stdout.write("Every draft's pack is drawn as it reads.")
        if failed:
            raise CommandError(
                f"{_count(len(failed))} could not be made, and the next run tries again: " + "; ".join(failed)
            )
