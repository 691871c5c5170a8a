"""`manage.py make_report_files`: draw the files of published reports not made yet (the committee
packs, drawn after publication rather than in the publishing officer's request); cron runs it every
few minutes."""

import logging

from django.core.management.base import BaseCommand, CommandError

from reports.files import AUDIENCES, files_not_made, portal_uri, report_file

logger = logging.getLogger(__name__)


def _count(number: int) -> str:
    return f"{number} file" if number == 1 else f"{number} files"


class Command(BaseCommand):
    help = (
        "Make and keep every file of each published report not made yet: the committee packs, drawn"
        " after publication. A file asked for before this runs is made then; a second run makes nothing"
        " twice."
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
        if failed:
            raise CommandError(
                f"{_count(len(failed))} could not be made, and the next run tries again: " + "; ".join(failed)
            )
