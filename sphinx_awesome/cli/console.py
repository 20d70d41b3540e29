"""What every command prints with: UTF-8 standard output, plurals, exit statuses."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """``1 entry``, ``2 entries``: *plural_form* defaults to *word* + ``s``."""
    return f"{count} {word if count == 1 else plural_form or word + 's'}"


def write_stdout(text: str) -> None:
    """Write *text* to standard output as UTF-8 whatever the console's encoding."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if buffer is not None and encoding not in ("utf8", "utf8sig"):
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()


def note(text: str) -> None:
    """A line for the reader on standard error."""
    print(text, file=sys.stderr)


def write_file(target: Path, text: str) -> None:
    """Write *text* to *target* whole or not at all (a temporary file renamed over it), making
    missing parent directories. Raises ``OSError`` with the path that failed."""
    for parent in reversed(target.parents):
        if parent.exists() and not parent.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(parent))
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def user_cache_dir() -> Path:
    """``sphinx-awesome`` in the user's cache directory (per platform)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sphinx-awesome"
