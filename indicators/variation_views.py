"""Recording where an indicator's process changed, and the guide to reading its charts."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.access import officer_page, public_page
from indicators.models import ChangePoint, Indicator
from indicators.variation_forms import ChangePointForm


def _indicator(request, reference: str) -> Indicator:
    indicator = get_object_or_404(Indicator, reference=reference)
    if not request.reader.may_see(indicator):
        raise Http404("No such indicator.")
    return indicator


def _back(indicator: Indicator):
    return redirect(f"{indicator.get_absolute_url()}#variation")


@require_http_methods(["GET", "POST"])
@officer_page
def record_change_point(request, reference):
    indicator = _indicator(request, reference)
    form = ChangePointForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                change_point = ChangePoint.objects.create(
                    indicator=indicator,
                    period=form.cleaned_data["period"],
                    reason=form.cleaned_data["reason"],
                    decision=form.cleaned_data["decision"],
                    recorded_by=request.user,
                )
        except IntegrityError:
            # Sent twice at once: the first was recorded, the second changes nothing.
            messages.info(request, "That change point was already recorded.")
            return _back(indicator)
        messages.success(request, f"Limits are recalculated from {change_point.period.label}.")
        return _back(indicator)
    status = 400 if form.errors else 200
    return render(
        request, "indicators/change_point.html", {"indicator": indicator, "form": form}, status=status
    )


@require_POST
@officer_page
def remove_change_point(request, reference, pk):
    indicator = _indicator(request, reference)
    removed, _ = ChangePoint.objects.filter(indicator=indicator, pk=pk).delete()
    if removed:
        messages.success(request, "Change point removed: the limits no longer start afresh there.")
    else:
        messages.info(request, "That change point had already been removed.")
    return _back(indicator)


@require_GET
@public_page
def how_to_read(request):
    return render(request, "indicators/how_to_read.html")
