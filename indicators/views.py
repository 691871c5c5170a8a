"""Pages of the performance index. Each view says who may use it."""

import functools
from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.safestring import mark_safe
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from indicators import selectors
from indicators.access import can_enter_outturns, public_page
from indicators.charts import Series, TrendData, trend_chart_json
from indicators.comparisons import significance_for
from indicators.dfe.benchmark_chart import benchmark_chart_json
from indicators.dfe.benchmarking import Groupings, benchmark_for
from indicators.dfe.periods import period_end
from indicators.entry.due import person_text
from indicators.entry.selectors import can_see_trail, figure_trail
from indicators.explain import explain_rating
from indicators.extensions import details_of_exceptions
from indicators.filters import SEARCH_MAX_LENGTH, SEARCH_TOO_LONG, IndexFilter
from indicators.index_cache import cached_body
from indicators.kept_lines import exception_candidates, line_facts
from indicators.kept_rows import index_rows
from indicators.lines import exception_facts, line_from_assessment
from indicators.models import ComparatorKind, Indicator
from indicators.rules import spc
from indicators.rules.exceptions import ExceptionCriteria, exception_reasons
from indicators.summary import direction_counts, rating_counts
from indicators.tables import BaseIndexTable, IndexTable, hidden_columns, period_headings
from indicators.variation import variation_for
from indicators.variation_chart import ChartBreak, XmrData, assurance_badge, variation_badge, xmr_chart_json


def _index_dates(request) -> tuple[date | None, list, date | None]:
    """The date the index is viewed "as at" (the chosen quarter end, else the latest figures this
    reader sees), the quarter ends there are to choose from, and the end of the latest period with
    figures this reader sees: where the index opens, and the date its lines are kept for."""
    latest, choices = selectors.as_at_dates(reader=request.reader)
    chosen = request.GET.get("as_at", "")
    for period in choices:
        if period.end.isoformat() == chosen:
            return period.end, choices, latest
    return latest, choices, latest


def _no_figures(request, title):
    return render(request, "indicators/no_figures.html", {"title": title})


@require_GET
@public_page
def index(request):
    if len(request.GET.get("q", "")) > SEARCH_MAX_LENGTH:
        # Refused, and not carried into the page's search box and every link on it.
        messages.error(request, SEARCH_TOO_LONG)
        kept = request.GET.copy()
        kept.pop("q")
        return redirect(f"{request.path}?{kept.urlencode()}")
    as_at, as_at_choices, opens_at = _index_dates(request)
    if as_at is None:
        return _no_figures(request, "Performance index")
    suite = selectors.indicators_in_suite(reader=request.reader, as_at=as_at)
    filterset = IndexFilter(request.GET, queryset=suite, as_at=as_at)
    if filterset.is_valid() and filterset.locality:
        # One locality's figures are its own page, as at the same date and with the reader's other
        # filters (search, service area, frequency, rating, direction): the link stays shareable.
        # Filters left blank are left out, so the address says only what the reader chose.
        carried = QueryDict(mutable=True)
        for key, values in request.GET.lists():
            if key not in ("as_at", "locality") and any(values):
                carried.setlist(key, [value for value in values if value])
        carried["as_at"] = as_at.isoformat()
        return redirect(f"{filterset.locality.url}?{carried.urlencode()}")
    body = cached_body(
        request, as_at=as_at, draw=lambda: _index_body(request, filterset, suite, as_at, opens_at=opens_at)
    )
    context = {
        # Drawn by autoescaping templates (_index_body): safe to print as they are.
        "body": {**body, "summary": mark_safe(body["summary"]), "table": mark_safe(body["table"])},  # noqa: S308
        "filterset": filterset,
        "as_at": as_at,
        "as_at_choices": as_at_choices,
        "is_filtered": any(
            request.GET.get(key) for key in ("q", "service_area", "frequency", "rating", "direction")
        ),
    }
    response = render(request, "indicators/index.html", context)
    # Django's template context is a reference cycle, freed only when the garbage collector next runs:
    # the drawn body (8 MB for 3,000 indicators) is let go now, so a worker's memory stays flat.
    context["body"].clear()
    return response


def _index_body(request, filterset: IndexFilter, suite, as_at: date, *, opens_at: date) -> dict:
    """The index's summary counts and table for this reader, drawn as HTML to be kept
    (indicators/index_cache.py): nothing in them is the reader's own. Its lines are those kept
    (indicators/kept_lines.py), as this reader sees them, and its rows those kept drawn
    (indicators/kept_rows.py)."""
    indicators = filterset.qs if filterset.is_valid() else suite
    lines = line_facts(indicators, reader=request.reader, as_at=as_at, opens_at=opens_at)
    shown = [line for line in lines if filterset.keep(line)] if filterset.is_valid() else lines
    headings = period_headings([line.period_run for line in shown], as_at=as_at)
    rows = index_rows(
        shown,
        reader=request.reader,
        as_at=as_at,
        opens_at=opens_at,
        headings=headings,
        hidden=hidden_columns(headings),
        among=indicators.values("pk"),
    )
    table = IndexTable(
        shown, drawn=rows, as_at=as_at, headings=headings, is_grouped=not request.GET.get("sort")
    )
    RequestConfig(request, paginate=False).configure(table)
    query = request.GET.copy()
    summary = {
        "rating_counts": rating_counts(lines),
        "direction_counts": direction_counts(lines),
        "query_without": {key: _without(query, key) for key in ("rating", "direction")},
    }
    drawn = str(render_to_string(BaseIndexTable.Meta.template_name, {"table": table}, request=request))
    # The table is a reference cycle, freed only when the garbage collector next runs: its rows
    # (3 MB for 3,000 indicators) are let go now, so a worker's memory stays flat.
    rows.clear()
    return {
        "shown": len(shown),
        "total": len(lines),
        "summary": str(render_to_string("indicators/index_summary.html", summary)),
        "table": drawn,
    }


def _without(query, key: str) -> str:
    trimmed = query.copy()
    trimmed.pop(key, None)
    trimmed.pop("sort", None)
    return trimmed.urlencode()


def default_exception_criteria() -> ExceptionCriteria:
    """The live exceptions page's criteria: the portal's default, each as the environment may set it."""
    default = ExceptionCriteria.DEFAULT
    red, amber = settings.EXCEPTIONS_RED, settings.EXCEPTIONS_AMBER
    off_target, worsening = settings.EXCEPTIONS_OFF_TARGET_PERCENT, settings.EXCEPTIONS_WORSENING_PERIODS
    return replace(
        default,
        red=default.red if red is None else red,
        amber=default.amber if amber is None else amber,
        off_target_percent=default.off_target_percent if off_target is None else Decimal(off_target) or None,
        deteriorating_periods=default.deteriorating_periods if worsening is None else worsening or None,
        special_cause_concern=default.special_cause_concern
        if settings.EXCEPTIONS_SPECIAL_CAUSE_CONCERN is None
        else settings.EXCEPTIONS_SPECIAL_CAUSE_CONCERN,
        consistently_failing=default.consistently_failing
        if settings.EXCEPTIONS_CONSISTENTLY_FAILING is None
        else settings.EXCEPTIONS_CONSISTENTLY_FAILING,
    )


def with_figures(title: str):
    """A page of the figures as at a date (`_index_dates`), given the date, the dates to choose
    from and the date the index opens at; when this reader sees no figures at all, the page saying
    so under `title`."""

    def decorator(view):
        @functools.wraps(view)
        def dated_view(request, *args, **kwargs):
            as_at, as_at_choices, opens_at = _index_dates(request)
            if as_at is None:
                return _no_figures(request, title)
            return view(request, as_at, as_at_choices, opens_at, *args, **kwargs)

        return dated_view

    return decorator


@require_GET
@public_page
@with_figures("Exceptions")
def exceptions(request, as_at, as_at_choices, opens_at):
    criteria = default_exception_criteria()
    suite = selectors.indicators_in_suite(reader=request.reader, as_at=as_at)
    # Only the indicators whose kept lines may make them exceptions are assessed; whether each is
    # one is decided from its figures as this reader sees them.
    candidates = exception_candidates(
        suite, reader=request.reader, as_at=as_at, opens_at=opens_at, criteria=criteria
    )
    rows = []
    assessments = selectors.assessments_for(list(candidates), reader=request.reader, as_at=as_at)
    for assessment in assessments:
        # A reader's assessment has withheld their small numbers already, and so the rating and
        # the run of directions computed from them: such an indicator is no exception for them.
        line = line_from_assessment(assessment, reader=request.reader)
        facts = exception_facts(assessment, line)
        reasons = exception_reasons(facts, criteria)
        if reasons:
            rows.append(
                {
                    "assessment": assessment,
                    "line": line,
                    "reasons": reasons,
                    "explanation": explain_rating(assessment),
                }
            )
    rows.sort(key=lambda row: (row["assessment"].rating_rank, row["assessment"].indicator.display_order))
    details = details_of_exceptions([row["assessment"] for row in rows], reader=request.reader)
    for row in rows:
        row["details"] = details.get(row["assessment"].indicator.pk, [])
    context = {
        "rows": rows,
        "indicator_ids": [row["assessment"].indicator.pk for row in rows],
        "as_at": as_at,
        "as_at_choices": as_at_choices,
        "criteria": criteria.describe(),
    }
    return render(request, "indicators/exceptions.html", context)


# Plotly draws its chart with injected style rules; scripts stay locked to this site and nonces.
CHART_PAGE_CSP = {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}


@require_GET
@public_page
@csp_override(CHART_PAGE_CSP)
def detail(request, reference):
    indicator = get_object_or_404(
        Indicator.objects.select_related(
            "service_area", "lead_officer_user", "data_owner_user", "variation_summary"
        ),
        reference=reference,
    )
    if not request.reader.may_see(indicator):
        raise Http404("No such indicator.")
    as_at = selectors.latest_as_at(reader=request.reader) or timezone.localdate()
    [assessment] = selectors.assessments_for([indicator], reader=request.reader, as_at=as_at)
    history = selectors.indicator_history(indicator, reader=request.reader)
    comparators = selectors.comparators_by_year(indicator)
    benchmark = benchmark_for(
        indicator,
        comparator_years=comparators,
        history=history,
        groupings=Groupings.chosen(request.GET.get("neighbours")),
    )
    context = {
        "indicator": indicator,
        "assessment": assessment,
        "explanation": explain_rating(assessment),
        "history": history,
        "comparator_years": comparators,
        "benchmark": benchmark,
        "benchmark_chart": (
            benchmark_chart_json(
                benchmark, formatted=indicator.format, unit_label=indicator.get_unit_display()
            )
            if benchmark
            else None
        ),
        "chart": trend_chart_json(
            _trend_data(
                indicator, history, comparators, time_identifier=getattr(benchmark, "time_identifier", "")
            )
        ),
        **_variation_context(indicator, history, comparators, benchmark, request=request),
        "corrections": selectors.corrections_for(indicator, reader=request.reader),
        # Officers who may see small numbers see every saved version of the figures.
        "trail": figure_trail(indicator) if can_see_trail(request.user, reader=request.reader) else None,
        "lead_officer": person_text(indicator.lead_officer_user, indicator.lead_officer),
        "data_owner": person_text(indicator.data_owner_user, indicator.data_owner),
        "commentary": [row for row in history if row.commentary],
        "predecessors": selectors.visible(indicator.predecessors.all(), reader=request.reader),
        "successors": selectors.visible(indicator.successors.all(), reader=request.reader),
    }
    return render(request, "indicators/detail.html", context)


def _variation_context(indicator, history, comparators, benchmark, *, request) -> dict:
    """The XmR chart, its table and icons, the change points, and significance against comparators."""
    variation = variation_for(indicator, reader=request.reader)
    chart = variation.chart
    return {
        "variation": variation,
        "xmr_chart": (
            xmr_chart_json(
                XmrData(
                    title=indicator.title,
                    unit_label=indicator.get_unit_display(),
                    dates=[period.end for period in variation.periods],
                    labels=[period.label for period in variation.periods],
                    chart=chart,
                    target=variation.target,
                    breaks=tuple(ChartBreak(index, reason) for index, reason in variation.breaks),
                )
            )
            if chart
            else None
        ),
        "variation_badge": variation_badge(chart.variation) if chart else None,
        "assurance_badge": assurance_badge(chart.assurance) if chart else None,
        "records_change_points": can_enter_outturns(request.user),
        "trial_words": spc.TRIAL_WORDS,
        "significance": significance_for(
            indicator, history, comparators, time_identifier=getattr(benchmark, "time_identifier", "")
        ),
    }


def _trend_data(indicator, history, comparator_years, *, time_identifier: str = "") -> TrendData:
    targets = [row.target for row in history]
    comparators = {}
    for kind in ComparatorKind:
        years = [year for year in comparator_years if kind in year]
        if years:
            comparators[kind.value] = Series(
                dates=[period_end(year["year"], year["label"], time_identifier) for year in years],
                labels=[year["label"] for year in years],
                values=[year[kind].value for year in years],
            )
    return TrendData(
        title=indicator.title,
        unit_label=indicator.get_unit_display(),
        dates=[row.period.end for row in history],
        labels=[row.period.label for row in history],
        values=[row.value for row in history],
        targets=[t.value if t and not t.is_range else None for t in targets],
        range_lower=[t.range_lower if t and t.is_range else None for t in targets],
        range_upper=[t.range_upper if t and t.is_range else None for t in targets],
        comparators=comparators,
    )


@require_GET
def healthz(request):
    """For the load balancer: anyone may call it; it says only whether the database and cache answer."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if answers else "unavailable" for name, answers in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


def _cache_answers() -> bool:
    """The shared cache (Redis) stores and returns a value; the process's own memory always does."""
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False
