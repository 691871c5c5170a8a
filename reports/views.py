"""Pages of committee meetings, their reports and the decision log. Each view says who may use it."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.access import public_page
from reports import selectors, services
from reports.access import (
    APPLY_DECISION,
    PREPARE_MEETING,
    PUBLISH_MEETING,
    can_apply_decisions,
    can_prepare,
    can_publish,
    requires,
)
from reports.appendix import appendix_workbook
from reports.forms import TEXTS, CommentaryForm
from reports.models import Decision, Meeting, MeetingCommentary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _meeting_for(request, pk: int) -> Meeting:
    """The meeting, if this reader may see it: a draft only for those who prepare reports."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "published_by"), pk=pk)
    if not meeting.is_published and not can_prepare(request.user):
        raise Http404("No such report.")
    return meeting


@require_GET
@public_page
def meetings(request):
    context = {
        "meetings": list(selectors.meetings_for(user=request.user)),
        "can_prepare": can_prepare(request.user),
    }
    return render(request, "reports/meetings.html", context)


@require_GET
@public_page
def meeting(request, pk):
    meeting = _meeting_for(request, pk)
    report = selectors.report_for(meeting, user=request.user)
    context = {
        "meeting": meeting,
        "report": report,
        "decisions": selectors.decisions_for(user=request.user, meeting=meeting, at_meeting=True),
        "sees_restricted": report.shows_small_numbers,
        "can_prepare": can_prepare(request.user) and not meeting.is_published,
        "can_publish": can_publish(request.user) and not meeting.is_published,
    }
    return render(request, "reports/meeting.html", context)


@require_GET
@public_page
def appendix(request, pk):
    meeting = _meeting_for(request, pk)
    data = selectors.appendix_data_for(meeting, user=request.user)
    response = HttpResponse(appendix_workbook(data), content_type=XLSX)
    audience = "restricted" if data.shows_small_numbers else "public"
    response["Content-Disposition"] = (
        f'attachment; filename="performance-appendix-{meeting.date.isoformat()}-{audience}.xlsx"'
    )
    return response


@require_POST
@requires(PUBLISH_MEETING)
def publish(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.publish_meeting(meeting=meeting, user=request.user)
    except services.ReportError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The report is published: its figures are now a fixed record.")
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
@requires(PREPARE_MEETING)
def commentary(request, pk, reference):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    indicator = get_object_or_404(
        meeting.committee.indicators.select_related("service_area"), reference=reference
    )
    if meeting.is_published:
        messages.error(
            request, "This report is published and cannot be changed; write commentary in the next one."
        )
        return redirect(meeting)
    note = MeetingCommentary.objects.filter(meeting=meeting, indicator=indicator).first()
    form = CommentaryForm(request.POST or None, initial=_commentary_initial(note))
    stale = None
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            services.save_commentary(
                meeting=meeting,
                indicator=indicator,
                user=request.user,
                commentary=fields["commentary"],
                actions=fields["actions"],
                caveat=fields["caveat"],
                opened_version=fields["version"],
            )
        except services.ReportError as refusal:
            messages.error(request, str(refusal))
        except services.StaleCommentaryError as conflict:
            stale = conflict
            form = _with_conflict(request.POST, conflict.note)
        else:
            messages.success(request, f"Commentary on indicator {indicator.reference} saved.")
        if stale is None:
            return redirect(meeting)
    theirs = stale.note if stale else None
    context = {
        "meeting": meeting,
        "indicator": indicator,
        "form": form,
        "theirs": theirs,
        "theirs_texts": [(form.fields[name].label, getattr(theirs, name)) for name in TEXTS]
        if theirs
        else [],
    }
    return render(request, "reports/commentary.html", context, status=409 if stale else 200)


def _commentary_initial(note: MeetingCommentary | None) -> dict:
    if note is None:
        return {"version": 0}
    return {"version": note.version, **{name: getattr(note, name) for name in TEXTS}}


def _with_conflict(data, theirs: MeetingCommentary | None) -> CommentaryForm:
    """The officer's words again, now opened on the commentary on record, with the conflict stated."""
    data = data.copy()
    data["version"] = theirs.version if theirs else 0
    form = CommentaryForm(data)
    form.is_valid()
    who = "Someone"
    if theirs and theirs.written_by:
        who = theirs.written_by.get_full_name() or theirs.written_by.get_username()
    form.add_error(
        None,
        f"{who} saved commentary on this indicator after you opened it: theirs is shown below, yours is"
        " still in the form. Nothing was saved. Save again to replace theirs with yours, or change yours.",
    )
    return form


@require_GET
@public_page
def decisions(request):
    context = {
        "decisions": selectors.decisions_for(user=request.user),
        "can_apply": can_apply_decisions(request.user),
    }
    return render(request, "reports/decisions.html", context)


@require_POST
@requires(APPLY_DECISION)
def apply(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    try:
        services.apply_decision(decision=decision, user=request.user)
    except services.ReportError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The decision is applied: the suite has changed for the next meeting.")
    return redirect("reports:decisions")


@require_GET
@public_page
def pack(request, pk):
    """The report as one PDF for the agenda, built from what the report page shows this reader."""
    # WeasyPrint is large: loaded by the first pack a worker draws, not by every worker at start.
    from reports.pack import pack_data_for, pack_pdf

    meeting = _meeting_for(request, pk)
    data = pack_data_for(
        meeting,
        report=selectors.report_for(meeting, user=request.user),
        decisions=selectors.decisions_for(user=request.user, meeting=meeting, at_meeting=True),
    )
    response = HttpResponse(pack_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{data.filename}"'
    return response
