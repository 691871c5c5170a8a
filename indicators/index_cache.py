"""The index's drawn table and summary counts, and the public's whole index page, kept in the cache
every worker shares.

A body is kept under a key that names everything it is drawn from:

- the data stamp: a token that database triggers change, in the same transaction, whenever an
  indicator, service area, period, figure, target, comparator, locality or team changes however it
  is changed, and whenever a report is published, whose commentary and actions the index shows
  (indicators/migrations/0010_index_data_stamp.py, breakdowns/migrations/0004_places_stamp_the_index.py,
  reports/migrations/0015_publication_stamps_the_index.py). It is read before any figure, so a
  body kept under a stamp is never older than the data that stamp stands for;
- the date the index is "as at", and today's date;
- what the reader may see: restricted indicators and small numbers, and provisional figures. A
  body is shared by every reader of the same class, never drawn for one and shown to another;
- the query (filters and sort, in the order the reader's address gives them);
- the settings that change what is drawn, the address the portal is served under, and the code:
  the portal's version and a digest of its templates, of its own Python and of the locked
  dependencies, taken once when a worker starts, so a changed template or an upgraded library is
  never served from an old body.

`INDEX_CACHE=false` keeps nothing: every view draws the body and the page (`make bench` measures
both).

The page around the body (the reader's name, messages, the filter form, the CSRF token and the CSP
nonce) is drawn afresh for every signed-in reader. The public's whole page is kept too ("the kept
page", `KeptPageMiddleware`), and served before the session, CSRF, authentication, messages and the
view are reached, to a view that is wholly the public's:

- a GET of the index's address, with no cookie at all, while PUBLIC_ACCESS is on: no session, so no
  signed-in reader, no messages and no CSRF token to be had;
- kept under the same stamp as the body (read again for every view: a changed locality or team,
  which the filter offers, changes it too), today's date, the code, the settings the page and its
  headers are drawn from, the static files' manifest, and the scheme, the host Django accepts
  (`get_host`, which refuses any other), the path and the query string exactly as the request gives
  them;
- kept only as Django answered it for an anonymous reader: 200, setting no cookie, showing no
  message. Its status, the headers the middleware inside this one gave it, and its content are
  kept; the CSP nonce it was drawn with (a random token, in the header and the page's script tag)
  is replaced by a fresh one for every view. The middleware outside it (the request log, security
  headers and HTTPS redirect, static files, compression) runs for every view as for any page, and
  Django opens and closes the request's database connection around it as for any page. Reading
  the stamp is the kept page's one round trip to the database: the query is itself the check
  that the connection lives (`stamp_on_a_live_connection`), not a query before it.
"""

import hashlib
import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from functools import cache as once
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import DatabaseError, connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.csp import generate_nonce
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_UNAVAILABLE = (OSError, RedisError)
"""What a shared cache raises when it does not answer: the index is then drawn without it."""
STAMP_SQL = "SELECT token FROM indicators_datastamp WHERE id = 1"
KEPT_FOR = 60 * 60 * 24
"""A day: a key is never reused for other data, so this only bounds how long an unread body stays."""
SETTINGS_DRAWN = ("SMALL_NUMBER_THRESHOLD", "MEMBERS_SEE_PROVISIONAL")
PAGE_SETTINGS = (
    *SETTINGS_DRAWN,
    "COUNCIL_NAME",
    "PUBLIC_ACCESS",
    "OIDC_ENABLED",
    "STATIC_URL",
    "SECURE_CSP",
    "SECURE_CSP_REPORT_ONLY",
    "X_FRAME_OPTIONS",
)
"""The settings the public's page and the headers kept with it are drawn from."""
HELD_BY_WORKER = 4
"""Kept pages each worker holds in its own memory, the most recently served (about 1 MB each for
every thousand indicators)."""
PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
LOCKED = PROJECT / "requirements" / "main.txt"


def data_stamp() -> str | None:
    """The token the triggers change with any data the index reads: one query. None where there is
    no stamp row, and so nothing may be kept."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


def stamp_on_a_live_connection() -> str | None:
    """The data stamp (`data_stamp`) in one round trip to the database, the query itself the
    check that the worker's kept connection is alive: in place of Django's health check
    (`CONN_HEALTH_CHECKS`: a query of its own before a request's first), which would double the
    kept page's wait on the database. A connection that has died fails the query: it is closed, and
    None sends the request on to Django, which opens another."""
    connection.health_check_done = True
    try:
        return data_stamp()
    except DatabaseError:
        logger.warning("The database connection failed; the index is drawn on a new one.")
        connection.close()
        return None


def product_packages() -> list[Path]:
    """The portal's own packages: its settings package and each of its apps, as its source holds
    them. Any of them may change what the index draws (a row's commentary fold is worded by reports)."""
    return sorted({PROJECT / "kpi_portal", *(config.parent for config in PROJECT.glob("*/apps.py"))})


@once
def code_version() -> str:
    """The portal's version and a digest of every template, of the portal's own Python
    (`product_packages`) and of the locked dependencies."""
    digest = hashlib.sha256()
    with suppress(PackageNotFoundError):
        digest.update(version("kpi-portal").encode())
    sources = [(TEMPLATES, "*.html"), *((package, "*.py") for package in product_packages())]
    for root, pattern in sources:
        for path in sorted(root.rglob(pattern)):
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    if LOCKED.is_file():
        digest.update(LOCKED.read_bytes())
    return digest.hexdigest()[:16]


def body_key(request, *, stamp: str, as_at: date) -> str:
    """The cache key of the index's body for this reader's class, query, date and data."""
    reader = request.reader
    parts = (
        code_version(),
        stamp,
        as_at.isoformat(),
        timezone.localdate().isoformat(),
        f"restricted={reader.sees_restricted}",
        f"provisional={reader.sees_provisional}",
        get_script_prefix(),
        *(f"{name}={getattr(settings, name)!r}" for name in SETTINGS_DRAWN),
        request.GET.urlencode(),
    )
    return "index-body:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_body(request, *, as_at: date, draw: Callable[[], dict]) -> dict:
    """The index's body as `draw` makes it, from the shared cache where it is already kept."""
    if not settings.INDEX_CACHE:
        return draw()
    stamp = data_stamp()
    if stamp is None:
        return draw()
    key = body_key(request, stamp=stamp, as_at=as_at)
    try:
        body = cache.get(key)
    except CACHE_UNAVAILABLE:
        logger.warning("The cache did not answer; the index is drawn without it.")
        return draw()
    if body is None:
        body = draw()
        try:
            cache.set(key, body, KEPT_FOR)
        except CACHE_UNAVAILABLE:
            logger.warning("The cache did not answer; the index's body was not kept.")
    return body


class KeptPage(NamedTuple):
    """The index as Django drew it for the public, kept as the pieces between the places its CSP
    nonce was printed (the header, the page's script tag), where each view prints a fresh one."""

    status: int
    headers: tuple[tuple[str, tuple[str, ...]], ...]
    """Each header's name and the pieces of its value."""
    pieces: tuple[bytes, ...]

    @classmethod
    def of(cls, request, response) -> "KeptPage":
        nonce = get_nonce(request)  # a LazyNonce: true once the page or its header printed it
        nonce = str(nonce) if nonce else ""
        return cls(
            response.status_code,
            tuple((name, _split(value, nonce)) for name, value in response.headers.items()),
            _split(response.content, nonce.encode()),
        )

    def served(self) -> HttpResponse:
        nonce = generate_nonce()
        content = nonce.encode().join(self.pieces)
        headers = {name: nonce.join(pieces) for name, pieces in self.headers}
        headers["Content-Length"] = str(len(content))
        return HttpResponse(content, status=self.status, headers=headers)


def _split(value, nonce):
    return tuple(value.split(nonce)) if nonce else (value,)


def is_public_view_of_index(request) -> bool:
    """Whether the request is one the kept page may answer: see the module's docstring."""
    return (
        settings.INDEX_CACHE
        and settings.PUBLIC_ACCESS
        and request.method == "GET"
        and not request.META.get("HTTP_COOKIE")
        and request.path == index_path(get_script_prefix())
    )


@once
def index_path(script_prefix: str) -> str:
    """The index's address under the address the portal is served under: worked out once."""
    return reverse("indicators:index")


@once
def page_settings() -> str:
    """The settings the public's page and its headers are drawn from (`PAGE_SETTINGS`), as a part of
    its key: read once, and again only when one changes (`forget_settings`)."""
    return "\n".join(f"{name}={getattr(settings, name)!r}" for name in PAGE_SETTINGS)


@receiver(setting_changed)
def forget_settings(*, setting, **kwargs) -> None:
    """Settings change only where a test overrides them: what was worked out from them is forgotten."""
    if setting in PAGE_SETTINGS:
        page_settings.cache_clear()
    if setting == "ROOT_URLCONF":
        index_path.cache_clear()


def page_key(request) -> str | None:
    """The cache key of the public's page for this request; None where nothing may be kept: the host
    is one Django refuses, or there is no data stamp."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    stamp = stamp_on_a_live_connection()
    if stamp is None:
        return None
    parts = (
        code_version(),
        getattr(staticfiles_storage, "manifest_hash", ""),
        stamp,
        timezone.localdate().isoformat(),
        page_settings(),
        request.scheme,
        host,
        request.path,
        request.META.get("QUERY_STRING", ""),
    )
    return "index-page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_keep(request, response) -> bool:
    """Whether Django's answer is the public's page and nothing of this request's own."""
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and user is not None
        and not user.is_authenticated
        and not messages.get_messages(request)
    )


class KeptPageMiddleware:
    """Answers the public's view of the index with the kept page; where none is kept, lets Django
    draw it and keeps what it drew. A cache that does not answer leaves Django to draw every view.

    Each worker holds the pages it served last as well: a key names everything a page is drawn
    from, so a page is the same wherever it is kept, and one held here saves the cache's round trip.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.recent: dict[str, KeptPage] = {}
        self.lock = threading.Lock()

    def __call__(self, request):
        key = page_key(request) if is_public_view_of_index(request) else None
        if key is None:
            return self.get_response(request)
        page = self.recent.get(key)
        if page is None:
            try:
                page = cache.get(key)
            except CACHE_UNAVAILABLE:
                logger.warning("The cache did not answer; the index is drawn without it.")
                return self.get_response(request)
        if page is not None:
            self.remember(key, page)
            return page.served()
        response = self.get_response(request)
        if may_keep(request, response):
            page = KeptPage.of(request, response)
            self.remember(key, page)
            try:
                cache.set(key, page, KEPT_FOR)
            except CACHE_UNAVAILABLE:
                logger.warning("The cache did not answer; the index's page was not kept.")
        return response

    def remember(self, key: str, page: KeptPage) -> None:
        with self.lock:
            self.recent.pop(key, None)
            self.recent[key] = page
            while len(self.recent) > HELD_BY_WORKER:
                del self.recent[next(iter(self.recent))]
