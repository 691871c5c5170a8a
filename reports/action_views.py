"""Pages to record the actions the committee agrees and follow them up. Each view says who may use it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from reports import selectors, services
from reports.access import PREPARE_MEETING, may_update_action, owner_or_officer, requires
from reports.actions import report_action
from reports.forms import ActionForm, ActionUpdateForm
from reports.models import Action, Meeting

FIELDS = ("text", "owner", "due", "status", "done_on", "dropped_reason", "update")


def _readable(reader, indicator) -> None:
    if not reader.may_see(indicator):
        raise Http404("No such indicator.")


def _back(action_or_meeting, indicator) -> str:
    meeting = getattr(action_or_meeting, "meeting", action_or_meeting)
    return reverse("reports:meeting_actions", args=[meeting.pk, indicator.reference])


@require_http_methods(["GET", "POST"])
@requires(PREPARE_MEETING)
def meeting_actions(request, pk, reference):
    """The actions on one indicator agreed at this meeting, and a form to record another."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    indicator = get_object_or_404(meeting.committee.indicators, reference=reference)
    _readable(request.reader, indicator)
    owners = selectors.action_owners()
    form = ActionForm(
        request.POST or None,
        owners=owners,
        recording=True,
        initial={"owner": indicator.lead_officer_user_id},
    )
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        services.record_action(
            meeting=meeting,
            indicator=indicator,
            text=fields["text"],
            owner=fields["owner"],
            due=fields["due"],
        )
        messages.success(request, f"Action on indicator {indicator.reference} recorded.")
        return redirect(_back(meeting, indicator))
    context = {
        "meeting": meeting,
        "indicator": indicator,
        "form": form,
        "actions": meeting.actions_agreed.filter(indicator=indicator).select_related("owner"),
        "earlier": Action.objects.filter(
            indicator=indicator, meeting__committee=meeting.committee, meeting__date__lt=meeting.date
        ).select_related("owner", "meeting"),
    }
    return render(request, "reports/actions.html", context)


@require_http_methods(["GET", "POST"])
@requires(PREPARE_MEETING)
def action_edit(request, pk):
    """An officer changes an action: its words, owner and due date, progress and the owner's update."""
    action = get_object_or_404(Action.objects.select_related("meeting", "indicator", "owner"), pk=pk)
    _readable(request.reader, action.indicator)
    owners = selectors.action_owners(also=action.owner)
    initial = {"version": action.version, **{name: getattr(action, name) for name in FIELDS}}
    form = ActionForm(request.POST or None, owners=owners, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            services.change_action(
                action=action,
                opened_version=fields["version"],
                **{name: fields[name] for name in FIELDS},
            )
        except services.StaleActionError as conflict:
            form = ActionForm(
                {**request.POST.dict(), "version": conflict.action.version}, owners=owners, initial=initial
            )
            form.is_valid()
            form.add_error(None, str(conflict))
            action, status = conflict.action, 409
        else:
            messages.success(request, f"Action on indicator {action.indicator.reference} saved.")
            return redirect(_back(action, action.indicator))
    return render(
        request,
        "reports/action_form.html",
        _context(action, form),
        status=status,
    )


@require_http_methods(["GET", "POST"])
@owner_or_officer
def action_update(request, pk):
    """The owner's update on their action (officers who prepare reports may write it for them)."""
    action = get_object_or_404(Action.objects.select_related("meeting", "indicator", "owner"), pk=pk)
    if not may_update_action(request.user, action):
        raise PermissionDenied("Only the action's owner, or an officer preparing reports, may update it.")
    _readable(request.reader, action.indicator)
    form = ActionUpdateForm(
        request.POST or None, initial={"version": action.version, "update": action.update}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(
                action=action, opened_version=form.cleaned_data["version"], update=form.cleaned_data["update"]
            )
        except services.StaleActionError as conflict:
            form = ActionUpdateForm({**request.POST.dict(), "version": conflict.action.version})
            form.is_valid()
            form.add_error(None, str(conflict))
            action, status = conflict.action, 409
        else:
            messages.success(request, "Your update is saved. The next report shows it.")
            return redirect(reverse("reports:action_update", args=[action.pk]))
    return render(
        request,
        "reports/action_form.html",
        _context(action, form),
        status=status,
    )


def _context(action: Action, form) -> dict:
    return {
        "action": action,
        "meeting": action.meeting,
        "indicator": action.indicator,
        "action_state": report_action(action, on=timezone.localdate()),
        "form": form,
        "history": action.history.select_related("history_user").order_by("-history_date")[:20],
    }
