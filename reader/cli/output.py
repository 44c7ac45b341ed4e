"""What the commands print, made safe for a terminal: every control character shown, never
obeyed (`reader.safetext.visible`), and text the terminal's encoding cannot hold escaped
rather than raised as a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from reader.safetext import visible


class VisibleStream:
    """A text stream that passes everything written through `visible`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        shown = visible(text)
        try:
            self._stream.write(shown)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._stream.write(shown.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def visible_output(enabled: bool = True) -> Iterator[None]:
    """sys.stdout and sys.stderr as `VisibleStream`s for the duration."""
    if not enabled:
        yield
        return
    saved = sys.stdout, sys.stderr
    sys.stdout = VisibleStream(saved[0])
    sys.stderr = VisibleStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
