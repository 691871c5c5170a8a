from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.dfe.models import DfeMapping
from indicators.dfe.services import import_dfe_file
from indicators.dfe.tidy import DfeFileError


class Command(BaseCommand):
    help = (
        "Import comparators (England, region, the council, its statistical neighbours) from a DfE tidy "
        "statistics file, for every indicator mapped to it or only those named."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file as downloaded from DfE.")
        parser.add_argument(
            "--mapping",
            action="append",
            metavar="REFERENCE",
            help="Import only for this indicator's mapping (repeat for more).",
        )
        parser.add_argument("--council", default="", help="DfE old LA code; COUNCIL_LA_CODE by default.")
        parser.add_argument(
            "--older",
            action="store_true",
            help="Import a file whose latest year is earlier than the figures already imported "
            "(refused otherwise); its figures are recorded as an older file's, not as DfE's revisions.",
        )

    def handle(self, *args, file, mapping=None, council="", older=False, **options):
        path = Path(file)
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        mappings = None
        if mapping:
            mappings = list(
                DfeMapping.objects.select_related("indicator").filter(indicator__reference__in=mapping)
            )
            unknown = sorted(set(mapping) - {m.indicator.reference for m in mappings})
            if unknown:
                raise CommandError(f"No DfE mapping for indicator {', '.join(unknown)}.")
        try:
            with handle:
                result = import_dfe_file(
                    handle, file_name=path.name, mappings=mappings, la_code=council, older=older
                )
        except DfeFileError as error:
            raise CommandError(f"{path.name} was not imported: {error}") from None
        style = self.style.WARNING if result.warnings else self.style.SUCCESS
        self.stdout.write(style(result.describe()))
