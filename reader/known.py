"""The words a learner knows, per language, in a YAML file beside the glossaries.

    <library>/known/<lang>.yaml

    # Words you know in nl: one per line, edit freely. ...
    language: nl
    words:
    - de
    - het
    - overnemen

A known word is one the learner does not want to see marked: not a glossary entry (it has no
gloss, no card), just a word. Words are kept as the learner marked them, folded as glossary
terms are (case, apostrophes, Arabic diacritics), and compare like glossary terms: a word
marked in its base form covers its inflections (`regel` covers "regels"), an inflected one its
lemma too (`stifled` covers "stifle").

Saving is careful as glossary saving is, under the file's lock (`reader.lockfile`, held from
reading the file to replacing it, so two processes adding words at once both keep theirs):
the file is checked unchanged on disk since it was read (by digest; if someone edited it,
the new words are added to what they wrote), new words are appended after the last item so
the rest of the file stays byte for byte, the result is read back and compared before it
replaces the file atomically, the previous version is kept as `<lang>.yaml~`, and a symbolic
link keeps pointing at the file it names, which gets the new words.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from reader.errors import ReaderError
from reader.fsutil import FileLock, make_folder, read_file, target_of

FOLDER = "known"


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def fold(word: str, lang: str) -> str:
    from reader.normalize import normalize_term

    return normalize_term(word, lang)


def known_path(library_root: Path, lang: str) -> Path:
    return Path(library_root) / FOLDER / f"{lang}.yaml"


@dataclass(frozen=True)
class KnownWords:
    """One language's known words as read from its file (empty when there is no file)."""

    path: Path
    lang: str
    words: tuple[str, ...]  # folded, in file order, without repeats
    text: str = ""
    digest: str = ""

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and fold(word, self.lang) in self.keys

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def atoms(self) -> frozenset[str]:
        """Everything the known words stand for, as glossary terms do (`reader.lemmas`)."""
        from reader.lemmas import english_words, term_atoms

        lang = self.lang.split("-")[0]
        out: set[str] = set(self.words)
        single = [w for w in self.words if " " not in w]
        if lang == "en":
            for atoms, _text in english_words(single):
                out |= atoms
        elif lang not in ("zh", "ja"):
            for w in single:
                out |= term_atoms(w, lang)
        return frozenset(out)

    def add(self, words: Iterable[str]) -> KnownWords:
        """Save these words as known too; returns what the file now holds."""
        return _save_added(self, words)

    def remove(self, words: Iterable[str]) -> KnownWords:
        """Save the file without these words (a word marked known by mistake)."""
        return _save_removed(self, words)


def load_known(library_root: Path, lang: str) -> KnownWords:
    return read_known(known_path(library_root, lang), lang)


def read_known(path: Path, lang: str) -> KnownWords:
    try:
        raw = read_file(path)
    except ReaderError:
        if not os.path.exists(path):  # no file yet (or a link to a file not made yet)
            return KnownWords(path, lang, ())
        raise
    return _from_bytes(path, lang, raw)


def _from_bytes(path: Path, lang: str, raw: bytes) -> KnownWords:
    if b"\0" in raw:
        raise ReaderError(path, "binary file, not a known-words file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReaderError(path, "not UTF-8 text; save the file as UTF-8", line) from None
    words, _end = _parse(text, path, lang)
    return KnownWords(path, lang, words, text, _digest(raw))


def _parse(text: str, path: Path, lang: str) -> tuple[tuple[str, ...], tuple[int, str] | None]:
    """The folded words and, when new items can simply be appended, where and how: the
    offset after the line of the last item of the block list `words` (when only comments
    follow it) and the indentation of its dashes."""
    from reader.yamlsafe import check_duplicate_keys, compose

    body = text.removeprefix("\ufeff")
    node = compose(body, path)
    if node is None:
        return (), None
    check_duplicate_keys(node, path)
    if not isinstance(node, MappingNode):
        raise ReaderError(path, "expected `language:` and `words:`", node.start_mark.line + 1)
    words_node = None
    for key, value in node.value:
        if key.value == "language" and isinstance(value, ScalarNode):
            if value.value.split("-")[0] != lang.split("-")[0]:
                raise ReaderError(
                    path,
                    f"language: {value.value}, but the file is for {lang}",
                    value.start_mark.line + 1,
                    value.start_mark.column + 1,
                )
        elif key.value == "words":
            words_node = value
    if words_node is None or (
        isinstance(words_node, ScalarNode) and words_node.value in ("", "~", "null")
    ):
        return (), None
    if not isinstance(words_node, SequenceNode):
        raise ReaderError(path, "`words:` should be a list", words_node.start_mark.line + 1)
    out: dict[str, None] = {}
    for item in words_node.value:
        if not isinstance(item, ScalarNode) or not item.value.strip():
            raise ReaderError(
                path,
                "each known word is one word or phrase",
                item.start_mark.line + 1,
                item.start_mark.column + 1,
            )
        out[fold(item.value, lang)] = None
    end: tuple[int, str] | None = None
    if not words_node.flow_style and words_node.value:
        last = words_node.value[-1].end_mark.index
        newline = body.find("\n", last)
        after = len(body) if newline < 0 else newline + 1
        first = words_node.value[0].start_mark
        line_start = body.rfind("\n", 0, first.index) + 1
        dash = body.rfind("-", line_start, first.index)
        indent = body[line_start:dash] if dash >= 0 else ""
        if _only_comments(body[after:]) and not indent.strip():
            end = (after + (len(text) - len(body)), indent)
    return tuple(out), end


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _header(lang: str) -> str:
    return (
        f"# Words you know in {lang}: one per line, edit freely. reader does not mark them\n"
        "# as unknown and counts them in a text's coverage. `W` in the reading app adds one.\n"
    )


def _item(word: str, indent: str = "") -> str:
    dumped: str = yaml.safe_dump([word], allow_unicode=True, default_flow_style=False, width=1_000)
    return indent + dumped


# A change to the file as it is on disk: the new text and the words it holds, or None when
# there is nothing to change.
_Change = Callable[["KnownWords"], "tuple[str, tuple[str, ...]] | None"]


def _save(kw: KnownWords, change: _Change) -> KnownWords:
    """Apply `change` to the file as it is on disk, under its lock from the read to the
    rename: an edit made since `kw` was read (by hand, by another process) is read again
    and kept, never overwritten."""
    target = target_of(kw.path)
    make_folder(target.parent, kw.path)
    with FileLock(target, resolved=True) as lock:
        raw = lock.read()
        if raw is None:
            current = KnownWords(kw.path, kw.lang, ())
        elif _digest(raw) == kw.digest:
            current = kw
        else:
            current = _from_bytes(kw.path, kw.lang, raw)
        planned = change(current)
        if planned is None:
            return current
        text, expected = planned
        # Read back what is about to be written: it must hold exactly the words meant.
        if _parse(text, kw.path, kw.lang)[0] != expected:
            raise ReaderError(kw.path, "could not save the known words safely; nothing written")
        data = text.encode("utf-8")
        lock.commit(data, backup=True, previous=raw)
    return KnownWords(kw.path, kw.lang, expected, text, _digest(data))


def _save_added(kw: KnownWords, words: Iterable[str]) -> KnownWords:
    words = list(words)
    return _save(kw, lambda current: _added(current, words))


def _added(kw: KnownWords, words: list[str]) -> tuple[str, tuple[str, ...]] | None:
    new = list(
        dict.fromkeys(w for w in (fold(w, kw.lang) for w in words) if w and w not in kw.keys)
    )
    if not new:
        return None
    if not kw.text.strip():
        items = "".join(_item(w) for w in new)
        text = f"{_header(kw.lang)}language: {kw.lang}\nwords:\n{items}"
    else:
        _words, place = _parse(kw.text, kw.path, kw.lang)
        if place is not None:
            end, indent = place
            head, tail = kw.text[:end], kw.text[end:]
            newline = "\r\n" if "\r\n" in kw.text else "\n"  # the file's own line ends
            if not head.endswith("\n"):
                head += newline
            items = "".join(_item(w, indent) for w in new).replace("\n", newline)
            text = head + items + tail
        else:
            text = _rewritten(kw, [*kw.words, *new])
    return text, (*kw.words, *new)


def _save_removed(kw: KnownWords, words: Iterable[str]) -> KnownWords:
    words = list(words)
    return _save(kw, lambda current: _removed(current, words))


def _removed(kw: KnownWords, words: list[str]) -> tuple[str, tuple[str, ...]] | None:
    gone = {fold(w, kw.lang) for w in words} & kw.keys
    if not gone:
        return None
    keep = tuple(w for w in kw.words if w not in gone)
    lines = kw.text.splitlines(keepends=True)
    # Drop the items' own lines when they are plain `- word` lines; rewrite otherwise.
    out = [
        ln for ln in lines if not (ln.lstrip().startswith("- ") and _item_word(ln, kw.lang) in gone)
    ]
    text = "".join(out)
    try:
        if _parse(text, kw.path, kw.lang)[0] != keep:
            text = _rewritten(kw, list(keep))
    except ReaderError:
        text = _rewritten(kw, list(keep))
    return text, keep


def _item_word(line: str, lang: str) -> str | None:
    try:
        value = yaml.safe_load(line.strip())
    except yaml.YAMLError:
        return None
    if isinstance(value, list) and len(value) == 1 and value[0] is not None:
        return fold(str(value[0]), lang)
    return None


def _rewritten(kw: KnownWords, words: list[str]) -> str:
    comments = []
    for line in kw.text.splitlines():
        if line.startswith("#"):
            comments.append(line + "\n")
        else:
            break
    head = "".join(comments) or _header(kw.lang)
    return f"{head}language: {kw.lang}\nwords:\n" + "".join(_item(w) for w in words)
