"""A one-time link that lets a person set their own password."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_link(user) -> str:
    """The address, on PORTAL_URL, where `user` sets a password; it works once, and for
    PASSWORD_RESET_TIMEOUT seconds (three days unless the council sets another)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.PORTAL_URL.rstrip("/") + path
