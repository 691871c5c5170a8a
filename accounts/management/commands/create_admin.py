"""The council's first administrator, on a portal that has just been migrated.

    manage.py create_admin --name "Asha Patel" --email asha.patel@council.gov.uk

The administrator is made with no password: the command prints, and e-mails, a one-time link where
they set their own, so no password is ever typed on a command line or kept in a shell's history.
"""

from smtplib import SMTPException

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from accounts.links import set_password_link
from indicators.roles import ADMINISTRATORS, ensure_roles


class Command(BaseCommand):
    help = "Create an administrator (name, e-mail) and print the one-time link where they set a password."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='Their full name, as "Asha Patel".')
        parser.add_argument("--email", required=True, help="Their work e-mail address.")
        parser.add_argument("--username", help="The name they sign in with (by default, the e-mail address).")
        parser.add_argument("--no-email", action="store_true", help="Print the link only; do not e-mail it.")

    def handle(self, *args, name, email, username=None, no_email=False, **options):
        name, email = name.strip(), email.strip().lower()
        if not name:
            raise CommandError("Give the administrator's full name with --name.")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        username = (username or email).strip()
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"There is already a user called {username!r}; nothing was changed.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"There is already a user with the e-mail {email}; nothing was changed.")
        first_name, _, last_name = name.partition(" ")
        with transaction.atomic():
            user = User(
                username=username,
                email=email,
                first_name=first_name,
                last_name=last_name.strip(),
                is_staff=True,
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(ensure_roles()[ADMINISTRATORS])
        link = set_password_link(user)
        self.stdout.write(f"{name} ({username}) is an administrator. They set a password at:\n{link}")
        if no_email:
            return
        try:
            send_mail(
                "Set your password for the performance portal",
                f"Dear {name},\n\nYou are an administrator of the children's services performance "
                f"portal. Set your password here (the link works once, for three days):\n\n{link}\n",
                None,
                [email],
            )
        except (OSError, SMTPException) as error:
            # The administrator exists either way; the link above is how they get in.
            self.stderr.write(
                f"The e-mail to {email} could not be sent ({error}); give them the link yourself."
            )
        else:
            self.stdout.write(f"The link was e-mailed to {email}.")
