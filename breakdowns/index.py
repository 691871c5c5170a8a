"""What breakdowns add to the index's own pages (indicators/extensions.py), registered in
BreakdownsConfig.ready(): the localities and teams the index can be narrowed to, and the links to
enter a period's figures by them."""

from datetime import date, timedelta

from django.urls import reverse

from breakdowns.models import Member
from breakdowns.selectors import dimensions_by_indicator
from indicators.extensions import Place
from indicators.rules.periods import add_months


def places_in_use(as_at: date | None) -> list[Place]:
    """The localities and teams in use in the quarter to `as_at` (one that ended or began within it
    still reports that quarter), in their order; every one without a date. One query."""
    members = Member.objects.select_related("dimension").order_by(
        "dimension__order", "dimension__name", "order", "name"
    )
    return [
        Place(member.slug, f"{member.name} ({member.dimension.name.lower()})", member.get_absolute_url())
        for member in members
        if as_at is None or member.is_active_between(add_months(as_at, -3) + timedelta(days=1), as_at)
    ]


def entry_links(request, indicators, key: str) -> dict[int, list[tuple[str, str]]]:
    """Links to enter each indicator's period by each of its dimensions: one query for the whole form."""
    dimensions = dimensions_by_indicator()
    return {
        indicator.pk: [
            (
                dimension.name.lower(),
                reverse("breakdowns:entry", args=[key, indicator.reference, dimension.pk]),
            )
            for dimension in dimensions.get(indicator.pk, [])
        ]
        for indicator in indicators
    }
