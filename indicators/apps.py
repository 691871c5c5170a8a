from django.apps import AppConfig

from kpi_portal.menu import MenuItem


def _is_staff(user) -> bool:
    return user.is_staff


def _may_enter_outturns(user) -> bool:
    from indicators.access import can_enter_outturns

    return can_enter_outturns(user)


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Performance index"
    menu = (
        MenuItem("Performance index", "indicators:index", order=10),
        MenuItem("Exceptions", "indicators:exceptions", order=20),
        MenuItem("Enter figures", "indicators:entry:choose", order=50, allowed=_may_enter_outturns),
        MenuItem("Administration", "admin:index", order=90, allowed=_is_staff, is_account=True),
    )

    def ready(self):
        from django.db.models.signals import post_migrate

        from indicators import checks  # noqa: F401 - registers the deployment checks
        from indicators.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="indicators.sync_roles")
        self._refresh_variation_on_change(post_migrate)

    def _refresh_variation_on_change(self, post_migrate) -> None:
        from django.db.models.signals import post_delete, post_save

        from indicators.models import ChangePoint, Comparator, Indicator, Target
        from indicators.variation_summary import fill_missing_after_migrate, refresh_for_saved

        post_migrate.connect(fill_missing_after_migrate, sender=self, dispatch_uid="indicators.variation")
        for model in (Indicator, Target, Comparator, ChangePoint):
            post_save.connect(
                refresh_for_saved, sender=model, dispatch_uid=f"variation.saved.{model.__name__}"
            )
        for model in (Target, Comparator, ChangePoint):
            post_delete.connect(
                refresh_for_saved, sender=model, dispatch_uid=f"variation.gone.{model.__name__}"
            )
