"""A library: one folder holding documents, glossaries and the files they came from.

    <library>/
      library.yaml          optional: `name: My library`
      documents/<id>.yaml   one file per document (see reader.documents)
      glossaries/*.yaml     glossary files; every entry applies to all documents of its language
      originals/            the files documents were imported from, kept so import can be re-run

Reading positions and layouts are not kept here: they belong to the reader, not the library,
and live in the platform state directory.

Document ids are file names: an id is refused unless it is one plain name (no folder, no
`..`, no control character), so nothing is ever read or written outside the library. A
`Library` remembers the digest of each document it read, so saving it back refuses to
overwrite an edit made on disk since (see `reader.documents.save_document`). `scan()` lists
every document with its own error, so one broken file never hides the others.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.documents import UNCHECKED, carry_over, read_document, save_document
from reader.errors import ReaderError
from reader.fsutil import read_file
from reader.model import Document
from reader.safetext import has_controls


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
    text = re.sub(r"-{2,}", "-", text).strip("-_")[:80]
    while len(text.encode("utf-8")) > 120:  # 80 Chinese characters are 240 bytes
        text = text[:-1]
    return text.rstrip("-_") or "document"


# A file name on every common file system is at most 255 bytes; `.yaml~.tmp` and `.lock`
# are added to it.
_MAX_ID_BYTES = 200


def id_problem(doc_id: str) -> str | None:
    """Why `doc_id` cannot name a document file; None when it can."""
    if not doc_id or not doc_id.strip():
        return "an empty document id"
    if "/" in doc_id or "\\" in doc_id or "\0" in doc_id:
        return f"document id {doc_id!r} names a folder; an id is one plain name"
    if doc_id.startswith("."):
        return f"document id {doc_id!r} starts with a dot; an id is one plain name"
    if has_controls(doc_id) or "\n" in doc_id:
        return f"document id {doc_id!r} holds control characters"
    if len(doc_id.encode("utf-8", "surrogatepass")) > _MAX_ID_BYTES:
        return f"document id is longer than {_MAX_ID_BYTES} bytes"
    return None


RECORDED = object()  # `Library.save_document`: check against the digest last read


@dataclass(frozen=True)
class Listed:
    """One document of a library as `Library.scan` finds it: read, or its error."""

    id: str
    path: Path
    document: Document | None
    error: ReaderError | None = None


@dataclass(frozen=True)
class Library:
    root: Path
    # Document id -> digest of the file as this Library last read or wrote it.
    _digests: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

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
        """`name:` from library.yaml, else the folder's name (also when library.yaml is
        broken: `reader check` reports it, `settings_problem` says what is wrong)."""
        try:
            found = self._meta_name()
        except ReaderError:
            found = None
        return found or self.root.resolve().name

    def settings_problem(self) -> ReaderError | None:
        """What is wrong with library.yaml, if anything."""
        try:
            self._meta_name()
        except ReaderError as exc:
            return exc
        return None

    def _meta_name(self) -> str | None:
        meta = self.root / "library.yaml"
        if not os.path.lexists(meta):
            return None  # the usual case: no YAML parser loaded to say so
        from reader.safetext import clean
        from reader.yamlsafe import safe_load

        raw = read_file(meta)
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise ReaderError(meta, "not UTF-8 text") from None
        data = safe_load(text, meta)
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ReaderError(meta, "library.yaml is a mapping such as `name: My library`")
        name = data.get("name")
        if name is None:
            return None
        if not isinstance(name, str) or not clean(name).strip():
            raise ReaderError(meta, "name must be a text")
        return clean(name).strip()

    def document_path(self, doc_id: str) -> Path:
        problem = id_problem(doc_id)
        if problem is not None:
            raise ReaderError(self.documents_dir, problem)
        return self.documents_dir / f"{doc_id}.yaml"

    def document_ids(self) -> list[str]:
        """The ids of every `documents/*.yaml` (also those that will not load: a folder or
        a broken file is listed, and loading it gives its error)."""
        try:
            with os.scandir(self.documents_dir) as found:
                names = [e.name for e in found]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise ReaderError(self.documents_dir, f"cannot list: {exc.strerror}") from None
        ids = (name[: -len(".yaml")] for name in names if name.endswith(".yaml"))
        return sorted(doc_id for doc_id in ids if id_problem(doc_id) is None)

    def has_document(self, doc_id: str) -> bool:
        if id_problem(doc_id) is not None:
            return False
        return self.document_path(doc_id).is_file()

    def load_document(self, doc_id: str) -> Document:
        path = self.document_path(doc_id)
        if not os.path.lexists(path):
            raise ReaderError(path, f"no document {doc_id!r} in library {self.root}")
        doc, digest = read_document(path, doc_id)
        self._digests[doc_id] = digest
        return doc

    def load_documents(self) -> list[Document]:
        return [self.load_document(doc_id) for doc_id in self.document_ids()]

    def scan(self) -> Iterator[Listed]:
        """Every document in id order, each read in turn; a document that does not load
        comes with its error instead of stopping the others."""
        for doc_id in self.document_ids():
            path = self.document_path(doc_id)
            try:
                yield Listed(doc_id, path, self.load_document(doc_id))
            except ReaderError as exc:
                yield Listed(doc_id, path, None, exc)

    def digest(self, doc_id: str) -> str | None:
        """The digest of the document's file as this Library last read or wrote it."""
        return self._digests.get(doc_id)

    def document_changed(self, doc_id: str) -> bool:
        """Whether the document's file differs from the version this Library last read or
        wrote (by digest); True for one it never read."""
        from reader.fsutil import digest_of

        known = self._digests.get(doc_id)
        try:
            return known is None or digest_of(read_file(self.document_path(doc_id))) != known
        except ReaderError:
            return True

    def save_document(self, doc: Document, *, expected: str | None | object = RECORDED) -> Path:
        """Write a document into the library; returns its path.

        A document this Library read is written only if its file is still the version read
        (else ReaderError: "changed on disk since it was read; reload first"); pass
        `expected` (a digest, None for a file that must not exist, or UNCHECKED) to decide
        otherwise.
        """
        path = self.document_path(doc.id)
        if expected is RECORDED:
            expected = self._digests.get(doc.id, UNCHECKED)
        self._digests[doc.id] = save_document(doc, path, expected=expected)
        return path

    def save_imported(self, doc: Document) -> Path:
        """Write a freshly imported document, replacing the document of its id but keeping
        what the learner added to it (repaired alignments, own translations: `carry_over`)."""
        path = self.document_path(doc.id)
        if os.path.lexists(path):
            try:
                old, _digest = read_document(path, doc.id)
            except ReaderError:
                old = None  # a broken document is replaced (its previous version kept as ~)
            if old is not None:
                doc = carry_over(old, doc)
        self._digests[doc.id] = save_document(doc, path)
        return path

    def new_document_id(self, stem: str) -> str:
        """A fresh id from a file stem: `op-ed`, then `op-ed-2` if taken."""
        base = slugify(stem)
        candidate, n = base, 1
        while os.path.lexists(self.document_path(candidate)):
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
