from django.conf import settings

from indicators.access import can_enter_outturns


def council(request):
    return {
        "council_name": settings.COUNCIL_NAME,
        "public_access": settings.PUBLIC_ACCESS,
        "can_enter_outturns": can_enter_outturns(request.user),
        "sso_enabled": settings.OIDC_ENABLED,
    }
