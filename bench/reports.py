"""The committee outputs' speed promises for a 150-indicator suite: the appendix workbook in under
half a second, a draft's PDF pack unchanged since it was drawn in under half a second, the
published report's CSV in under 200 ms, the PDF pack drawn in under 3 seconds.
Ten of the indicators are in the report by four localities too, as a council that reports
"locality-level performance information" would have them.

The data is built in the current database inside a transaction that is rolled back, so the
database is left as it was.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.test import Client

from bench.build import person, suite_of
from bench.measure import Measurement, best_of
from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from indicators.models import Indicator, Outturn, ServiceArea, Target
from indicators.reader import Reader
from indicators.roles import OFFICERS
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for
from reports.appendix import appendix_workbook
from reports.files import AUDIENCES, draft_pack_for, pack_pdf_for
from reports.models import Audience, Committee, Meeting
from reports.selectors import appendix_data_for
from reports.services import publish_meeting

SUITE_SIZE = 150
BY_LOCALITY = 10
LIMIT_MS = 500.0


def meeting_of_suite(size: int = SUITE_SIZE) -> Meeting:
    """A meeting of a committee of `size` quarterly indicators, ten of them by four localities."""
    areas = [ServiceArea.objects.create(name=f"Benchmark area {n}", order=100 + n) for n in range(6)]
    quarters = [period_for(Period(date(2022, 4, 1), PeriodKind.QUARTER).shifted(n)) for n in range(12)]
    indicators = suite_of(
        size,
        areas=areas,
        reference="BENCH-{n}",
        title="Benchmark indicator {n}: % of children seen within timescale",
        unit="percent",
        polarity="higher",
        frequency="quarter",
        varying=lambda n: {"is_restricted": n % 25 == 0},
    )
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, value=Decimal(80), tolerance=Decimal(5))
        for indicator in indicators
        for year in (2022, 2023, 2024)
    )
    Outturn.objects.bulk_create(
        Outturn(
            indicator=indicator,
            period=quarter,
            numerator=Decimal(60 + (n + q) % 35),
            denominator=Decimal(100),
            value=Decimal(60 + (n + q) % 35),
            status="validated",
            commentary="=Commentary that looks like a formula" if n % 10 == 0 else "Steady.",
        )
        for n, indicator in enumerate(indicators)
        for q, quarter in enumerate(quarters)
    )
    committee = Committee.objects.create(name="Benchmark committee", exceptions_amber=True)
    committee.indicators.set(indicators)
    meeting = Meeting.objects.create(committee=committee, date=date(2025, 5, 1), as_at=date(2025, 3, 31))
    meeting.breakdowns.set(_by_locality(indicators[1 : BY_LOCALITY + 1], quarters[-1]))
    return meeting


def _by_locality(indicators: list[Indicator], quarter) -> list[Breakdown]:
    """Four localities whose parts of the latest quarter add up to each council figure (n of 100)."""
    dimension = Dimension.objects.create(name="Benchmark locality", plural="Benchmark localities")
    members = Member.objects.bulk_create(
        Member(dimension=dimension, name=f"Locality {n}", slug=f"bench-locality-{n}", order=n)
        for n in range(4)
    )
    latest = Outturn.objects.filter(indicator__in=indicators, period=quarter)
    council = {outturn.indicator_id: outturn for outturn in latest}
    parts = []
    for indicator in indicators:
        numerator = int(council[indicator.pk].numerator)
        shares = [numerator // 4 + (1 if n < numerator % 4 else 0) for n in range(4)]
        parts.extend(
            PartFigure(
                indicator=indicator,
                period=quarter,
                member=member,
                numerator=Decimal(share),
                denominator=Decimal(25),
                value=Decimal(share * 4),
                status="validated",
            )
            for member, share in zip(members, shares, strict=True)
        )
    PartFigure.objects.bulk_create(parts)
    return Breakdown.objects.bulk_create(
        Breakdown(indicator=indicator, dimension=dimension) for indicator in indicators
    )


def benchmarks() -> list[Measurement]:
    with transaction.atomic():
        meeting = meeting_of_suite(SUITE_SIZE)
        appendix = best_of(lambda: appendix_workbook(appendix_data_for(meeting, reader=Reader.PUBLIC)))
        # A draft's pack is drawn when what it says changes (or by `make_report_files` before it is
        # asked for), and sent as drawn while it says the same: worked out, then found drawn.
        draft_pack_for(meeting, reader=AUDIENCES[Audience.RESTRICTED])
        draft = best_of(lambda: draft_pack_for(meeting, reader=AUDIENCES[Audience.RESTRICTED]))
        officer = person("bench-clerk", OFFICERS)
        publish_meeting(meeting=meeting, user=officer)
        client = Client()
        client.force_login(officer)
        csv = best_of(lambda: _fetched(client, f"/meetings/{meeting.pk}/report.csv"), repeat=10)
        # A published pack is drawn once, when it is published (reports/files.py): this times that
        # drawing; the bench's "published" part times sending the one kept.
        pack = best_of(lambda: pack_pdf_for(meeting, reader=AUDIENCES[Audience.RESTRICTED]), repeat=3)
        transaction.set_rollback(True)
    return [
        Measurement(
            name=f"appendix for a {SUITE_SIZE}-indicator suite",
            value=round(appendix, 1),
            limit=LIMIT_MS,
            note="report lines from the figures, then the workbook's bytes",
        ),
        Measurement(
            f"draft PDF committee pack of a {SUITE_SIZE}-indicator report, unchanged since drawn",
            draft,
            LIMIT_MS,
            note="its report and HTML worked out from the figures, then sent as drawn",
        ),
        Measurement(f"open data CSV of a published {SUITE_SIZE}-indicator report", csv, 200),
        Measurement(f"PDF committee pack of a {SUITE_SIZE}-indicator report, drawn", pack, 3000),
    ]


def _fetched(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content
