"""Inviting people, changing their role and indicators, and deactivating them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from accounts.links import set_password_link
from indicators.models import Indicator
from indicators.roles import ROLES, give_role


def role_of(user) -> str | None:
    """The person's role: the first of the portal's roles they hold, or None."""
    held = {group.name for group in user.groups.all()}
    return next((role.name for role in ROLES if role.name in held), None)


@transaction.atomic
def set_role_and_indicators(*, user, role: str, lead_for, owner_for) -> None:
    """Give `user` exactly one role, and make them lead officer and data owner of exactly the
    indicators given (others they held pass to nobody, not to someone else)."""
    give_role(user, role)
    Indicator.objects.filter(lead_officer_user=user).exclude(pk__in=[i.pk for i in lead_for]).update(
        lead_officer_user=None
    )
    Indicator.objects.filter(pk__in=[i.pk for i in lead_for]).update(lead_officer_user=user)
    Indicator.objects.filter(data_owner_user=user).exclude(pk__in=[i.pk for i in owner_for]).update(
        data_owner_user=None
    )
    Indicator.objects.filter(pk__in=[i.pk for i in owner_for]).update(data_owner_user=user)


def send_invitation(*, user, invited_by) -> None:
    """E-mail `user` the one-time link where they set a password."""
    inviter = invited_by.get_full_name() or invited_by.get_username()
    send_mail(
        "You are invited to the children's services performance portal",
        f"Dear {user.get_full_name()},\n\n{inviter} has given you access to {settings.COUNCIL_NAME}'s "
        f"children's services performance portal. You sign in as {user.get_username()}.\n\n"
        f"Set your password here (the link works once, for three days):\n\n{set_password_link(user)}\n",
        None,
        [user.email],
    )


def invite(*, name: str, email: str, role: str, lead_for, owner_for, invited_by):
    """A new person with no password, their role and indicators, and the e-mailed link to set one.
    Nothing is kept if the e-mail cannot be sent."""
    first_name, _, last_name = name.strip().partition(" ")
    with transaction.atomic():
        user = get_user_model()(
            username=email, email=email, first_name=first_name, last_name=last_name.strip()
        )
        user.set_unusable_password()
        user.save()
        set_role_and_indicators(user=user, role=role, lead_for=lead_for, owner_for=owner_for)
        send_invitation(user=user, invited_by=invited_by)
    return user


def set_active(*, user, active: bool) -> None:
    """Deactivate (or reactivate) a person: a deactivated person cannot sign in, and everything they
    entered, validated or wrote stays with their name on it."""
    user.is_active = active
    user.save(update_fields=["is_active"])
