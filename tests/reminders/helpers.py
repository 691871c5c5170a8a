"""Dates and data shared by the reminder tests."""

from datetime import date

from tests import factories

# Q2 2019/20 ends on Monday 30 September 2019; 15 working days later its figures are due on Monday
# 21 October. Five working days before that is Monday 14 October.
Q2_START = date(2019, 7, 1)
Q2_DUE = date(2019, 10, 21)
FIRST_REMINDER_DAY = date(2019, 10, 14)
DAY_BEFORE_REMINDERS = date(2019, 10, 11)  # Friday: six working days before
OVERDUE_DAY = date(2019, 10, 22)


def owned_indicator(owner, **fields):
    """A quarterly indicator of `owner`'s, in force from Q2 2019/20 (so that earlier quarters are not due)."""
    fields.setdefault("title", "Single assessments within 45 days")
    return factories.indicator(data_owner_user=owner, introduced_on=Q2_START, **fields)


def mail_server_back(settings):
    """The mail server is up again (Django's test mailbox)."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
