"""The demo council's four localities, and a handful of indicators reported by them.

Every part is generated from the council's own figure for the period, so the parts add up to it
exactly: the localities' numerators and denominators sum to the council's, and their counts to its
count. The West is the busiest locality and the one behind on assessments, as members would ask.
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history

from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from indicators.models import Indicator, Outturn
from indicators.rules.figures import value_from_fraction

# Each locality's share of the council's children, and how far its rates sit from the council's.
LOCALITIES = (
    ("North", "north", 0.22, 0.02),
    ("South", "south", 0.24, 0.01),
    ("East", "east", 0.21, 0.0),
    ("West", "west", 0.33, -0.03),
)
# Single assessments on time, re-referrals, contacts, foster carers recruited, first time entrants.
REPORTED = ("2", "5", "4", "22", "36")


def build_demo_localities() -> dict[str, int]:
    """Create the localities and every part of the reported indicators' figures."""
    dimension = Dimension.objects.create(name="Locality", plural="Localities")
    members = [
        Member.objects.create(dimension=dimension, name=name, slug=slug, order=order)
        for order, (name, slug, _, _) in enumerate(LOCALITIES)
    ]
    officer = get_user_model().objects.filter(username="officer").first()
    indicators = list(Indicator.objects.filter(reference__in=REPORTED))
    Breakdown.objects.bulk_create(
        [Breakdown(indicator=indicator, dimension=dimension) for indicator in indicators]
    )
    parts = []
    for indicator in indicators:
        generator = random.Random(f"demo-localities-{indicator.reference}")
        for outturn in Outturn.objects.filter(indicator=indicator).order_by("period__start"):
            parts.extend(_parts_of(outturn, indicator, members, generator, officer))
    bulk_create_with_history(parts, PartFigure, batch_size=500, default_change_reason="Demo council")
    return {"localities": len(members), "indicators": len(indicators), "parts": len(parts)}


def _parts_of(outturn: Outturn, indicator: Indicator, members, generator, officer) -> list[PartFigure]:
    """The localities' shares of one council figure, adding up to it; none where it has no figure
    the parts could add up to (a percentage typed without its numerator and denominator)."""
    if not outturn.is_reportable:
        return []
    shares = [share * generator.uniform(0.9, 1.1) for _, _, share, _ in LOCALITIES]
    if indicator.is_proportion:
        if outturn.numerator is None or outturn.denominator is None:
            return []
        denominators = _apportion(int(outturn.denominator), shares)
        rate = float(outturn.numerator / outturn.denominator)
        sign = 1 if indicator.polarity == "higher" else -1
        leanings = [
            max(rate + sign * bias + generator.gauss(0, 0.02), 0.001) * denominator
            for (_, _, _, bias), denominator in zip(LOCALITIES, denominators, strict=True)
        ]
        numerators = _apportion(int(outturn.numerator), leanings, caps=denominators)
        figures = [
            (value_from_fraction(Decimal(n), Decimal(d), indicator.unit), Decimal(n), Decimal(d))
            for n, d in zip(numerators, denominators, strict=True)
        ]
    else:
        figures = [(Decimal(n), None, None) for n in _apportion(int(outturn.value), shares)]
    return [
        PartFigure(
            indicator=indicator,
            period_id=outturn.period_id,
            member=member,
            value=value,
            numerator=numerator,
            denominator=denominator,
            status=outturn.status,
            entered_by=officer,
        )
        for member, (value, numerator, denominator) in zip(members, figures, strict=True)
    ]


def _apportion(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Whole numbers in proportion to the weights that add up to `total` (largest remainders), none
    above its cap."""
    caps = caps or [total] * len(weights)
    scale = sum(weights) or 1
    exact = [total * weight / scale for weight in weights]
    shares = [min(int(share), cap) for share, cap in zip(exact, caps, strict=True)]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    while sum(shares) < total:
        room = [i for i in by_remainder if shares[i] < caps[i]]
        shares[room[0]] += 1
        by_remainder = room[1:] + room[:1]
    return shares
