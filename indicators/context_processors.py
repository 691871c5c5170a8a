from django.conf import settings
from django.urls import reverse

from indicators.access import can_enter_outturns

# (label, URL name, who sees it). Apps built on this one add their pages when they are ready,
# before "Enter figures" (see reports/apps.py).
NAVIGATION = [
    ("Performance index", "indicators:index", lambda user: True),
    ("Exceptions", "indicators:exceptions", lambda user: True),
    ("Enter figures", "indicators:entry:choose", can_enter_outturns),
    ("Administration", "admin:index", lambda user: user.is_staff),
]


def add_navigation(label: str, url_name: str, *, before: str = "Enter figures", allowed=lambda user: True):
    labels = [item[0] for item in NAVIGATION]
    if label not in labels:
        NAVIGATION.insert(labels.index(before), (label, url_name, allowed))


def council(request):
    user = request.user
    path = request.path
    navigation = []
    for label, name, allowed in NAVIGATION:
        if not allowed(user):
            continue
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        navigation.append({"label": label, "url": url, "current": current})
    return {
        "council_name": settings.COUNCIL_NAME,
        "public_access": settings.PUBLIC_ACCESS,
        "navigation": navigation,
        "can_enter_outturns": can_enter_outturns(user),
    }
