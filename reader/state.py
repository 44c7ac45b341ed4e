"""Where the learner was: reading position, layout and panels per document.

This is the reader's state, not the library's: it lives in the platform state directory
(`platformdirs.user_state_dir("reader")/state.yaml`, or `$READER_STATE_DIR/state.yaml`), so a
library folder can be shared or kept under version control without everyone's bookmarks in it.
No Textual import: the library screen's progress column and the tests read it directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.fsutil import atomic_write_text


def state_dir() -> Path:
    env = os.environ.get("READER_STATE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("reader"))


def document_key(document_id: str, library_root: Path | None, origin: str | None = None) -> str:
    """A key that tells two documents called `op-ed` in different libraries apart.

    A file opened without a library (imported in memory) is keyed by its absolute path.
    """
    if library_root is not None:
        return f"{Path(library_root).resolve()}#{document_id}"
    if origin:
        return str(Path(origin).resolve())
    return document_id


@dataclass(frozen=True)
class DocState:
    """One document's reading state. The position is an anchor (segment id, character
    offset) rather than a row, so it survives a different terminal size or layout."""

    segment: str | None = None
    offset: int = 0
    layout: str | None = None
    notes: bool | None = None  # None: never toggled; shown when the terminal is wide enough
    progress: float = 0.0  # 0..1, paragraph index of the position over the paragraph count
    last_opened: str | None = None  # ISO timestamp

    @property
    def anchor(self) -> tuple[str, int] | None:
        return (self.segment, self.offset) if self.segment else None


class StateStore:
    """Per-document states in one YAML file, read once and written on every change.

    Each write re-reads the file and replaces only this document's record, so two app windows
    on different documents do not undo each other's positions. `layouts`, when given, are the
    layout names the app knows (its registry of modes): a layout recorded by another version
    that this one does not have reads as none.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        layouts: Collection[str] | Callable[[], Collection[str]] | None = None,
    ) -> None:
        self.path = path if path is not None else state_dir() / "state.yaml"
        # Read on first use, like the layout names (given, or a function that gives them):
        # a start-up that shows no document yet reads neither.
        self._layouts = layouts
        self._known_layouts: frozenset[str] | None = None
        self._read_docs: dict[str, dict[str, Any]] | None = None

    @property
    def layouts(self) -> frozenset[str] | None:
        if self._known_layouts is None and self._layouts is not None:
            names = self._layouts() if callable(self._layouts) else self._layouts
            self._known_layouts = frozenset(names)
        return self._known_layouts

    @property
    def _docs(self) -> dict[str, dict[str, Any]]:
        if self._read_docs is None:
            self._read_docs = self._read()
        return self._read_docs

    def _read(self) -> dict[str, dict[str, Any]]:
        import yaml

        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            # State is a convenience: a damaged file costs bookmarks, never a start-up.
            return {}
        docs = data.get("documents") if isinstance(data, dict) else None
        return (
            {str(k): v for k, v in docs.items() if isinstance(v, dict)}
            if isinstance(docs, dict)
            else {}
        )

    def get(self, key: str) -> DocState:
        raw = self._docs.get(key, {})
        known = {k: raw[k] for k in DocState.__dataclass_fields__ if k in raw}
        try:
            state = DocState(**known)
        except TypeError:
            return DocState()
        layout = state.layout
        if layout is not None and (
            not isinstance(layout, str) or (self.layouts is not None and layout not in self.layouts)
        ):
            state = replace(state, layout=None)
        return state

    def put(self, key: str, state: DocState) -> None:
        import yaml

        self._read_docs = self._read()
        self._read_docs[key] = {k: v for k, v in asdict(state).items() if v is not None}
        text = yaml.safe_dump(
            {"documents": self._docs}, allow_unicode=True, sort_keys=True, default_flow_style=False
        )
        try:
            atomic_write_text(self.path, "# reader: reading positions (safe to delete)\n" + text)
        except OSError:
            pass  # a read-only state dir must not stop anyone reading

    def update(self, key: str, **changes: Any) -> DocState:
        state = replace(self.get(key), **changes)
        self.put(key, state)
        return state

    def touch(self, key: str) -> DocState:
        return self.update(key, last_opened=datetime.now().isoformat(timespec="seconds"))
