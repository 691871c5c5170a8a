"""Pages where performance officers enter, upload and correct a period's figures."""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators import extensions
from indicators.access import officer_page
from indicators.entry import upload as uploads
from indicators.entry.due import STATE_HEADINGS, due_periods, figures_by_state
from indicators.entry.forms import ENTERED_STATUSES, ENTRY_STATUSES, FigureFormSet, initial_for
from indicators.entry.pages import entry_period_page, period_or_404
from indicators.entry.presentation import (
    computed_text,
    conflict_text,
    error_summary,
    form_preview,
    period_title,
    preview_rows,
    previous_text,
    saved_text,
    target_text,
)
from indicators.entry.selectors import (
    EntryRow,
    opening_period,
    period_key,
    periods_to_enter,
    rows_for_period,
)
from indicators.entry.services import FigureChange, StaleFiguresError, save_figures
from indicators.entry.template import TemplateRow, build_template
from indicators.entry.validation import ValidationRefusedError, awaiting_validation, validate_figures
from indicators.extensions import entries_refused
from indicators.models import OutturnStatus
from indicators.rules.due import DueState
from indicators.rules.figures import rounded
from indicators.rules.periods import Period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_FIELDS = ("value", "numerator", "denominator", "status", "source", "commentary")
ROWS_TEMPLATE = "indicators/entry/period_rows.html"
"""The form's rows, drawn by Jinja2 in one call: Django's engine drew each of 1,800 fields by a template."""


@require_GET
@officer_page
def choose_period(request):
    today = timezone.localdate()
    choices = periods_to_enter(today)
    chosen = request.GET.get("period")
    if chosen:
        return redirect("indicators:entry:period", key=period_key(period_or_404(chosen)))
    opening = opening_period(choices)
    context = {
        "choices": [
            (heading, [(period_key(period), period_title(period)) for period in periods])
            for heading, periods in choices.items()
        ],
        # The latest ended period with figures due is the one an officer usually enters next.
        "selected": period_key(opening) if opening else "",
    }
    return render(request, "indicators/entry/choose.html", context)


@require_GET
@officer_page
def due(request):
    """What is due, overdue, entered and validated in each recent period, by indicator and owner: a
    summary first, then what needs doing, then each period with its figures folded away."""
    today = timezone.localdate()
    only_mine = request.GET.get("mine") == "1"
    periods = [period for group in periods_to_enter(today).values() for period in group]
    found = due_periods(periods, user=request.user, reader=request.reader, today=today, only_mine=only_mine)
    by_state = figures_by_state(found)
    context = {
        "periods": [
            {
                "due": due_period,
                "title": period_title(due_period.period),
                "key": period_key(due_period.period),
            }
            for due_period in found
        ],
        "states": [
            {
                "state": state,
                "heading": STATE_HEADINGS[state],
                "count": sum(len(row.figures) for row in rows),
                "rows": rows,
                "is_done": state == DueState.VALIDATED,
            }
            for state, rows in by_state.items()
        ],
        "only_mine": only_mine,
        "today": today,
    }
    return render(request, "indicators/entry/due.html", context)


@require_http_methods(["GET", "POST"])
@officer_page
def validate(request):
    """The provisional figures this officer may validate, by period; validating one or several."""
    errors, status = [], 200
    if request.method == "POST":
        versions = _chosen_versions(request.POST)
        if not versions:
            errors, status = [{"href": "#figures", "text": "Choose the figures to validate"}], 400
        else:
            try:
                count = validate_figures(user=request.user, versions=versions)
            except ValidationRefusedError as refused:
                errors = [{"href": "#figures", "text": refusal.text} for refusal in refused.refusals]
                errors.append(
                    {"href": "#figures", "text": "Nothing was validated: look at the figures again"}
                )
                status = 409
            else:
                messages.success(request, f"Validated {count} figure{'s' if count != 1 else ''}.")
                return redirect(request.path)
    periods, waiting = awaiting_validation(user=request.user, reader=request.reader)
    context = {"periods": periods, "waiting": waiting, "held_back": len(waiting), "errors": errors}
    return render(request, "indicators/entry/validate.html", context, status=status)


def _chosen_versions(data) -> dict[int, int]:
    """The figures ticked, each with the version the officer was shown ("id:version")."""
    versions = {}
    for chosen in data.getlist("figure"):
        pk, _, version = chosen.partition(":")
        if pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit():
            versions[int(pk)] = int(version)
    return versions


@require_http_methods(["GET", "POST"])
@officer_page
@entry_period_page
def period_figures(request, key, period):
    rows = rows_for_period(period, reader=request.reader)
    if request.method == "GET":
        return _render_form(request, period, FigureFormSet(rows=rows))
    if not rows:
        messages.error(request, f"No indicators are due for {period.label}, so nothing was saved.")
        return redirect(request.path)
    formset = FigureFormSet(request.POST, rows=rows)
    if not formset.is_valid() or not _add_up_to_their_parts(formset, period):
        return _render_form(request, period, formset)
    if request.POST.get("action") == "check":
        return _render_form(request, period, formset, checked=True)
    changes = [
        FigureChange(
            form.row.indicator.pk, form.row.indicator.unit, form.cleaned_data["version"], form.entry()
        )
        for form in formset.changed_forms()
    ]
    try:
        summary = save_figures(period=period, changes=changes, user=request.user, how="Period entry form")
    except StaleFiguresError as stale:
        return _render_form(
            request, period, _with_conflicts(request.POST, period, stale, reader=request.reader)
        )
    messages.success(request, saved_text(summary, period))
    return redirect(request.path)


def _add_up_to_their_parts(formset, period: Period) -> bool:
    """Whether every council figure typed is the total of its localities' figures on record; each
    that is not gets its message beside it."""
    changed = formset.changed_forms()
    refused = entries_refused(period, {form.row.indicator.pk: form.entry() for form in changed})
    for form in changed:
        if message := refused.get(form.row.indicator.pk):
            form.add_error("numerator" if form.row.indicator.is_proportion else "value", message)
    return not refused


def _with_conflicts(data, period: Period, stale: StaleFiguresError, *, reader):
    """The officer's form again, opened afresh on each conflicting figure, with both figures shown."""
    rows = rows_for_period(period, reader=reader)
    position = {row.indicator.pk: index for index, row in enumerate(rows)}
    data = data.copy()
    for conflict in stale.conflicts:
        index = position.get(conflict.change.indicator_id)
        if index is None:
            continue
        initial = initial_for(rows[index])
        data[f"rows-{index}-version"] = initial["version"]
        for name in SHOWN_FIELDS:
            data[f"initial-rows-{index}-{name}"] = initial.get(name) or ""
    formset = FigureFormSet(data, rows=rows)
    formset.is_valid()
    for conflict in stale.conflicts:
        index = position.get(conflict.change.indicator_id)
        if index is not None:
            formset.forms[index].add_error(None, conflict_text(conflict, rows[index].indicator))
    return formset


def _render_form(request, period: Period, formset, *, checked: bool = False):
    key = period_key(period)
    links = extensions.links_for_entry(request, (row.indicator for row in formset.rows), key)
    rows = [
        {
            "form": form,
            "row": row,
            "url": row.indicator.get_absolute_url(),
            "links": links.get(row.indicator.pk, []),
            "previous": previous_text(row),
            "target": target_text(row.indicator, row.target),
            "rating": form_preview(form),
            "computed": computed_text(form, row),
        }
        for form, row in zip(formset.forms, formset.rows, strict=False)
    ]
    drawn = get_template(ROWS_TEMPLATE, using="jinja2").render(
        {"rows": rows, "previous_label": period.previous().label}
    )
    context = {
        "period": period,
        "title": period_title(period),
        "formset": formset,
        "rows": rows,
        # Drawn by an autoescaping template: safe to print as it is.
        "rows_html": mark_safe(drawn),  # noqa: S308
        "errors": error_summary(formset) if formset.is_bound else [],
        "key": key,
        "checked": checked,
        "changed": [item for item in rows if checked and item["form"].has_changed()],
    }
    return render(request, "indicators/entry/period.html", context, status=400 if context["errors"] else 200)


@require_GET
@officer_page
@entry_period_page
def download_template(request, key, period):
    previous_label = period.previous().label
    rows = [_template_row(row, previous_label) for row in rows_for_period(period, reader=request.reader)]
    content = build_template(
        period_label=period.label, rows=rows, status_labels=[label for _, label in ENTERED_STATUSES]
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="figures-{key}.xlsx"'
    return response


def _template_row(row: EntryRow, previous_label: str) -> TemplateRow:
    outturn, initial = row.outturn, initial_for(row)
    # As the form: "Validated" is offered only to keep a figure already validated.
    is_validated = outturn is not None and outturn.status == OutturnStatus.VALIDATED
    places = row.indicator.decimal_places
    return TemplateRow(
        reference=row.indicator.reference,
        title=row.indicator.title,
        unit=row.indicator.get_unit_display(),
        previous_period=previous_label,
        previous_value=(
            rounded(row.previous.value, places) if row.previous and row.previous.value is not None else None
        ),
        value=outturn.value if outturn and initial.get("value") is not None else None,
        numerator=outturn.numerator if outturn else None,
        denominator=outturn.denominator if outturn else None,
        status=outturn.get_status_display() if outturn else "",
        source=initial["source"],
        commentary=initial.get("commentary", ""),
        version=row.version,
        decimal_places=places,
        status_labels=tuple(label for _, label in ENTRY_STATUSES) if is_validated else (),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        allow_empty_file=True,
        error_messages={"required": "Select the filled-in spreadsheet"},
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".xlsx"}),
    )


@require_http_methods(["GET", "POST"])
@officer_page
@entry_period_page
def upload(request, key, period):
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST":
        if not form.is_valid():
            problems = [error for errors in form.errors.values() for error in errors]
        else:
            rows = rows_for_period(period, reader=request.reader)
            problems, result = _check_upload(form.cleaned_data["file"], period, rows)
            if not problems:
                return _preview(request, period, rows, result)
    return _render_upload(request, period, form, problems)


def _check_upload(file, period: Period, rows: list[EntryRow]):
    data = file.read(settings.UPLOAD_MAX_BYTES + 1)
    try:
        sheet_rows = uploads.read_sheet(data, max_bytes=settings.UPLOAD_MAX_BYTES)
    except uploads.UploadRefusedError as refused:
        return refused.problems, None
    result = uploads.changes_in(sheet_rows, rows, period_label=period.label)
    refused = entries_refused(period, {change.indicator_id: change.entry for change in result.changes})
    references = {row.indicator.pk: row.indicator.reference for row in rows}
    return [
        *result.problems,
        *(f"Indicator {references[pk]}: {message}" for pk, message in refused.items()),
    ], result


def _preview(request, period: Period, rows: list[EntryRow], result):
    token = secrets.token_urlsafe(16)
    request.session[uploads.SESSION_KEY] = {
        "token": token,
        "period": period_key(period),
        "changes": uploads.session_data(result.changes),
    }
    context = {
        "period": period,
        "title": period_title(period),
        "key": period_key(period),
        "token": token,
        "preview": preview_rows(result.changes, rows),
        "unchanged": result.unchanged,
    }
    return render(request, "indicators/entry/preview.html", context)


def _render_upload(request, period: Period, form, problems: list[str], status: int | None = None):
    context = {
        "period": period,
        "title": period_title(period),
        "key": period_key(period),
        "form": form,
        "problems": problems,
        "max_kilobytes": settings.UPLOAD_MAX_BYTES // 1024,
    }
    return render(
        request, "indicators/entry/upload.html", context, status=status or (400 if problems else 200)
    )


@require_POST
@officer_page
@entry_period_page
def confirm_upload(request, key, period):
    stored = request.session.pop(uploads.SESSION_KEY, None)
    token = request.POST.get("token", "")
    if not stored or stored["period"] != key or not secrets.compare_digest(stored["token"], token):
        messages.error(request, "That preview is no longer open: upload the spreadsheet again.")
        return redirect("indicators:entry:upload", key=key)
    changes = uploads.changes_from_session(stored["changes"])
    try:
        summary = save_figures(period=period, changes=changes, user=request.user, how="Uploaded spreadsheet")
    except StaleFiguresError as stale:
        indicators = {
            row.indicator.pk: row.indicator for row in rows_for_period(period, reader=request.reader)
        }
        problems = [
            f"Indicator {indicators[c.change.indicator_id].reference}: "
            f"{conflict_text(c, indicators[c.change.indicator_id], advice='')}"
            for c in stale.conflicts
            if c.change.indicator_id in indicators
        ]
        problems.append(
            "Nothing from the spreadsheet was saved: download the template again or upload it again."
        )
        return _render_upload(request, period, UploadForm(), problems, status=409)
    messages.success(request, saved_text(summary, period))
    return redirect(reverse("indicators:entry:period", kwargs={"key": key}))
