"""Single sign-on through the council's OpenID Connect provider (Microsoft Entra ID, or any other),
with mozilla-django-oidc doing the protocol: the authorisation code flow with PKCE, the ID token's
signature checked against the provider's published keys, and the nonce and state checked.

Who may come in, as the council chooses:
- **Roles from the provider's groups** (OIDC_GROUP_MEMBERS, OIDC_GROUP_OFFICERS,
  OIDC_GROUP_ADMINISTRATORS set to group ids): anyone in one of those groups signs in with that
  role, which is set again from the groups at every sign-in; someone in none of them is refused.
- **Roles assigned in the portal** (no groups set): only people an administrator has invited
  (matched by e-mail address) sign in, with the role the portal gives them; anyone else is refused.
A deactivated person is refused either way."""

import logging

from django.conf import settings
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from indicators.roles import ROLES, give_role

logger = logging.getLogger(__name__)


ROLE_FOR = {role.key: role.name for role in ROLES}
"""The roles as OIDC_ROLE_GROUPS names them (settings read the environment, not the roles)."""


def role_from_groups(groups, role_groups: dict[str, str]) -> str | None:
    """The most trusted role any of the person's groups gives (administrator over officer over
    member), or None. `role_groups` maps a group id to "members", "officers" or "administrators"."""
    held = {ROLE_FOR[role_groups[group]] for group in groups or () if group in role_groups}
    return next((role.name for role in reversed(ROLES) if role.name in held), None)


class CouncilSignOn(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        # Entra ID puts the groups in the ID token, not in the user info: read both.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def _role(self, claims) -> str | None:
        return role_from_groups(claims.get("groups"), settings.OIDC_ROLE_GROUPS)

    @transaction.atomic
    def create_user(self, claims):
        role = self._role(claims)
        if role is None:
            logger.info("Single sign-on refused %s: in no group that gives a role", claims.get("email"))
            return None
        email = claims["email"].strip().lower()
        user = self.UserModel(
            username=email,
            email=email,
            first_name=claims.get("given_name", ""),
            last_name=claims.get("family_name", ""),
        )
        user.set_unusable_password()
        user.save()
        give_role(user, role)
        return user

    def update_user(self, user, claims):
        if not settings.OIDC_ROLE_GROUPS:
            return user  # Roles are assigned in the portal.
        role = self._role(claims)
        if role is None:
            logger.info("Single sign-on refused %s: no longer in a group that gives a role", user.email)
            return None
        give_role(user, role)
        return user
