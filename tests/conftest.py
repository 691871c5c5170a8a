import os

import pytest

os.environ.setdefault("DEBUG", "true")

from tests import factories

# The single sign-on tests' OpenID Connect provider (started only by the tests that use it).
pytest_plugins = ["tests.sso.fixtures"]


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
