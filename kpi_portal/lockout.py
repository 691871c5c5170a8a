"""Sign-in lockouts, kept by django-axes in the database.

- Five wrong passwords for one account from one address lock that account at that address for an hour
  (AXES_FAILURE_LIMIT).
- Ten wrong passwords from one address, whatever the usernames, lock every sign-in from that address
  for an hour (AXES_ADDRESS_FAILURE_LIMIT): a list of usernames sprayed from one address is stopped,
  while colleagues sharing the council's address are not locked out by one person's typing.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AccountAndAddressLockout(AxesDatabaseHandler):
    """Axes counts failures against one limit, the largest of its lockout parameters' counts; this
    gives the address its own, larger limit (AXES_LOCKOUT_PARAMETERS lists the account and address
    first, the address alone second)."""

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account
