"""The dictionaries a learner has: installed ones, the system's dictd databases, CC-CEDICT.

Installed dictionaries live in the platform data folder (`READER_DICTIONARIES` moves it):

    <data>/dictionaries/
      registry.yaml         the installed dictionaries in the learner's order (hand-editable)
      <slug>/               one folder each: copies of the files, or links to them (--link)

`registry.yaml` lists each dictionary's name, format, languages, entry count and main file;
moving an entry up or down changes the order look-ups show them in. Databases in
/usr/share/dictd (`READER_DICTD_DIR`) are found without configuration; `reader dict remove`
hides one instead of deleting the system's files. Indexes are not kept here but in the cache
folder, by content (`reader.dictionary.indexed`).

Adding is all or nothing: the files are copied (or linked) into a temporary folder, indexed
(which reads and checks every entry's place), and only then renamed into place and
registered. A file that fails leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.dictionary import langcodes
from reader.dictionary.formats import Format, Progress, detect, format_of
from reader.dictionary.indexed import IndexedDictionary, file_digest, open_or_build
from reader.dictionary.model import DictionaryInfo
from reader.errors import ReaderError
from reader.fsutil import atomic_write_text

REGISTRY = "registry.yaml"
_HEADER = (
    "# Dictionaries reader looks words up in, in this order (move an entry to reorder).\n"
    "# `reader dict add FILE` and `reader dict remove NAME` edit this file.\n"
)


def data_folder() -> Path:
    env = os.environ.get("READER_DICTIONARIES")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader")) / "dictionaries"


def dictd_folder() -> Path:
    return Path(os.environ.get("READER_DICTD_DIR", "/usr/share/dictd"))


@dataclass(frozen=True)
class Record:
    """One dictionary of the registry, or one found on the system."""

    name: str
    format: str
    from_lang: str
    to_lang: str
    path: Path  # the main file (in the dictionary's folder, which may link elsewhere)
    entries: int = 0
    linked: bool = False
    origin: str = "installed"  # installed | system

    def info(self) -> DictionaryInfo:
        return DictionaryInfo(
            self.name,
            self.from_lang,
            self.to_lang,
            self.entries,
            self.format,
            str(self.path),
            self.origin,
        )


class Registry:
    """The registry file of one data folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else data_folder()
        self.path = self.folder / REGISTRY

    # --- reading and writing ----------------------------------------------------------

    def _load(self) -> tuple[list[Record], list[str]]:
        if not self.path.is_file():
            return [], []
        import yaml  # here: a learner without dictionaries never pays for it

        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise ReaderError(
                self.path, f"not a valid registry: {exc}".splitlines()[0], line
            ) from None
        if not isinstance(data, dict):
            raise ReaderError(self.path, "not a valid registry: expected `dictionaries:`")
        records = []
        for item in data.get("dictionaries") or []:
            if not isinstance(item, dict) or not {"name", "format", "path"} <= set(item):
                raise ReaderError(self.path, "each dictionary needs name, format and path")
            path = Path(str(item["path"]))
            records.append(
                Record(
                    name=str(item["name"]),
                    format=str(item["format"]),
                    from_lang=str(item.get("from") or ""),
                    to_lang=str(item.get("to") or ""),
                    path=path if path.is_absolute() else self.folder / path,
                    entries=int(item.get("entries") or 0),
                    linked=bool(item.get("linked")),
                )
            )
        hidden = [str(h) for h in data.get("hidden") or []]
        return records, hidden

    def _save(self, records: list[Record], hidden: list[str]) -> None:
        items: list[dict[str, Any]] = []
        for r in records:
            try:
                shown: Path = r.path.relative_to(self.folder)
            except ValueError:
                shown = r.path
            items.append(
                {
                    "name": r.name,
                    "format": r.format,
                    "from": r.from_lang,
                    "to": r.to_lang,
                    "entries": r.entries,
                    "path": str(shown),
                    "linked": r.linked,
                }
            )
        import yaml

        body: dict[str, Any] = {"dictionaries": items}
        if hidden:
            body["hidden"] = hidden
        text = _HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
        atomic_write_text(self.path, text, backup=True)

    # --- what the learner has ---------------------------------------------------------

    def installed(self) -> list[Record]:
        return self._load()[0]

    def hidden(self) -> list[str]:
        return self._load()[1]

    def system(self) -> list[Record]:
        """dictd databases of the system folder, except hidden ones and those the learner
        installed from the same files."""
        folder = dictd_folder()
        if not folder.is_dir():
            return []
        records, hidden = self._load()
        taken = {_real(r.path) for r in records}
        out = []
        for index in sorted(folder.glob("*.index")):
            stem = index.name[: -len(".index")]
            if stem in hidden or _real(index) in taken:
                continue
            if not any((folder / f"{stem}{s}").is_file() for s in (".dict.dz", ".dict")):
                continue
            # Languages from the name alone: listing must not open every database (the
            # app lists them at start-up). A database whose name says none is left out.
            pair = langcodes.languages_of(stem)
            if pair is None:
                continue
            out.append(
                Record(
                    name=stem,
                    format="dictd",
                    from_lang=pair[0],
                    to_lang=pair[1],
                    path=index,
                    origin="system",
                )
            )
        return out

    def records(self) -> list[Record]:
        """Everything to look up in, in order: installed, then system databases."""
        return [*self.installed(), *self.system()]

    def find(self, name: str) -> Record | None:
        for record in self.records():
            if record.name == name or record.path.stem == name:
                return record
        return None

    # --- changing it ------------------------------------------------------------------

    def add(
        self,
        source: Path,
        *,
        from_lang: str | None = None,
        to_lang: str | None = None,
        name: str | None = None,
        link: bool = False,
        progress: Progress | None = None,
    ) -> Record:
        """Install the dictionary `source` names: checked and indexed before it is
        registered; nothing is left behind when it fails."""
        source = source.expanduser()
        if not source.exists():
            raise ReaderError(source, "no such file")
        fmt = detect(source)
        files = fmt.files(source)
        described = fmt.describe(files[0])
        src = langcodes.normalize(from_lang or described.from_lang)
        dst = langcodes.normalize(to_lang or described.to_lang)
        if not src or not dst:
            raise ReaderError(
                source,
                "the file does not say its languages; give them with --from and --to",
            )
        for code in (src, dst):
            if not langcodes.valid(code):
                raise ReaderError(source, f"{code!r} is not a language code (en, zh, nl)")
        title = (name or described.name or files[0].stem).strip()
        records, hidden = self._load()
        if any(r.name == title for r in records):
            raise ReaderError(source, f"a dictionary named {title!r} is installed already")
        # Indexing reads and checks every entry, so a bad file fails here, before anything
        # is copied; the index is kept by content, so the copy finds it again.
        index = _open_index(fmt, files[0], src, progress)
        entries = len(index)
        index.close()
        slug = _free_slug(self.folder, title)
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = self.folder / f".{slug}.adding"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            for f in files:
                target = staging / f.name
                if link:
                    target.symlink_to(f.resolve())
                else:
                    shutil.copyfile(f, target)
            if not link and file_digest([staging / f.name for f in files]) != file_digest(files):
                raise ReaderError(source, "changed while it was being copied; try again")
            final = self.folder / slug
            staging.rename(final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        record = Record(
            name=title,
            format=fmt.kind,
            from_lang=src,
            to_lang=dst,
            path=final / files[0].name,
            entries=entries,
            linked=link,
        )
        try:
            self._save([*records, record], hidden)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        return record

    def remove(self, name: str) -> Record:
        """Uninstall an installed dictionary (its folder goes), or hide a system one. `name`
        is its name, or the name of its folder or main file."""
        records, hidden = self._load()
        for i, r in enumerate(records):
            if name in (r.name, r.path.parent.name, r.path.stem):
                self._save(records[:i] + records[i + 1 :], hidden)
                folder = r.path.parent
                if folder.parent == self.folder:
                    shutil.rmtree(folder, ignore_errors=True)
                return r
        for r in self.system():
            if r.name == name:
                self._save(records, [*hidden, r.name])
                return replace(r, origin="hidden")
        raise ReaderError(self.path, f"no dictionary named {name!r} (see `reader dict list`)")


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _free_slug(folder: Path, title: str) -> str:
    base = re.sub(r"[^\w.-]+", "-", title.lower()).strip("-.") or "dictionary"
    base = base[:60]
    slug, n = base, 1
    while (folder / slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _open_index(fmt: Format, main: Path, lang: str, progress: Progress | None) -> Any:
    files = fmt.files(main)
    digest = file_digest(files)
    return open_or_build(
        fmt.kind, f"{digest}-{langcodes.base(lang)}", lambda w: fmt.build(main, lang, w, progress)
    )


def open_record(record: Record, progress: Progress | None = None) -> IndexedDictionary:
    """A dictionary object for a record. Nothing is read, not even the format's module,
    until the first look-up opens (or builds) its index."""
    if record.format not in ("stardict", "dictd", "yomitan", "ecdict", "tsv"):
        raise ReaderError(record.path, f"unknown dictionary format {record.format!r}")
    decoders: list[Any] = []

    def opener() -> Any:
        return _open_index(format_of(record.format), record.path, record.from_lang, progress)

    def decode(index: Any, entry: int) -> Any:
        if not decoders:
            decoders.append(format_of(record.format).decoder(record.path))
        return decoders[0](index, entry)

    return IndexedDictionary(record.info(), opener, decode)
