"""Writing the extension's own files (published entries, the feed, the sources' cache, the
linkcheck reports) whole or not at all: a build killed mid-write leaves the old file."""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file renamed over it."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # created as any output file
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, text: str) -> bool:
    """Write *text* to *path* (whole) unless it already holds it; whether it wrote."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_whole(path, data)
    return True
