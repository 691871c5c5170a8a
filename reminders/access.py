"""Who may use the reminders pages.

- Anyone signed in may switch their own reminders off and on.
- Performance officers (and administrators) see the reminders they were sent.
- Administrators see every reminder in the administration pages.
"""

from indicators.roles import ADMINISTRATORS

ROLE_PERMISSIONS = {ADMINISTRATORS: ["view_reminderlog", "view_reminderpreference"]}
"""What each role of `indicators.roles` may do here (registered with indicators/extensions.py)."""
