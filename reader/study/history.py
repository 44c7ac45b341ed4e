"""One history of what the learner changed, undone and redone in order.

Every change a learner makes (an entry added, edited, deleted, its status or level, an own
translation, an alignment repair) is one step. Undo takes back the last step, whatever kind
it was, so `u` never reaches past an alignment repair to take back an entry added before it;
redo puts back what undo took, until a new change starts another branch. A step that can no
longer be undone (its file was edited by hand since) is dropped with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from reader.errors import ReaderError
from reader.model import Document

# Steps kept for undo: a session's worth; each holds only what its change touched.
STEPS_KEPT = 500


@dataclass(frozen=True)
class Outcome:
    """What an operation (or its undo, or redo) changed, for the caller to show.

    `message` is what to tell the learner; `label` names the step in the history ("added
    “stark”"), for "Undone: added “stark”.". `entries` is True when glossary entries changed
    (what is marked in the text); `document` is the new version of a document that changed.
    """

    message: str
    label: str
    entries: bool = False
    document: Document | None = None


class Step(Protocol):
    """A change that can be taken back and put back again."""

    label: str

    def undo(self) -> Outcome: ...

    def redo(self) -> Outcome: ...


class History:
    """Undo and redo stacks of steps."""

    def __init__(self, kept: int = STEPS_KEPT) -> None:
        self.kept = kept
        self._done: list[Step] = []
        self._undone: list[Step] = []

    def record(self, step: Step) -> None:
        """A new change: it can be undone, and what was undone before can no longer be redone."""
        self._done.append(step)
        del self._done[: -self.kept]
        self._undone.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def labels(self) -> tuple[list[str], list[str]]:
        """What undo would take back (most recent first), and what redo would put back."""
        return [s.label for s in reversed(self._done)], [s.label for s in reversed(self._undone)]

    def undo(self) -> Outcome | None:
        """Take back the last step; None when there is none. A step refused (ReaderError) is
        dropped: it can never be undone, and the one before it must stay reachable."""
        if not self._done:
            return None
        step = self._done.pop()
        try:
            outcome = step.undo()
        except ReaderError:
            self._undone.clear()
            raise
        self._undone.append(step)
        return outcome

    def redo(self) -> Outcome | None:
        """Put back the last step undone; None when there is none."""
        if not self._undone:
            return None
        step = self._undone.pop()
        try:
            outcome = step.redo()
        except ReaderError:
            self._undone.clear()
            raise
        self._done.append(step)
        return outcome
