import pytest


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """The personas' passwords hash quickly: these tests are about figures, not sign-in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
