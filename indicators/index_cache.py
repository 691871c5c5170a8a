"""The index's drawn table and summary counts, kept in the cache every worker shares.

A body is kept under a key that names everything it is drawn from:

- the data stamp: a token that database triggers change, in the same transaction, whenever an
  indicator, service area, period, figure, target or comparator changes however it is changed
  (indicators/migrations/0010_index_data_stamp.py). It is read before any figure, so a body kept
  under a stamp is never older than the data that stamp stands for;
- the date the index is "as at", and today's date;
- what the reader may see: restricted indicators and small numbers, and provisional figures. A
  body is shared by every reader of the same class, never drawn for one and shown to another;
- the query (filters and sort, in the order the reader's address gives them);
- the settings that change what is drawn, the address the portal is served under, and the code:
  the portal's version and a digest of its templates, of the indicators package and of the locked
  dependencies, taken once when a worker starts, so a changed template or an upgraded library is
  never served from an old body.

`INDEX_CACHE=false` keeps nothing: every view draws the body (`make bench` measures both).

The page around the body (the reader's name, messages, the filter form, the CSRF token and the CSP
nonce) is drawn afresh for every view.
"""

import hashlib
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from functools import cache as once
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import get_script_prefix
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_UNAVAILABLE = (OSError, RedisError)
"""What a shared cache raises when it does not answer: the index is then drawn without it."""
STAMP_SQL = "SELECT token FROM indicators_datastamp WHERE id = 1"
KEPT_FOR = 60 * 60 * 24
"""A day: a key is never reused for other data, so this only bounds how long an unread body stays."""
SETTINGS_DRAWN = ("SMALL_NUMBER_THRESHOLD", "MEMBERS_SEE_PROVISIONAL")
PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
LOCKED = PACKAGE.parent / "requirements" / "main.txt"


def data_stamp() -> str | None:
    """The token the triggers change with any data the index reads: one query. None where there is
    no stamp row, and so nothing may be kept."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


@once
def code_version() -> str:
    """The portal's version and a digest of every template, of the indicators package and of the
    locked dependencies."""
    digest = hashlib.sha256()
    with suppress(PackageNotFoundError):
        digest.update(version("kpi-portal").encode())
    for root, pattern in ((TEMPLATES, "*.html"), (PACKAGE, "*.py")):
        for path in sorted(root.rglob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
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
