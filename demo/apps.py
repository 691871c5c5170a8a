from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council: a suite, its figures, users and committee to try the portal with."""

    name = "demo"
    verbose_name = "Demo council"
