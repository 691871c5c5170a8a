"""A real OpenID Connect provider started on the loopback address for the single sign-on tests,
and the portal's settings pointed at it."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

PROVIDER = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "performance-portal", "a-client-secret-for-tests"
PEOPLE = {
    "dana": {
        "email": "Dana.Okafor@council.example",
        "given_name": "Dana",
        "family_name": "Okafor",
        "groups": ["grp-children-performance", "grp-all-staff"],
    },
    "cllr.ash": {
        "email": "ash.rahman@council.example",
        "given_name": "Ash",
        "family_name": "Rahman",
        "groups": ["grp-scrutiny"],
    },
    "stranger": {
        "email": "stranger@council.example",
        "given_name": "Sam",
        "family_name": "Stranger",
        "groups": ["grp-all-staff"],
    },
}
ROLE_GROUPS = {
    "grp-scrutiny": "members",
    "grp-children-performance": "officers",
    "grp-portal-admins": "administrators",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    """The provider's address; it knows the live server's callback as its client's redirect."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed for the single sign-on tests (the Makefile's assets step needs it too)"
        )
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "PEOPLE": json.dumps(PEOPLE),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URI": f"{live_server.url}/accounts/sso/callback/",
    }
    process = subprocess.Popen(  # noqa: S603
        [node, str(PROVIDER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    issuer = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as answer:  # noqa: S310
                discovery = json.load(answer)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"the OpenID Connect provider did not start:\n{process.stdout.read()}")
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the OpenID Connect provider did not answer")
    yield discovery
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, oidc_provider):
    """The portal configured for the provider as the README says, with roles from its groups."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = oidc_provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = oidc_provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = oidc_provider["jwks_uri"]
    settings.OIDC_ROLE_GROUPS = ROLE_GROUPS
    settings.OIDC_CREATE_USER = True
    return settings
