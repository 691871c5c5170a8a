"""The service navigation: each app declares the pages it adds (`menu` on its AppConfig).

The service's own pages are the menu under the header; what is the reader's own (their reminders,
the administration pages, signing out) sits at the header's right, so the menu of an officer or an
administrator stays on one line at 1366 px."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


def anyone(user) -> bool:
    return True


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    order: int
    """Where it sits: lower first."""
    allowed: Callable[[object], bool] = anyone
    is_account: bool = False
    """Whether it is the reader's own rather than a page of the service: shown in the header."""


def menu_items() -> list[MenuItem]:
    items = [item for config in apps.get_app_configs() for item in getattr(config, "menu", ())]
    return sorted(items, key=lambda item: item.order)


def navigation(request) -> dict:
    """The pages this reader may open, the current one marked: the service's in `navigation`, the
    reader's own in `account_links`."""
    path = request.path
    shown = {"navigation": [], "account_links": []}
    for item in menu_items():
        if not item.allowed(request.user):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        shown["account_links" if item.is_account else "navigation"].append(
            {"label": item.label, "url": url, "current": current}
        )
    return shown
