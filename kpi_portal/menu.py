"""The service navigation: each app declares the pages it adds (`menu` on its AppConfig)."""

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


def menu_items() -> list[MenuItem]:
    items = [item for config in apps.get_app_configs() for item in getattr(config, "menu", ())]
    return sorted(items, key=lambda item: item.order)


def navigation(request) -> dict:
    """The pages this reader may open, the current one marked."""
    path = request.path
    shown = []
    for item in menu_items():
        if not item.allowed(request.user):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        shown.append({"label": item.label, "url": url, "current": current})
    return {"navigation": shown}
