"""Speed promises for entering figures: a whole quarter for 150 indicators in under a second, and
the page of what is due for 300 monthly indicators over twelve months, in constant queries.

Each measurement drives the real view, as a browser's POST would, on data built here inside a
transaction that is rolled back, so the current database is left as it was.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlencode

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from bench.build import person, suite_of
from bench.measure import Measurement, best_of
from indicators.entry import upload as uploads
from indicators.entry import views
from indicators.entry.forms import FigureFormSet
from indicators.entry.selectors import period_key, rows_for_period
from indicators.entry.template import COLUMNS
from indicators.models import Outturn, ServiceArea, Target
from indicators.reader import Reader
from indicators.roles import OFFICERS
from indicators.rules.periods import Period, PeriodKind, month_of, quarter_of
from indicators.services import period_for

SUITE_SIZE = 150
REPEAT = 5
LIMIT_MS = 1000
OPEN_LIMIT_MS = 150
"""Opening the form for a quarter of 150 indicators: an officer waits for it before typing anything."""
DUE_SUITE_SIZE = 300
# Figures are entered only for ended periods: the benchmark's quarters end before today.
FIRST = quarter_of(date.today()).shifted(-(2 * REPEAT + 1))  # noqa: DTZ011 - a quarter, not a moment


def benchmarks() -> list[Measurement]:
    with transaction.atomic():
        officer = _build_suite()
        periods = [FIRST.shifted(n) for n in range(1, 2 * REPEAT + 1)]
        open_ms = _time_open(officer, periods[0])
        form_ms = _time_form(officer, periods[:REPEAT])
        upload_ms = _time_upload(officer, periods[REPEAT:])
        transaction.set_rollback(True)
    with transaction.atomic():
        due_ms, due_queries = _time_due()
        transaction.set_rollback(True)
    note = f"{SUITE_SIZE} indicators, best of {REPEAT}"
    return [
        Measurement("Open the form for a quarter", open_ms, OPEN_LIMIT_MS, note=note),
        Measurement("Enter a quarter through the form", form_ms, LIMIT_MS, note=note),
        Measurement("Enter a quarter through the upload (check and confirm)", upload_ms, LIMIT_MS, note=note),
        Measurement(
            "What is due, by period, indicator and owner",
            due_ms,
            LIMIT_MS,
            note=f"{DUE_SUITE_SIZE} monthly indicators x 12 months, {due_queries} queries, best of {REPEAT}",
        ),
    ]


def _time_due() -> tuple[float, int]:
    """The page of what is due, on a suite where two figures in three are entered, half validated."""
    officer = person("bench-due-officer", OFFICERS, first_name="Bench")
    indicators = suite_of(
        DUE_SUITE_SIZE,
        areas=[ServiceArea.objects.create(name="Benchmark: what is due", order=998)],
        reference="BENCH-D{n}",
        title="Benchmark monthly indicator {n}",
        unit="count",
        polarity="higher",
        frequency=PeriodKind.MONTH,
        data_owner_user=officer,
        lead_officer="Head of Benchmarks",
    )
    last = month_of(date.today()).previous()  # noqa: DTZ011 - a month, not a moment
    months = [period_for(last.shifted(-n)) for n in range(12)]
    Outturn.objects.bulk_create(
        Outturn(
            indicator=indicator,
            period=month,
            value=Decimal(5),
            status="validated" if n % 2 else "provisional",
        )
        for month in months
        for n, indicator in enumerate(indicators)
        if n % 3
    )
    request = RequestFactory().get("/entry/due/")
    request.user, request.reader = officer, Reader.for_user(officer)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with CaptureQueriesContext(connection) as queries:
        _checked(views.due(request), 200)
    return best_of(lambda: _checked(views.due(request), 200), repeat=REPEAT), len(queries)


def _build_suite():
    officer = person("bench-entry-officer", OFFICERS)
    indicators = suite_of(
        SUITE_SIZE,
        areas=[ServiceArea.objects.create(name="Benchmark: entering figures", order=999)],
        reference="BENCH-E{n}",
        title="Benchmark indicator {n}",
        polarity="higher",
        frequency=PeriodKind.QUARTER,
        varying=lambda n: {"unit": "percent" if n % 2 else "count"},
    )
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, value=Decimal(70))
        for indicator in indicators
        for year in range(FIRST.reporting_year, FIRST.reporting_year + 5)
    )
    previous = period_for(FIRST)
    Outturn.objects.bulk_create(
        Outturn(indicator=indicator, period=previous, value=Decimal(75), status="validated")
        for indicator in indicators
    )
    return officer


def _request(path, data, officer, session, *, is_form=False):
    if is_form:  # a browser posts the entry form urlencoded
        request = RequestFactory().post(
            path, urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    else:
        request = RequestFactory().post(path, data)
    request.user, request.reader = officer, Reader.for_user(officer)
    request.session = session
    request._messages = FallbackStorage(request)
    return request


def _checked(response, expected=302):
    if response.status_code != expected:
        raise RuntimeError(f"The benchmark's entry was refused ({response.status_code}).")
    return response


def _form_data(period: Period, officer) -> dict:
    formset = FigureFormSet(rows=rows_for_period(period, reader=Reader.for_user(officer)))
    data = {"rows-TOTAL_FORMS": len(formset.forms), "rows-INITIAL_FORMS": len(formset.forms)}
    for n, form in enumerate(formset.forms):
        for name in ("indicator", "version", "status", "source"):
            data[form.add_prefix(name)] = form.initial[name]
        for name in ("value", "numerator", "denominator", "status", "source", "commentary"):
            data[form.add_initial_prefix(name)] = form.initial.get(name) or ""
        if form.row.indicator.is_proportion:
            data[form.add_prefix("numerator")], data[form.add_prefix("denominator")] = 70 + n % 10, 100
        else:
            data[form.add_prefix("value")] = 70 + n % 10
        data[form.add_prefix("status")] = "provisional"
        data[form.add_prefix("commentary")] = "In line with the previous quarter."
    return data


def _time_open(officer, period: Period) -> float:
    key = period_key(period)
    request = RequestFactory().get(f"/entry/{key}/")
    request.user, request.reader, request.session = officer, Reader.for_user(officer), SessionStore()
    request._messages = FallbackStorage(request)
    return best_of(lambda: _checked(views.period_figures(request, key=key), 200), repeat=REPEAT)


def _time_form(officer, periods: list[Period]) -> float:
    posts = iter([(period, _form_data(period, officer)) for period in periods])

    def enter():
        period, data = next(posts)
        key = period_key(period)
        request = _request(f"/entry/{key}/", data, officer, SessionStore(), is_form=True)
        _checked(views.period_figures(request, key=key))

    return best_of(enter, repeat=len(periods))


def _workbook(period: Period) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append([column.heading for column in COLUMNS])
    for n in range(SUITE_SIZE):
        cells = {"period": period.label, "reference": f"BENCH-E{n}", "status": "Provisional", "version": 0}
        cells.update({"numerator": 70 + n % 10, "denominator": 100} if n % 2 else {"value": 70 + n % 10})
        sheet.append([cells.get(column.field) for column in COLUMNS])
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _time_upload(officer, periods: list[Period]) -> float:
    files = iter([(period, _workbook(period)) for period in periods])

    def upload_and_confirm():
        period, content = next(files)
        key = period_key(period)
        session = SessionStore()
        upload = {"file": SimpleUploadedFile("figures.xlsx", content)}
        _checked(views.upload(_request(f"/entry/{key}/upload/", upload, officer, session), key=key), 200)
        token = session[uploads.SESSION_KEY]["token"]
        confirm = _request(f"/entry/{key}/upload/confirm/", {"token": token}, officer, session)
        _checked(views.confirm_upload(confirm, key=key))

    return best_of(upload_and_confirm, repeat=len(periods))
