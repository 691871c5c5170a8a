"""Benchmarks of the pages members read: the index for 300 indicators with five years of monthly figures."""

from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.test import Client

from indicators.bench import Measurement, best_of
from indicators.models import Indicator, Outturn, ServiceArea, Target
from indicators.roles import OFFICERS, ensure_roles
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for

INDICATORS = 300
MONTHS = 60


def build_large_suite(
    *, indicators: int = INDICATORS, months: int = MONTHS, last: date = date(2025, 3, 1)
) -> None:
    """A suite of `indicators` monthly indicators, each with `months` figures up to `last`."""
    areas = [ServiceArea.objects.create(name=f"Service area {n}", order=n) for n in range(8)]
    suite = Indicator.objects.bulk_create(
        Indicator(
            reference=f"B{n}",
            title=f"Benchmark indicator {n}",
            service_area=areas[n % len(areas)],
            unit="percent",
            polarity="higher" if n % 3 else "lower",
            frequency=PeriodKind.MONTH,
            display_order=n,
            is_restricted=n % 50 == 0,
        )
        for n in range(indicators)
    )
    periods = [period_for(Period(last, PeriodKind.MONTH).shifted(-offset)) for offset in range(months)]
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, value=Decimal(75), tolerance=Decimal(5))
        for indicator in suite
        for year in range(last.year - 6, last.year + 1)
    )
    Outturn.objects.bulk_create(
        (
            Outturn(
                indicator=indicator,
                period=period,
                status="validated",
                numerator=Decimal(50 + (i * 7 + p) % 45),
                denominator=Decimal(100),
                value=Decimal(50 + (i * 7 + p) % 45),
            )
            for i, indicator in enumerate(suite)
            for p, period in enumerate(periods)
        ),
        batch_size=2000,
    )


def benchmarks() -> list[Measurement]:
    build_large_suite()
    user = _officer()
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200, response.status_code

    def first_view():
        cache.clear()
        client.get("/")

    return [
        Measurement(
            f"Index page, {INDICATORS} indicators with {MONTHS} monthly figures each",
            best_of(lambda: client.get("/"), repeat=30),
            150,
            note="rows already drawn once",
        ),
        Measurement(
            "Index page, the same, with no row drawn before",
            best_of(first_view, repeat=7),
            300,
            note="every row drawn from the template",
        ),
        Measurement(
            "Indicator page with five years of monthly figures",
            best_of(lambda: client.get("/indicators/B1/"), repeat=7),
            150,
        ),
    ]


def _officer():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench-officer")
    user.groups.add(ensure_roles()[OFFICERS])
    return user
