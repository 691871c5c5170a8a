"""What every page entering figures for a period does first, whether by indicator or by breakdown."""

import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from indicators.entry.selectors import entry_refusal_for, period_from_key
from indicators.rules.periods import Period


def period_or_404(key: str) -> Period:
    try:
        return period_from_key(key)
    except ValueError:
        raise Http404("No such period.") from None


def entry_period_page(view):
    """A page entering figures for the period its key names, given to the view after the key: no
    such period is not found, and one whose figures cannot be entered today sends the officer back
    to the list of periods, saying why."""

    @functools.wraps(view)
    def period_view(request, key, **kwargs):
        period = period_or_404(key)
        if refusal := entry_refusal_for(period, today=timezone.localdate()):
            messages.error(request, refusal)
            return redirect("indicators:entry:choose")
        return view(request, key, period, **kwargs)

    return period_view
