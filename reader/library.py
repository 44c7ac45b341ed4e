"""A library: one folder holding documents, glossaries and the files they came from.

    <library>/
      library.yaml          optional: `name: My library`
      documents/<id>.yaml   one file per document (see reader.documents)
      glossaries/*.yaml     glossary files; every entry applies to all documents of its language
      originals/            the files documents were imported from, kept so import can be re-run

Reading positions and layouts are not kept here: they belong to the reader, not the library,
and live in the platform state directory.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.documents import load_document, save_document
from reader.errors import ReaderError
from reader.model import Document


def default_library_path() -> Path:
    """$READER_LIBRARY, else a `library` folder in the platform data directory."""
    env = os.environ.get("READER_LIBRARY")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader")) / "library"


def slugify(stem: str) -> str:
    """A file-name-safe id that keeps letters of any script (Chinese titles stay readable)."""
    text = unicodedata.normalize("NFC", stem).strip().lower()
    text = re.sub(r"[^\w\-]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    return text[:80] or "document"


@dataclass(frozen=True)
class Library:
    root: Path

    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    @property
    def glossaries_dir(self) -> Path:
        return self.root / "glossaries"

    @property
    def originals_dir(self) -> Path:
        return self.root / "originals"

    @property
    def name(self) -> str:
        meta = self.root / "library.yaml"
        if meta.is_file():
            try:
                data = yaml.safe_load(meta.read_text(encoding="utf-8"))
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                data = None
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                return data["name"]
        return self.root.resolve().name

    def document_path(self, doc_id: str) -> Path:
        return self.documents_dir / f"{doc_id}.yaml"

    def document_ids(self) -> list[str]:
        if not self.documents_dir.is_dir():
            return []
        return sorted(p.stem for p in self.documents_dir.glob("*.yaml"))

    def has_document(self, doc_id: str) -> bool:
        return self.document_path(doc_id).is_file()

    def load_document(self, doc_id: str) -> Document:
        path = self.document_path(doc_id)
        if not path.is_file():
            raise ReaderError(path, f"no document {doc_id!r} in library {self.root}")
        return load_document(path, doc_id)

    def load_documents(self) -> list[Document]:
        return [self.load_document(doc_id) for doc_id in self.document_ids()]

    def save_document(self, doc: Document) -> Path:
        path = self.document_path(doc.id)
        save_document(doc, path)
        return path

    def new_document_id(self, stem: str) -> str:
        """A fresh id from a file stem: `op-ed`, then `op-ed-2` if taken."""
        base = slugify(stem)
        candidate, n = base, 1
        while self.has_document(candidate):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def glossary_paths(self) -> list[Path]:
        if not self.glossaries_dir.is_dir():
            return []
        return sorted(self.glossaries_dir.glob("*.yaml"))

    def resolve_origin(self, doc: Document) -> Path | None:
        if not doc.origin:
            return None
        origin = Path(doc.origin)
        return origin if origin.is_absolute() else self.root / origin
