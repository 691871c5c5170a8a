"""WSGI entry point. With DEBUG off it refuses to serve while demo users keep the demo password.
Once the portal is loaded, the worker settles its garbage collector (kpi_portal/worker.py)."""

import os

from django.core.wsgi import get_wsgi_application

from kpi_portal import worker

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpi_portal.settings")

application = get_wsgi_application()


def _refuse_demo_passwords():
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from indicators.checks import demo_users_with_demo_password

    if settings.DEBUG:
        return
    found = demo_users_with_demo_password()
    if found:
        raise ImproperlyConfigured(
            f"Demo users {', '.join(found)} still have the development password: remove them or change it."
        )


_refuse_demo_passwords()
worker.settle()
