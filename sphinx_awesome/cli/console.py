"""What every command prints with: UTF-8 standard output, plurals, exit statuses."""

from __future__ import annotations

import sys

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
