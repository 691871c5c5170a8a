"""The reminders an officer was sent, and each person's switch for reminders."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from indicators.access import officer_page, signed_in_page
from reminders.forms import ReminderSettingsForm
from reminders.selectors import LOG_PAGE_LENGTH, log_for, reminders_are_on
from reminders.services import set_reminders


@require_GET
@officer_page
def log(request):
    """The reminders sent to this officer, newest first, and those still being tried."""
    logs = log_for(request.user, reader=request.reader)
    context = {
        "logs": logs,
        "is_cut_short": len(logs) == LOG_PAGE_LENGTH,
        "page_length": LOG_PAGE_LENGTH,
        "reminders_on": reminders_are_on(request.user),
    }
    return render(request, "reminders/log.html", context)


@require_http_methods(["GET", "POST"])
@signed_in_page
def reminder_settings(request):
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST)
        if form.is_valid():
            set_reminders(user=request.user, on=form.reminders_on)
            messages.success(
                request,
                "Reminders are switched on." if form.reminders_on else "Reminders are switched off.",
            )
            return redirect("reminders:settings")
    else:
        form = ReminderSettingsForm(initial={"reminders": "on" if reminders_are_on(request.user) else "off"})
    context = {
        "form": form,
        "errors": [{"href": "#id_reminders_0", "text": error} for error in form.errors.get("reminders", [])],
        "email": request.user.email,
        "days_before": settings.REMINDER_DAYS_BEFORE,
    }
    return render(request, "reminders/settings.html", context, status=400 if form.errors else 200)
