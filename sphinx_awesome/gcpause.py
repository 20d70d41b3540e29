"""Pausing Python's cyclic garbage collector around bulk work on entries.

Unpickling 100,000 entries, choosing every table's rows or writing a 10,000-row table
allocates millions of objects that either live on (the entry store, the computed state) or
die by reference counting (cells, pieces): none of them form garbage cycles. While they are
created, the collector runs again and again over everything already alive; on Python 3.11
that is most of the time spent unpickling a large store (3.3 s of which 2.5 s is the
collector, at 100,000 entries). Pausing it for the duration of such work, and restoring
whatever state it was in, changes nothing that is collected, only when.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the enclosed block with automatic garbage collection off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
