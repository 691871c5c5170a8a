"""What the benchmarks build their data from: a person in one of the portal's roles, and a suite of
indicators."""

from collections.abc import Callable

from django.contrib.auth import get_user_model

from indicators.models import Indicator, ServiceArea
from indicators.roles import ensure_roles


def person(username: str, role: str, **fields):
    """A user in `role` (indicators.roles), as a benchmark signs in or records work."""
    user = get_user_model().objects.create_user(username=username, **fields)
    user.groups.add(ensure_roles()[role])
    return user


def suite_of(
    size: int,
    *,
    areas: list[ServiceArea],
    reference: str,
    title: str,
    varying: Callable[[int], dict] = lambda n: {},
    **fields,
) -> list[Indicator]:
    """`size` indicators shown in order, their references and titles numbered from 0 ("BENCH-{n}"),
    spread across `areas` in turn; `varying(n)` gives the fields that change from one to the next."""
    return Indicator.objects.bulk_create(
        Indicator(
            reference=reference.format(n=n),
            title=title.format(n=n),
            service_area=areas[n % len(areas)],
            display_order=n,
            **fields,
            **varying(n),
        )
        for n in range(size)
    )
