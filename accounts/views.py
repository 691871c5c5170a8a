"""Administrators manage people in the portal's own screens: invite, change role and indicators,
deactivate and reactivate."""

from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.access import people_page
from accounts.forms import InviteForm, PersonForm
from indicators.models import Indicator

NOT_SENT = "The invitation could not be e-mailed ({error}), so nobody was added. Try again, or ask IT."


def _status(user) -> str:
    if not user.is_active:
        return "Deactivated"
    if not user.has_usable_password() and user.last_login is None:
        return "Invited"
    return "Active"


@people_page
def people(request):
    users = (
        get_user_model()
        .objects.prefetch_related("groups")
        .annotate(leads=Count("indicators_led", distinct=True), owns=Count("indicators_owned", distinct=True))
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    rows = [
        {"user": user, "role": services.role_of(user) or "No role", "status": _status(user)} for user in users
    ]
    return render(request, "accounts/people.html", {"rows": rows})


@people_page
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite(
                name=data["name"],
                email=data["email"],
                role=data["role"],
                lead_for=data["lead_for"],
                owner_for=data["owner_for"],
                invited_by=request.user,
            )
        except (OSError, SMTPException) as error:
            form.add_error(None, NOT_SENT.format(error=error))
        else:
            messages.success(
                request,
                f"{user.get_full_name()} is invited: the link to set a password is e-mailed to {user.email}.",
            )
            return redirect("accounts:people")
    return render(request, "accounts/invite.html", {"form": form})


@people_page
@require_http_methods(["GET", "POST"])
def person(request, pk: int):
    user = get_object_or_404(get_user_model(), pk=pk)
    initial = {
        "role": services.role_of(user),
        "lead_for": Indicator.objects.filter(lead_officer_user=user),
        "owner_for": Indicator.objects.filter(data_owner_user=user),
    }
    form = PersonForm(request.POST if request.POST.get("action") == "save" else None, initial=initial)
    action = request.POST.get("action")
    if action == "save" and form.is_valid():
        services.set_role_and_indicators(user=user, **form.cleaned_data)
        messages.success(request, f"{user.get_full_name() or user.username}'s role and indicators are saved.")
        return redirect("accounts:people")
    if action in ("deactivate", "reactivate"):
        if user == request.user:
            messages.error(request, "You cannot deactivate yourself: ask another administrator.")
        else:
            services.set_active(user=user, active=action == "reactivate")
            done = "deactivated: they can no longer sign in" if action == "deactivate" else "reactivated"
            messages.success(request, f"{user.get_full_name() or user.username} is {done}.")
            return redirect("accounts:people")
    if action == "resend" and user.is_active and not user.has_usable_password():
        try:
            services.send_invitation(user=user, invited_by=request.user)
        except (OSError, SMTPException) as error:
            messages.error(request, f"The invitation could not be e-mailed ({error}).")
        else:
            messages.success(request, f"The invitation is e-mailed to {user.email} again.")
            return redirect("accounts:people")
    return render(request, "accounts/person.html", {"person": user, "form": form, "status": _status(user)})
