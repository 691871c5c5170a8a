"""How a worker process that serves the portal keeps Python's garbage collector out of a page's way
without letting its memory grow.

Drawing the index afresh makes tens of thousands of small objects (a 3,000-indicator index some
300,000), and Python's collector, left as it starts, scans every object the worker holds each time
a page makes enough of them: the modules, settings and templates loaded at start-up, which live as
long as the worker does. Measured by `make bench`, that made the 3,000-indicator index drawn afresh
take 620 ms rather than 375 ms.

So a worker, once it has loaded the portal (kpi_portal/wsgi.py), freezes what it holds
(`gc.freeze`): start-up's objects are never scanned again. It then collects once more, so that
Python counts the objects a full collection must wait for against what the worker made since, not
against start-up's frozen objects, and full collections come as often as Python's own thresholds say.

The thresholds stay Python's own. Raised to 50,000, 20 and 100, reference cycles holding a drawn
page or a PDF pack waited for a collection that came hundreds of views later: a worker grew by 14 MB
a view of the 3,000-indicator index and 22 MB a pack, past 1.5 GB; with only the youngest raised
(50,000, 10, 10) it still peaked at 719 MB. Raised, they drew the 3,000-indicator index afresh in
about two thirds of the time, which is not worth a worker's memory. `make bench` reads a worker's
peak memory over 100 views of that index and 50 packs (limit 400 MB).
"""

import gc


def settle() -> None:
    """Freeze what the worker has loaded, and leave the collector's thresholds as Python sets them."""
    gc.collect()
    gc.freeze()
    gc.collect()
