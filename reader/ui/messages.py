"""What screens tell the app, and what the app tells screens: typed messages.

The app owns navigation and the glossary's saving: a screen asks for a document, the library,
the glossary table or a change to the learner's data by posting a message, which bubbles up
to the app. The app tells every open screen what changed (entries, a document) by posting
messages to each; a screen handles those it shows and ignores the rest. No screen calls
another, or looks at what lies under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.message import Message

from reader.model import Document, Entry

if TYPE_CHECKING:
    from reader.study import Outcome, Study
    from reader.ui.viewmodel.contents import Contents

# --- screens -> app --------------------------------------------------------------------------


class OpenDocument(Message):
    """Read `document` (in `layout`); with `entry`, at that entry's first occurrence."""

    def __init__(
        self, document: Document, *, layout: str | None = None, entry: Entry | None = None
    ) -> None:
        super().__init__()
        self.document = document
        self.layout = layout
        self.entry = entry


class ShowLibrary(Message):
    """Back to the library (under the reading screen, or in its place)."""


class ShowGlossary(Message):
    """The glossary table: the entries of `document`, or of the whole library."""

    def __init__(self, document: Document | None) -> None:
        super().__init__()
        self.document = document


class ShowContents(Message):
    """The table of contents of the document being read: `current` is the entry the learner
    is in (None before the first heading), `total` the document's segment count."""

    def __init__(self, contents: Contents, current: int | None, title: str, total: int) -> None:
        super().__init__()
        self.contents = contents
        self.current = current
        self.title = title
        self.total = total


class EntryChosen(Message):
    """The learner chose an entry in the glossary table: go to where it occurs. `documents`
    are where it may be looked for, in order (the document it was noted in first)."""

    def __init__(self, entry: Entry, scope: Document | None, documents: Iterable[str]) -> None:
        super().__init__()
        self.entry = entry
        self.scope = scope
        self.documents = tuple(documents)


class StudyRequest(Message):
    """Change the learner's data through the study service, in the app's glossary worker.

    `operation` runs off the UI thread; `on_done` runs on it with the outcome (after the
    app told the learner and every screen). `failure` titles the notice when it fails;
    `hint` is added to the notice when it succeeds ("Press u to undo."); `nothing` is said
    when the operation had nothing to do (an undo with nothing left to undo).
    """

    def __init__(
        self,
        operation: Callable[[Study], Outcome | None],
        *,
        failure: str = "Not saved",
        hint: str = "",
        timeout: float = 2,
        nothing: str = "",
        on_done: Callable[[Outcome], None] | None = None,
    ) -> None:
        super().__init__()
        self.operation = operation
        self.failure = failure
        self.nothing = nothing
        self.hint = hint
        self.timeout = timeout
        self.on_done = on_done


class GlossaryFilesTouched(Message):
    """Glossary files may have changed on disk (an export wrote ids, an editor ran, an
    import wrote notes): the app reads them again."""


# --- app -> screens --------------------------------------------------------------------------


class EntriesChanged(Message):
    """Glossary entries changed: re-mark the text (all of it, or these segments)."""

    def __init__(self, segment_ids: Iterable[str] | None = None) -> None:
        super().__init__()
        self.segment_ids = None if segment_ids is None else tuple(segment_ids)


class DocumentChanged(Message):
    """A new version of a document was saved (an undo, a redo, a repair)."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
