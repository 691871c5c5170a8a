"""One structured line per request: who asked for what, the answer's status and how long it took."""

import json
import logging
import time

from django.conf import settings

logger = logging.getLogger("kpi_portal.requests")


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
    """Logs each request once it is answered; the user is the username, or "anonymous"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REQUEST_LOG:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "user": user.get_username() if user is not None and user.is_authenticated else "anonymous",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "bytes": len(response.content) if not response.streaming else None,
            },
        )
        return response
