"""A WSGI app that answers every request with one stored page, read once when the worker starts:
the floor the warm index is measured against, served by the same gunicorn (bench/index.py)."""

import os
from pathlib import Path

PAGE = Path(os.environ.get("BENCH_STORED_PAGE", os.devnull)).read_bytes()


def app(environ, start_response):
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]
    start_response("200 OK", headers)
    return [PAGE]
