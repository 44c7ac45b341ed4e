"""Where the learner was: reading position, layout and panels per document.

This is the reader's state, not the library's: it lives in the platform state directory
(`platformdirs.user_state_dir("reader")/state.json`, or `$READER_STATE_DIR/state.json`), so a
library folder can be shared or kept under version control without everyone's bookmarks in it.
It is JSON, not YAML like the learner's files: nobody edits it by hand, and the reading app
reads it before its first frame, which should not wait for the YAML parser to load. A
`state.yaml` left by an older version beside it is read until the first position is saved.
No Textual import: the library screen's progress column and the tests read it directly.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.fsutil import atomic_write_text

NAME = "state.json"
OLDER_NAME = "state.yaml"  # where versions before JSON kept it
ABOUT = "reader: reading positions (safe to delete)"


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
        self.path = path if path is not None else state_dir() / NAME
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
        # State is a convenience: a damaged file costs bookmarks, never a start-up.
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = self._read_older()
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        docs = data.get("documents") if isinstance(data, dict) else None
        return (
            {str(k): v for k, v in docs.items() if isinstance(v, dict)}
            if isinstance(docs, dict)
            else {}
        )

    def _read_older(self) -> object:
        """The `state.yaml` an older version kept where `state.json` is now, if any."""
        older = self.path.with_name(OLDER_NAME)
        if self.path.name != NAME or not older.is_file():
            return None
        import yaml

        try:
            return yaml.safe_load(older.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None

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
        self._read_docs = self._read()
        self._read_docs[key] = {k: v for k, v in asdict(state).items() if v is not None}
        text = json.dumps(
            {"about": ABOUT, "documents": self._docs}, ensure_ascii=False, indent=1, sort_keys=True
        )
        try:
            atomic_write_text(self.path, text + "\n")
        except OSError:
            pass  # a read-only state dir must not stop anyone reading

    def update(self, key: str, **changes: Any) -> DocState:
        state = replace(self.get(key), **changes)
        self.put(key, state)
        return state

    def touch(self, key: str) -> DocState:
        return self.update(key, last_opened=datetime.now().isoformat(timespec="seconds"))
