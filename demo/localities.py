"""The demo council's four localities, and a handful of indicators reported by them; and the two
teams inside each locality that report contacts (indicator 4).

Every part is generated from the council's own figure for the period, so the parts add up to it
exactly: the localities' numerators and denominators sum to the council's, and their counts to its
count; each locality's two teams add up to the locality's count. The West is the busiest locality
and the one behind on assessments, as members would ask. North B is a small outreach team whose few
contacts a quarter are withheld, with whatever would give them away.
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
# The teams inside each locality, with their share of its contacts.
TEAMS = (
    ("North A", "north-a", "north", 0.994),
    ("North B", "north-b", "north", 0.006),
    ("South A", "south-a", "south", 0.55),
    ("South B", "south-b", "south", 0.45),
    ("East A", "east-a", "east", 0.6),
    ("East B", "east-b", "east", 0.4),
    ("West A", "west-a", "west", 0.5),
    ("West B", "west-b", "west", 0.5),
)
BY_TEAM = ("4",)


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
    teams = build_demo_teams(members, officer)
    return {"localities": len(members), "teams": teams, "indicators": len(indicators), "parts": len(parts)}


def build_demo_teams(localities: list[Member], officer) -> int:
    """The teams inside the localities, and their parts of the localities' contacts."""
    dimension = Dimension.objects.create(name="Team", plural="Teams", order=1)
    locality = {member.slug: member for member in localities}
    teams = [
        Member.objects.create(dimension=dimension, name=name, slug=slug, parent=locality[parent], order=order)
        for order, (name, slug, parent, _) in enumerate(TEAMS)
    ]
    indicators = list(Indicator.objects.filter(reference__in=BY_TEAM))
    Breakdown.objects.bulk_create(
        [Breakdown(indicator=indicator, dimension=dimension) for indicator in indicators]
    )
    share = {slug: weight for _, slug, _, weight in TEAMS}
    parts = []
    for indicator in indicators:
        generator = random.Random(f"demo-teams-{indicator.reference}")
        for figure in PartFigure.objects.filter(indicator=indicator, member__in=localities).order_by(
            "period__start", "member__order"
        ):
            inside = [team for team in teams if team.parent_id == figure.member_id]
            weights = [share[team.slug] * generator.uniform(0.5, 1.5) for team in inside]
            parts.extend(
                PartFigure(
                    indicator=indicator,
                    period_id=figure.period_id,
                    member=team,
                    value=Decimal(count),
                    status=figure.status,
                    entered_by=officer,
                )
                for team, count in zip(inside, _apportion(int(figure.value), weights), strict=True)
            )
    bulk_create_with_history(parts, PartFigure, batch_size=500, default_change_reason="Demo council")
    return len(teams)


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
