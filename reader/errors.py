"""Errors a user can act on: they name the file, and the line and column where known."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class ReaderError(Exception):
    """A problem with the user's input, reported as one line: `file:line:col: message`."""

    def __init__(
        self,
        path: str | Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.location = Location(str(path), line, column)
        self.message = message
        super().__init__(f"{self.location}: {message}")


@dataclass(frozen=True)
class Diagnostic:
    """One finding of `reader check`: an error makes the check fail, a warning does not."""

    location: Location
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.location}: {prefix}{self.message}"
