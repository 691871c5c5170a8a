from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Performance index"

    def ready(self):
        from indicators import checks  # noqa: F401 - registers the deployment checks
