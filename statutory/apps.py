from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    """The pages the law asks of a public sector website: accessibility, privacy and cookies."""

    name = "statutory"
    verbose_name = "Accessibility, privacy and cookies"
