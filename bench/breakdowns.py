"""Speed promise for reading by locality: the index filtered to one locality for 300 indicators.

A member picks "Locality or team" on the index, which opens that locality's page as at the index's
date: both requests are timed together, as the member's browser makes them. The suite is 300
quarterly indicators, each reported by four localities for two years, a few parts small enough to
be withheld; it is built inside a transaction that is rolled back, so the database is left as it was.
"""

from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client

from bench.build import person, suite_of
from bench.measure import Measurement, best_of
from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from indicators.models import Outturn, ServiceArea, Target
from indicators.roles import MEMBERS
from indicators.rules.periods import PeriodKind, quarter_of
from indicators.services import period_for

INDICATORS = 300
QUARTERS = 8
LOCALITIES = ("North", "South", "East", "West")
REPEAT = 7
LIMIT_MS = 300


def benchmarks(*, indicators: int = INDICATORS) -> list[Measurement]:
    with transaction.atomic():
        member, as_at = _build_suite(indicators)
        client = Client()
        client.force_login(member)
        url = f"/?as_at={as_at.isoformat()}&locality=bench-west"

        def filtered():
            response = client.get(url, follow=True)
            assert response.status_code == 200, response.status_code
            assert response.redirect_chain, "the index did not open the locality's page"
            return response

        shown = filtered().content.decode().count("data-reference=")
        assert shown == indicators, f"{shown} of {indicators} indicators shown"
        queries = []
        with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
            filtered()
        took = best_of(filtered, repeat=REPEAT)
        transaction.set_rollback(True)
    return [
        Measurement(
            f"Index filtered to one locality, {indicators} indicators",
            took,
            LIMIT_MS,
            note=f"a member; the index and the locality's page, {len(queries)} queries, best of {REPEAT}",
        )
    ]


def _build_suite(size: int):
    """`size` quarterly percentages by four localities, each part a fraction, the council's their sum."""
    member = person("bench-localities-member", MEMBERS)
    suite = suite_of(
        size,
        areas=[ServiceArea.objects.create(name="Benchmark: localities", order=997)],
        reference="BENCH-L{n}",
        title="Benchmark indicator by locality {n}",
        unit="percent",
        frequency=PeriodKind.QUARTER,
        varying=lambda n: {"polarity": "higher" if n % 3 else "lower"},
    )
    dimension = Dimension.objects.create(name="Benchmark locality", plural="Benchmark localities")
    members = [
        Member.objects.create(dimension=dimension, name=name, slug=f"bench-{name.lower()}", order=order)
        for order, name in enumerate(LOCALITIES)
    ]
    Breakdown.objects.bulk_create(Breakdown(indicator=indicator, dimension=dimension) for indicator in suite)
    last = quarter_of(date.today()).previous()  # noqa: DTZ011 - a quarter, not a moment
    periods = [period_for(last.shifted(-n)) for n in range(QUARTERS)]
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, value=Decimal(75), tolerance=Decimal(5))
        for indicator in suite
        for year in {period.rule.reporting_year for period in periods}
    )
    parts, totals = [], []
    for i, indicator in enumerate(suite):
        for p, period in enumerate(periods):
            fractions = [
                # One part in 40 is a small number (3 of 20), withheld from members with the next smallest.
                (Decimal(3), Decimal(20))
                if (i + p + m) % 40 == 0
                else (Decimal(20 + (i * 7 + p + m * 5) % 25), Decimal(50))
                for m in range(len(members))
            ]
            for locality, (numerator, denominator) in zip(members, fractions, strict=True):
                parts.append(
                    PartFigure(
                        indicator=indicator,
                        period=period,
                        member=locality,
                        numerator=numerator,
                        denominator=denominator,
                        value=numerator / denominator * 100,
                        status="validated",
                    )
                )
            numerator = sum(numerator for numerator, _ in fractions)
            denominator = sum(denominator for _, denominator in fractions)
            totals.append(
                Outturn(
                    indicator=indicator,
                    period=period,
                    numerator=numerator,
                    denominator=denominator,
                    value=(numerator / denominator * 100).quantize(Decimal("0.0001")),
                    status="validated",
                )
            )
    Outturn.objects.bulk_create(totals, batch_size=2000)
    PartFigure.objects.bulk_create(parts, batch_size=2000)
    return member, periods[0].end
