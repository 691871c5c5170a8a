"""Who may use the reminders pages.

- Anyone signed in may switch their own reminders off and on.
- Performance officers (and administrators) see the reminders they were sent.
- Administrators see every reminder in the administration pages.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from indicators.roles import ADMINISTRATORS

ROLE_PERMISSIONS = {ADMINISTRATORS: ["view_reminderlog", "view_reminderpreference"]}
"""What each role of `indicators.roles` may do here (granted through RemindersConfig.role_permissions)."""


def signed_in_page(view):
    """A page about the signed-in person's own settings: anyone signed in, nobody else."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access = "signed in"
    return wrapper
