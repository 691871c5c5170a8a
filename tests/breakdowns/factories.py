"""Breakdowns for tests: a dimension with its members, an indicator reported by it, and parts."""

from datetime import date
from decimal import Decimal

from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from indicators.models import Indicator
from indicators.rules.periods import Period, quarter_of
from indicators.services import period_for
from tests import factories

LOCALITIES = ("North", "South", "East", "West")


def localities(names=LOCALITIES, dimension="Locality", **dated) -> list[Member]:
    """The council's localities (or another dimension's members); `dated` gives a member's
    (starts, ends) by name."""
    dimension, _ = Dimension.objects.get_or_create(
        name=dimension, defaults={"plural": "Localities" if dimension == "Locality" else f"{dimension}s"}
    )
    members = []
    for order, name in enumerate(names):
        starts, ends = dated.get(name, (None, None))
        members.append(
            Member.objects.get_or_create(
                dimension=dimension,
                name=name,
                defaults={
                    "slug": name.lower().replace(" ", "-"),
                    "starts": starts,
                    "ends": ends,
                    "order": order,
                },
            )[0]
        )
    return members


def reported_by(indicator: Indicator, members: list[Member]) -> Breakdown:
    return Breakdown.objects.get_or_create(indicator=indicator, dimension=members[0].dimension)[0]


def part(indicator: Indicator, when: date | Period, member: Member, value=None, **fields) -> PartFigure:
    period = quarter_of(when) if isinstance(when, date) else when
    fields.setdefault("status", "validated")
    for name in ("numerator", "denominator"):
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    if value is None and fields.get("denominator"):
        value = fields["numerator"] / fields["denominator"] * 100
    return PartFigure.objects.create(
        indicator=indicator,
        period=period_for(period),
        member=member,
        value=None if value is None else Decimal(str(value)),
        **fields,
    )


def assessments_by_locality():
    """Indicator 2, single assessments on time, reported by four localities; Q1 2019/20 on record."""
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=80, tolerance=5)
    factories.outturn(indicator, date(2019, 4, 1), numerator=80, denominator=100, value=80)
    members = localities()
    reported_by(indicator, members)
    return indicator, members
