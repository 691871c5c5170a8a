import os

import pytest
from django.test import override_settings

os.environ.setdefault("DEBUG", "true")

from tests import factories

# The single sign-on tests' OpenID Connect provider (started only by the tests that use it).
pytest_plugins = ["tests.sso.fixtures"]


@pytest.fixture(autouse=True, scope="session")
def quick_passwords():
    """Passwords hash quickly in the tests, which create and sign in hundreds of people: a second of
    Django's PBKDF2 each would be most of a browser test's setup. The portal runs with Django's own
    hashers (`PASSWORD_HASHERS` is not set), and the production tests sign in through them."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def alice(db):
    return factories.scrutiny_member()


@pytest.fixture
def bob(db):
    return factories.performance_officer()


@pytest.fixture
def charlie(db):
    return factories.administrator()


@pytest.fixture
def public_access(settings):
    settings.PUBLIC_ACCESS = True
    return settings
