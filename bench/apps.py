from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`manage.py bench`: the portal's speed promises, measured. Not part of the product's wheel."""

    name = "bench"
    verbose_name = "Benchmarks"
