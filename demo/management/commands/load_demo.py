from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.committee import build_demo_committee
from demo.council import build_demo_council, current_as_at, record_demo_change_point
from demo.localities import build_demo_localities
from indicators.checks import DEMO_PASSWORD, DEMO_USERNAMES
from indicators.models import Indicator


class Command(BaseCommand):
    help = "Load the demo council (suite, figures, users, and its committee) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when a suite is already loaded."
        )
        parser.add_argument(
            "--current",
            action="store_true",
            help="Figures to the latest month already due, the last meeting published and the next in draft "
            "(otherwise the demo stands at 30 September 2025, as the tests read it).",
        )

    def handle(self, *args, if_empty=False, current=False, **options):
        if Indicator.objects.exists():
            if if_empty:
                self.stdout.write("The demo council is already loaded.")
                self._print_users()
                return
            raise CommandError("The database already holds a suite; load the demo council into an empty one.")
        today = timezone.localdate() if current else None
        counts = build_demo_council(as_at=current_as_at(today) if today else None)
        # The localities come before the committee: its published reports freeze their parts.
        build_demo_localities()
        committee = build_demo_committee(today=today)
        record_demo_change_point()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo council: {counts['indicators']} indicators, {counts['outturns']} figures; "
                f"its panel with a {committee['suite']}-indicator suite, {committee['meetings']} meetings "
                f"and {committee['decisions']} decisions."
            )
        )
        self._print_users()

    def _print_users(self):
        names = ", ".join(DEMO_USERNAMES)
        self.stdout.write(f"Demo users {names} sign in with the development-only password '{DEMO_PASSWORD}'.")
