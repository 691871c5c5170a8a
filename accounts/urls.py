"""Changing and resetting a password, through Django's own views in the portal's screens.

Django's views look these pages up by their own names, so they are not namespaced. Each states who
may use it, as every portal page does (tests/test_view_access.py)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import views
from accounts.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm


def _for(access, view):
    view.access = access
    return view


people_urls = (
    [
        path("", views.people, name="people"),
        path("invite/", views.invite, name="invite"),
        path("<int:pk>/", views.person, name="person"),
    ],
    "accounts",
)


def _when_sso_is_on(view):
    """Single sign-on's pages exist only where the council has configured its provider."""

    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Single sign-on is not set up.")
        return view(request, *args, **kwargs)

    wrapper.access = "anyone"
    return wrapper


urlpatterns = [
    # The names are mozilla-django-oidc's own, which it reverses.
    path(
        "sso/start/",
        _when_sso_is_on(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "sso/callback/",
        _when_sso_is_on(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "password/",
        _for(
            "signed in", login_required(auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm))
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        _for("signed in", login_required(auth_views.PasswordChangeDoneView.as_view())),
        name="password_change_done",
    ),
    # Anyone may ask for a reset: the page says the same whether or not the address is known.
    path(
        "password/reset/",
        _for(
            "anyone",
            auth_views.PasswordResetView.as_view(
                form_class=PasswordResetForm, extra_email_context={"council_name": settings.COUNCIL_NAME}
            ),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        _for("anyone", auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "password/set/<uidb64>/<token>/",
        _for("anyone", auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm)),
        name="password_reset_confirm",
    ),
    path(
        "password/set/done/",
        _for("anyone", auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
