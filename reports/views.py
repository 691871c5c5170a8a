"""Pages of committee meetings, their reports and the decision log. Each view says who may use it."""

import logging
from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.access import public_page
from reports import selectors, services
from reports.access import (
    ADD_COMMITTEE,
    ADD_MEETING,
    APPLY_DECISION,
    CHANGE_COMMITTEE,
    CHANGE_MEETING,
    PREPARE_MEETING,
    PUBLISH_MEETING,
    can_add,
    can_apply_decisions,
    can_prepare,
    can_publish,
    can_set_up_committees,
    requires,
)
from reports.files import appendix_for, draft_pack_for, file_response, report_file, store_report_files
from reports.forms import TEXTS, CommentaryForm, CommitteeForm, MeetingForm, SignOffForm
from reports.front_sheet import MEETING_RECORDS
from reports.models import Committee, Decision, Meeting, MeetingCommentary, ReportFileKind
from reports.sections import sections_for

logger = logging.getLogger(__name__)


def _meeting_for(request, pk: int) -> Meeting:
    """The meeting, if this reader may see it: a draft only for those who prepare reports."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "published_by"), pk=pk)
    if not meeting.is_published and not can_prepare(request.user):
        raise Http404("No such report.")
    return meeting


def _error_items(form) -> list[dict]:
    """The form's errors as the error summary lists them, each linked to its field."""
    items = [{"href": "#main-content", "text": error} for error in form.non_field_errors()]
    for field in form:
        anchor = field.name if field.name == "breakdowns" else field.id_for_label or field.name
        items += [{"href": f"#{anchor}", "text": error} for error in field.errors]
    return items


def _published_words(meeting: Meeting) -> str:
    who = meeting.published_by
    name = (who.get_full_name() or who.get_username()) if who else "someone"
    return (
        f"The report for {date_format(meeting.date, 'j F Y')} was already published on "
        f"{date_format(timezone.localtime(meeting.published_at), 'j F Y')} by {name}: nothing was changed."
    )


@require_GET
@public_page
def meetings(request):
    context = {
        "meetings": list(selectors.meetings_for(user=request.user)),
        "can_prepare": can_prepare(request.user),
        "can_add_meeting": can_add(request.user, ADD_MEETING),
        "can_set_up_committees": can_set_up_committees(request.user),
    }
    return render(request, "reports/meetings.html", context)


@require_GET
@public_page
def meeting(request, pk):
    meeting = _meeting_for(request, pk)
    report = selectors.report_for(meeting, reader=request.reader)
    outstanding, outstanding_withheld = report.outstanding
    context = {
        "meeting": meeting,
        "report": report,
        "decisions": report.decisions,
        "sees_restricted": report.shows_small_numbers,
        "can_prepare": can_prepare(request.user) and not meeting.is_published,
        "can_publish": can_publish(request.user) and not meeting.is_published,
        "can_edit": can_add(request.user, CHANGE_MEETING) and not meeting.is_published,
        "outstanding": outstanding,
        "outstanding_withheld": outstanding_withheld,
        "sections": sections_for(report),
    }
    return render(request, "reports/meeting.html", context)


@require_GET
@public_page
def appendix(request, pk):
    """The appendix workbook: the one kept for this reader's permission once the report is published."""
    return _download(request, _meeting_for(request, pk), ReportFileKind.APPENDIX, appendix_for)


def _download(request, meeting: Meeting, kind: ReportFileKind, draw) -> HttpResponse:
    """A published report's file as kept (reports/files.py); a draft's drawn afresh by `draw`."""
    if meeting.is_published:
        kept = report_file(meeting, kind=kind, reader=request.reader, absolute_uri=request.build_absolute_uri)
        return file_response(request, kept)
    made = draw(meeting, reader=request.reader)
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


@require_http_methods(["GET", "POST"])
@requires(PUBLISH_MEETING)
def publish(request, pk):
    """The checklist (GET); then, with a reason where items are outstanding, the confirmation of what
    will be frozen (POST); then, confirmed, the sign-off that publishes the report (POST confirm)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "published_by"), pk=pk)
    if meeting.is_published:
        messages.error(request, _published_words(meeting))
        return redirect(meeting)
    checklist = selectors.publish_checklist(meeting)
    form = SignOffForm(
        request.POST or None, initial={"drawn": checklist.fingerprint}, outstanding=len(checklist.items)
    )
    if request.method == "GET" or not form.is_valid():
        return _checklist_page(request, meeting, checklist, form)
    reason, drawn = form.cleaned_data["reason"], form.cleaned_data["drawn"]
    if drawn != checklist.fingerprint:
        return _checklist_page(request, meeting, checklist, _redrawn(checklist, reason), stale=True)
    if not form.cleaned_data["confirm"]:
        context = {"meeting": meeting, "checklist": checklist, "reason": reason, "drawn": drawn}
        return render(request, "reports/publish_confirm.html", context)
    try:
        services.publish_meeting(meeting=meeting, user=request.user, reason=reason, drawn=drawn)
        transaction.on_commit(partial(_store_files, meeting, request.build_absolute_uri))
    except services.StaleChecklistError:
        checklist = selectors.publish_checklist(meeting)
        return _checklist_page(request, meeting, checklist, _redrawn(checklist, reason), stale=True)
    except services.ReportError as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting)
    messages.success(request, "The report is published and signed off: its figures are now a fixed record.")
    return redirect(meeting)


def _store_files(meeting: Meeting, absolute_uri) -> None:
    """Make the published report's appendix and open data now, so no reader waits for one; its
    packs are drawn after, by `manage.py make_report_files` (reports/files.py). The publication
    stands whether or not this succeeds: a file not made here is made when first asked for."""
    try:
        store_report_files(meeting, absolute_uri=absolute_uri)
    except Exception:
        logger.exception("The files of the report for meeting %s were not made on publication.", meeting.pk)


def _redrawn(checklist, reason: str) -> SignOffForm:
    return SignOffForm(
        initial={"drawn": checklist.fingerprint, "reason": reason}, outstanding=len(checklist.items)
    )


def _checklist_page(request, meeting, checklist, form, *, stale=False):
    errors = _error_items(form) if form.is_bound else []
    if stale:
        errors.insert(0, {"href": "#checklist", "text": services.STALE_CHECKLIST})
    context = {
        "meeting": meeting,
        "checklist": checklist,
        "form": form,
        "errors": errors,
        "sees_restricted": request.reader.sees_restricted,
    }
    return render(request, "reports/publish_checklist.html", context, status=409 if stale else 200)


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
    line = selectors.report_line_for(meeting, indicator=indicator, reader=request.reader)
    officers = selectors.report_officers(also=note.owner if note else None)
    # A first commentary starts from the last published one, marked as carried forward.
    carried = (
        None
        if note is not None
        else selectors.latest_published_commentary([indicator.pk], reader=request.reader).get(indicator.pk)
    )
    form = CommentaryForm(
        request.POST or None, initial=_commentary_initial(note, indicator, carried, line), officers=officers
    )
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
                owner=fields["owner"],
                opened_version=fields["version"],
            )
        except services.ReportError as refusal:
            messages.error(request, str(refusal))
        except services.StaleCommentaryError as conflict:
            stale = conflict
            form = _with_conflict(request.POST, conflict.note, officers)
        else:
            messages.success(request, f"Commentary on indicator {indicator.reference} saved.")
        if stale is None:
            return redirect(meeting)
    theirs = stale.note if stale else None
    context = {
        "meeting": meeting,
        "indicator": indicator,
        "form": form,
        "carried": carried,
        "line": line,
        "theirs": theirs,
        "theirs_texts": [
            *[(form.fields[name].label, getattr(theirs, name)) for name in TEXTS],
            ("Responsible officer", _name(theirs.owner)),
        ]
        if theirs
        else [],
    }
    return render(request, "reports/commentary.html", context, status=409 if stale else 200)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _commentary_initial(note: MeetingCommentary | None, indicator, carried=None, line=None) -> dict:
    """The commentary on record; a first one names the indicator's lead officer as responsible
    and starts from the last published commentary (`carried`), if there is one.

    Where the meeting's commentary has no management commentary of its own, the report shows the
    figure's commentary in its place, so the form opens with those words, as the report shows them.
    """
    if note is None:
        initial = {"version": 0, "owner": indicator.lead_officer_user_id}
        if carried is not None:
            initial.update(commentary=carried.text, actions=carried.actions)
        return initial
    texts = {name: getattr(note, name) for name in TEXTS}
    if not texts["commentary"] and line is not None:
        texts["commentary"] = line.commentary
    return {"version": note.version, "owner": note.owner_id, **texts}


def _with_conflict(data, theirs: MeetingCommentary | None, officers) -> CommentaryForm:
    """The officer's words again, now opened on the commentary on record, with the conflict stated."""
    data = data.copy()
    data["version"] = theirs.version if theirs else 0
    form = CommentaryForm(data, officers=officers)
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
        "decisions": selectors.decisions_for(reader=request.reader),
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
    return _download(request, _meeting_for(request, pk), ReportFileKind.PACK, draft_pack_for)


@require_GET
@requires(CHANGE_COMMITTEE)
def committees(request):
    context = {
        "committees": selectors.committees_for_setup(),
        "can_add_committee": can_add(request.user, ADD_COMMITTEE),
        "can_add_meeting": can_add(request.user, ADD_MEETING),
    }
    return render(request, "reports/committees.html", context)


@require_http_methods(["GET", "POST"])
@requires(ADD_COMMITTEE)
def committee_add(request):
    return _committee_form(request, None)


@require_http_methods(["GET", "POST"])
@requires(CHANGE_COMMITTEE)
def committee_edit(request, pk):
    return _committee_form(request, get_object_or_404(Committee, pk=pk))


def _committee_form(request, committee: Committee | None):
    title = committee.name if committee else ""
    chosen = list(committee.indicators.all()) if committee else []
    choices = selectors.indicators_to_choose(reader=request.reader, chosen=chosen)
    form = CommitteeForm(request.POST or None, instance=committee, indicators=choices)
    status = 200
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "indicators"}
        # Restricted indicators this officer may not see stay in the suite as they were.
        kept = [] if request.reader.sees_restricted else [i for i in chosen if i.is_restricted]
        try:
            saved = services.save_committee(
                committee=committee, indicators=[*form.cleaned_data["indicators"], *kept], **fields
            )
        except services.StaleRecordError as conflict:
            form = _kept_after_conflict(
                CommitteeForm, request, conflict, instance=committee, indicators=choices
            )
            status = 409
        except services.ReportError as refusal:
            form.add_error("name", str(refusal))
        else:
            size = saved.indicators.count()
            messages.success(
                request, f"{saved.name} is saved: its suite has {size} indicator{pluralize(size)}."
            )
            return redirect("reports:committees")
    context = {"form": form, "committee": committee, "title": title, "errors": _error_items(form)}
    return render(request, "reports/committee_form.html", context, status=status)


def _kept_after_conflict(form_class, request, conflict, **kwargs):
    """The form as the person posted it, refused for someone else's save: their changes stay in it,
    with the version they would now save over, so saving again is their informed choice."""
    data = request.POST.copy()
    data["opened_version"] = conflict.record.version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, str(conflict))
    return form


@require_http_methods(["GET", "POST"])
@requires(ADD_MEETING)
def meeting_add(request):
    if not Committee.objects.exists():
        messages.error(request, "Add the committee first: a meeting belongs to a committee.")
        return redirect(
            "reports:committee_add" if can_add(request.user, ADD_COMMITTEE) else "reports:meetings"
        )
    committee = Committee.objects.filter(pk=request.GET.get("committee") or None).first()
    if committee is None and Committee.objects.count() == 1:
        committee = Committee.objects.get()
    form = MeetingForm(
        request.POST or None,
        initial={"committee": committee, "breakdowns": selectors.last_chosen_breakdowns(committee)},
        breakdowns=selectors.breakdowns_to_choose(reader=request.reader),
    )
    return _meeting_form(request, form, None)


@require_http_methods(["GET", "POST"])
@requires(CHANGE_MEETING)
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "published_by"), pk=pk)
    if meeting.is_published:
        messages.error(
            request, "This report is published and is a fixed record: its meeting cannot be changed."
        )
        return redirect(meeting)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initial={"breakdowns": list(meeting.breakdowns.all())},
        breakdowns=selectors.breakdowns_to_choose(reader=request.reader),
    )
    return _meeting_form(request, form, meeting)


def _meeting_form(request, form: MeetingForm, meeting: Meeting | None):
    shown = (meeting.date, meeting.committee.name) if meeting else None
    status = 200
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        # Breakdowns of restricted indicators this officer may not see stay chosen as they were.
        kept = (
            [b for b in meeting.breakdowns.select_related("indicator") if b.indicator.is_restricted]
            if meeting and not request.reader.sees_restricted
            else []
        )
        try:
            saved = services.save_meeting(
                meeting=meeting,
                committee=fields["committee"],
                day=fields["date"],
                as_at=fields["as_at"],
                breakdowns=[*fields["breakdowns"], *kept],
                opened_version=fields["opened_version"],
                **{name: fields[name] for name in MEETING_RECORDS},
            )
        except services.StaleRecordError as conflict:
            form = _kept_after_conflict(
                MeetingForm,
                request,
                conflict,
                instance=meeting,
                breakdowns=form.fields["breakdowns"].queryset,
            )
            status = 409
        except services.ReportError as refusal:
            form.add_error("date", str(refusal))
        else:
            messages.success(
                request,
                f"The meeting of {date_format(saved.date, 'j F Y')} is saved. Its draft report is below:"
                " write the commentary on its exceptions, then publish it.",
            )
            return redirect(saved)
    context = {"form": form, "meeting": meeting, "shown": shown, "errors": _error_items(form)}
    return render(request, "reports/meeting_form.html", context, status=status)
