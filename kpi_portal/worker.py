"""How a worker process that serves the portal keeps Python's garbage collector out of a page's way.

Drawing the index afresh makes tens of thousands of small objects (a 3,000-indicator index some
300,000), and Python's collector, left as it starts, scans every object the worker holds each time
a page makes enough of them: the modules, settings and templates loaded at start-up, which live as
long as the worker does. Measured by `make bench`, that made the 3,000-indicator index drawn afresh
take 620 ms rather than 375 ms, and the 1,000-indicator index 190 ms rather than 115 ms.

So a worker, once it has loaded the portal (kpi_portal/wsgi.py):

- freezes what it holds (`gc.freeze`): start-up's objects are never scanned again;
- collects the youngest objects after 50,000 allocations rather than 700, so a page's objects are
  mostly freed before the collector would look at them. Garbage in reference cycles waits a little
  longer, a few megabytes at most.
"""

import gc

YOUNGEST, MIDDLE, OLDEST = 50_000, 20, 100
"""The collector's thresholds (`gc.set_threshold`); Python starts with 700, 10, 10."""


def settle() -> None:
    """Freeze what the worker has loaded, and collect young objects less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST, MIDDLE, OLDEST)
