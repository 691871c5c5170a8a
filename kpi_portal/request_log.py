"""One structured line per request: who asked for what, the answer's status and how long it took."""

import json
import logging
import time

from django.conf import settings

logger = logging.getLogger("kpi_portal.requests")
problems = logging.getLogger(__name__)


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: the message plus whatever the caller passed as `extra`."""

    FIELDS = ("user", "method", "path", "status", "duration_ms", "bytes")

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "event": record.getMessage(),
        }
        line.update({field: getattr(record, field) for field in self.FIELDS if hasattr(record, field)})
        return json.dumps(line)


class RequestLogMiddleware:
    """Logs each request once it is answered, whatever the answer; the user is the username,
    "anonymous", or "unknown" where who asked cannot be read (their session did not load)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REQUEST_LOG:
            return self.get_response(request)
        started = time.perf_counter()
        response = None
        try:
            response = self.get_response(request)
        finally:
            logger.info(
                "request",
                extra={
                    "user": username_of(request),
                    "method": request.method,
                    "path": request.path,
                    # Django answers an exception with a 500 before it reaches here; a response
                    # missing means one escaped, and the server will answer 500.
                    "status": response.status_code if response is not None else 500,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "bytes": len(response.content)
                    if response is not None and not response.streaming
                    else None,
                },
            )
        return response


def username_of(request) -> str:
    """Who asked, without letting the log line fail: reading the user loads the session again, and
    what broke the page may break that too."""
    try:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return "anonymous"
        return user.get_username()
    except Exception:
        problems.warning("The user of a request could not be read for its log line.", exc_info=True)
        return "unknown"
