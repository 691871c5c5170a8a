"""Pages of localities and teams, and the officers' page entering a period by breakdown."""

import functools
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from breakdowns import selectors
from breakdowns.entry import BreakdownForm, initial_for
from breakdowns.export import breakdown_csv, breakdown_rows
from breakdowns.models import Member
from breakdowns.presentation import conflict_texts, entry_error_summary, rating_counts, saved_text
from breakdowns.rules import total_text
from breakdowns.services import PartChange, StaleBreakdownError, save_breakdown
from breakdowns.spreadsheet import read_parts, template_workbook
from indicators.access import officer_page, public_page
from indicators.entry.pages import entry_period_page
from indicators.entry.presentation import (
    figure_text,
    period_title,
    previous_text,
    rating_preview,
    target_text,
)
from indicators.entry.services import FigureChange
from indicators.entry.upload import UploadRefusedError
from indicators.filters import IndexFilter
from indicators.models import Indicator
from indicators.opendata_views import csv_response, file_name_for
from indicators.rules.entry import value_of
from indicators.rules.terms import Direction, Rating
from indicators.selectors import indicators_in_suite

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@public_page
def members(request):
    context = {"dimensions": selectors.members_by_dimension(), "today": timezone.localdate()}
    return render(request, "breakdowns/members.html", context)


FILTERS = ("q", "service_area", "frequency", "rating", "direction")
"""The index's filters a locality's page applies; `sort` and `as_at` are carried back to the index."""


@require_GET
@public_page
def member(request, slug):
    member = get_object_or_404(Member.objects.select_related("dimension"), slug=slug)
    as_at = _as_at(request)
    day = as_at or timezone.localdate()
    suite = indicators_in_suite(reader=request.reader, as_at=day)
    filterset = IndexFilter(_filter_data(request.GET), queryset=suite, as_at=day)
    is_valid = filterset.is_valid()
    lines = selectors.member_lines(member, reader=request.reader, as_at=day, indicators=suite)
    shown = _filtered(lines, filterset) if is_valid else lines
    query = _carried(request.GET, as_at, filterset)
    context = {
        "member": member,
        "as_at": as_at,
        "lines": shown,
        "total": len(lines),
        "filter_errors": _filter_errors(filterset),
        "filters_on": _filters_on(filterset, query, request.path) if is_valid else [],
        "clear_all": _url(request.path, _only(query, ["as_at"])),
        "index_query": query.urlencode(),
        "rating_counts": rating_counts(line.line for line in shown),
        "successors": list(member.successors.all()),
        "predecessors": list(member.predecessors.all()),
    }
    return render(request, "breakdowns/member.html", context)


def _filter_data(query):
    """The index's filters as the reader chose them; the locality is this page itself."""
    return {key: query.get(key, "") for key in FILTERS}


def _filtered(lines, filterset) -> list:
    """The lines passing the index's filters: search, service area and frequency on the indicator;
    rating and direction on this locality's own (a part withheld from the reader passes neither)."""
    data = filterset.form.cleaned_data
    if any(data.get(key) for key in ("q", "service_area", "frequency")):
        kept = set(filterset.qs.values_list("pk", flat=True))
        lines = [line for line in lines if line.indicator.pk in kept]
    if data.get("rating"):
        lines = [line for line in lines if not line.line.withheld and line.line.rating == data["rating"]]
    if data.get("direction"):
        lines = [
            line for line in lines if not line.direction_withheld and line.direction == data["direction"]
        ]
    return lines


def _carried(query, as_at: date | None, filterset):
    """The reader's query as the index reads it: its filters (any it could not read left out), its
    sort and the date; never the locality, which is this page."""
    carried = query.copy()
    carried.pop("locality", None)
    for key in filterset.form.errors:
        carried.pop(key, None)
    if as_at is None:
        carried.pop("as_at", None)
    else:
        carried["as_at"] = as_at.isoformat()
    return carried


def _only(query, keys):
    kept = query.copy()
    for key in list(kept):
        if key not in keys:
            kept.pop(key)
    return kept


def _url(path: str, query) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def _filter_errors(filterset) -> list[dict]:
    """A filter the page could not read, said plainly: the page shows every indicator instead."""
    form = filterset.form
    return [
        {"href": "#member-count", "text": f"{form[name].label}: {error} No filter was applied."}
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]


def _filters_on(filterset, query, path: str) -> list[dict]:
    """Each filter applied, in words, with this page's address without it."""
    data, form = filterset.form.cleaned_data, filterset.form
    words = {
        "rating": lambda value: Rating(value).label,
        "direction": lambda value: Direction(value).label,
        "frequency": lambda value: dict(form.fields["frequency"].choices).get(value, value),
    }
    found = []
    for key in FILTERS:
        value = data.get(key)
        if not value:
            continue
        without = query.copy()
        without.pop(key, None)
        found.append(
            {
                "key": key,
                "label": form[key].label,
                "value": words[key](value) if key in words else str(value),
                "href": _url(path, without),
            }
        )
    return found


def _as_at(request) -> date | None:
    """The date the index sent the reader here "as at"; None: today, the latest figures."""
    try:
        return date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError:
        return None


@require_GET
@public_page
def indicator_csv(request, reference):
    """The indicator's parts, every period, as its page shows them to this reader."""
    indicator = get_object_or_404(Indicator, reference=reference)
    if not request.reader.may_see(indicator):
        raise Http404("No such indicator.")
    breakdowns = selectors.indicator_breakdowns(indicator, reader=request.reader)
    if not breakdowns:
        raise Http404("This indicator is not broken down.")
    name = file_name_for(f"indicator-{reference}", "by-part", reader=request.reader)
    return csv_response(breakdown_csv(breakdown_rows(indicator, breakdowns)), name)


def _entry_sheet_page(view):
    """A page entering a period's figures by breakdown, given the breakdown and its entry sheet
    after the period: not found when the indicator is not reported by that breakdown for such a
    period, or this reader may not see it."""

    @functools.wraps(view)
    def opened_view(request, key, period, reference, dimension):
        breakdown = selectors.breakdown_for_entry(reference, dimension)
        if breakdown is None or breakdown.indicator.frequency != period.kind:
            raise Http404("This indicator is not reported by that breakdown for such a period.")
        if not request.reader.may_see(breakdown.indicator):
            raise Http404("No such indicator.")
        sheet = selectors.entry_sheet(breakdown.indicator, breakdown.dimension, period)
        return view(request, key, period, breakdown, sheet)

    return opened_view


@require_http_methods(["GET", "POST"])
@officer_page
@entry_period_page
@_entry_sheet_page
def enter(request, key, period, breakdown, sheet):
    if request.method == "GET":
        return _render(request, period, key, breakdown, BreakdownForm(sheet=sheet))
    form = BreakdownForm(request.POST, sheet=sheet)
    if not form.is_valid():
        return _render(request, period, key, breakdown, form, status=400)
    if request.POST.get("action") != "save" or not form.is_checked:
        return _render(request, period, key, breakdown, form, checking=True)
    total = FigureChange(
        breakdown.indicator.pk,
        breakdown.indicator.unit,
        form.cleaned_data["total_version"],
        form.total_entry(),
    )
    parts = [
        PartChange(member_id, form.cleaned_data[f"m{member_id}-version"], entry)
        for member_id, entry in form.part_entries().items()
    ]
    try:
        summary = save_breakdown(
            indicator=breakdown.indicator,
            period=period,
            total=total,
            parts=parts,
            user=request.user,
            how=f"Entry by {breakdown.dimension.name.lower()}",
        )
    except StaleBreakdownError as stale:
        fresh = selectors.entry_sheet(breakdown.indicator, breakdown.dimension, period)
        reopened = BreakdownForm(_reopened(request.POST, fresh), sheet=fresh)
        reopened.is_valid()
        return _render(
            request, period, key, breakdown, reopened, conflicts=conflict_texts(stale, sheet), status=409
        )
    messages.success(request, saved_text(summary, breakdown, period))
    return redirect(request.path)


@require_GET
@officer_page
@entry_period_page
@_entry_sheet_page
def download_template(request, key, period, breakdown, sheet):
    names = ("numerator", "denominator") if breakdown.indicator.is_proportion else ("value",)
    initial = initial_for(sheet)
    rows = [
        (
            member.name,
            [initial.get(f"m{member.pk}-{name}") for name in names],
            initial[f"m{member.pk}-version"],
        )
        for member in sheet.members
    ]
    content = template_workbook(
        dimension=breakdown.dimension.name, is_proportion=breakdown.indicator.is_proportion, rows=rows
    )
    response = HttpResponse(content, content_type=XLSX)
    file_name = f"figures-{breakdown.indicator.reference}-by-{breakdown.dimension.name.lower()}-{key}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_POST
@officer_page
@entry_period_page
@_entry_sheet_page
def upload(request, key, period, breakdown, sheet):
    """The spreadsheet's figures in the entry form, with the total worked out for the officer to check."""
    file = request.FILES.get("file")
    problems = ["Select the filled-in spreadsheet"] if file is None else []
    if file is not None:
        try:
            typed = read_parts(
                file.read(settings.UPLOAD_MAX_BYTES + 1),
                max_bytes=settings.UPLOAD_MAX_BYTES,
                dimension=breakdown.dimension.name,
                is_proportion=breakdown.indicator.is_proportion,
                names=[member.name for member in sheet.members],
            )
        except UploadRefusedError as refused:
            problems = refused.problems
    if problems:
        form = BreakdownForm(sheet=sheet)
        errors = [{"href": "#upload-file", "text": problem} for problem in problems]
        return _render(request, period, key, breakdown, form, status=400, upload_errors=errors)
    form = BreakdownForm(_uploaded(typed, sheet), sheet=sheet)
    if not form.is_valid():
        return _render(request, period, key, breakdown, form, status=400)
    return _render(request, period, key, breakdown, form, checking=True)


def _uploaded(typed: dict[str, dict[str, str]], sheet) -> dict:
    """The spreadsheet's figures as the entry form posts them; the rest as on record."""
    data = {name: value for name, value in initial_for(sheet).items() if value is not None}
    for member in sheet.members:
        for field, text in typed[member.name].items():
            data[f"m{member.pk}-{field}"] = text
    return data


def _reopened(data, sheet):
    """The officer's figures again, against the versions now on record, so saving again replaces them."""
    data = data.copy()
    data["total_version"] = sheet.row.version
    for member in sheet.members:
        figure = sheet.figures.get(member.pk)
        data[f"m{member.pk}-version"] = figure.version if figure else 0
    data["checked"] = ""
    return data


def _render(
    request, period, key, breakdown, form, *, checking=False, conflicts=(), status=200, upload_errors=()
):
    indicator = breakdown.indicator
    total = form.total if form.is_bound and not form.errors else None
    context = {
        "period": period,
        "title": period_title(period),
        "key": key,
        "breakdown": breakdown,
        "indicator": indicator,
        "form": form,
        "sheet": form.sheet,
        "errors": [
            *upload_errors,
            *({"href": "#parts", "text": text} for text in conflicts),
            *entry_error_summary(form),
        ],
        "upload_errors": upload_errors,
        "total": total,
        "total_text": total_text(total, indicator.unit, indicator.decimal_places)
        if total and total.is_worked_out
        else "",
        "checking": checking,
        "signature": form.signature() if checking else "",
        "status_fields": [form["status"], form["commentary"]],
        "on_record": _on_record(form.sheet),
        "total_rating": _rating(form) if checking else None,
        "target": target_text(indicator, form.sheet.row.target),
        "previous": previous_text(form.sheet.row),
        "typed_total": _typed_total(form) if checking else "",
    }
    return render(request, "breakdowns/entry.html", context, status=status)


def _on_record(sheet) -> str:
    outturn = sheet.row.outturn
    if outturn is None:
        return ""
    text = figure_text(sheet.indicator, outturn.value, outturn.status)
    if outturn.entered_by:
        text += f", entered by {outturn.entered_by.get_full_name() or outturn.entered_by.get_username()}"
    return text


def _rating(form):
    """The rating the council figure would have: the committee's, against this year's target."""
    entry, row = form.total_entry(), form.sheet.row
    return rating_preview(row, value_of(entry, row.indicator.unit), entry.commentary)


def _typed_total(form) -> str:
    entry = form.total_entry()
    return figure_text(form.sheet.indicator, value_of(entry, form.sheet.indicator.unit), entry.status)
