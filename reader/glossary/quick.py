"""Reading a large, well-formed glossary without PyYAML's node tree.

PyYAML makes a Python node, with two position marks, for every key and value: for a
50,000-entry glossary that is most of half a second, spent on positions that only an error
message needs. yaml-rs (a YAML 1.2 parser in Rust) reads the same file into plain Python data
in about a fifth of that. It is used for loading only, and only where it is sure to mean what
the strict reader (`parse`, `fields`, on PyYAML nodes) means; that reader stays the one that
decides what a glossary says, reports every problem with its line and column, and locates
entries for careful saves. `entries_of` returns None, and the caller reads the file the
strict way, whenever:

- the text holds anything the two parsers may read differently: tabs, backslash escapes,
  characters YAML 1.1 does not allow or counts as line breaks (NEL, U+2028), control
  characters the strict reader removes (`reader.safetext`), a tag (`!`),
  an anchor or alias (`&`, `*`), a complex key (`?`), a merge key (`<<`), a directive (`%`),
  a number written with a leading zero (`010` is 8 in YAML 1.1, 10 in YAML 1.2), an item
  of a flow collection starting with `>`, `|`, `?` or `:`, or a line too long to be a key
  for PyYAML;
- yaml-rs refuses the text (broken YAML, a duplicate key, a second document);
- a value may be typed differently by the two YAML versions: a float, a key that is a
  number, or a text that YAML 1.1 reads as something else when written bare (`yes`, `on`,
  `2024-01-01`, `1:30`) and that is written bare somewhere in the file (quoted, as the app
  writes it, it is text in both);
- anything would make the strict reader report a problem, even a warning: an unknown field,
  a wrong type, a duplicate term, a level outside learning. Warnings are kept with their
  position, so the strict reader is the one to find them.

So a file read here gives exactly the entries the strict reader would give, with no warnings;
a test compares the two on generated glossaries full of such cases. Where yaml-rs is not
installed, every file is read the strict way.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from reader.gcpause import no_gc
from reader.glossary.fields import long_entry, short_entry
from reader.glossary.schema import (
    LANG_CODE,
    LIST_FIELDS,
    STR,
    TEXT_FIELDS,
    split_glosses,
    term_keys,
)
from reader.model import STATUSES, Context, Entry
from reader.yamlsafe import Loader

yaml_rs: Any
try:
    import yaml_rs
except ImportError:  # pragma: no cover - an optional speed-up
    yaml_rs = None

__all__ = ["entries_of"]

# Characters the fast path leaves to the strict reader. Tabs and backslash escapes are read
# differently in corner cases; NEL and U+2028/9 are line breaks in YAML 1.1 only; the rest
# YAML 1.1 refuses (C0/C1 controls, surrogates, BOMs inside the text, noncharacters) or the
# strict reader removes (bidi controls: `reader.safetext`).
_UNSURE_CHARS = re.compile(
    "[\t\\\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069]"
)
# Indicators that matter only at the start of a token, and whole numbers with a leading
# zero (`010`, `0o10`, not `002_3fb8`). Found with plain searches (two: a search that is one
# character class, or one that starts with a literal, skips ahead in C), then each hit is
# looked at in its context.
_INDICATORS = re.compile(r"[!&*?%<]")
_LEADING_ZERO = re.compile(r"0[0-9oO][0-9_.:eE+-]*(?![^\s,\]}])")
_TOKEN_START = frozenset(" \n\r[{,")
# In a flow collection, `>`, `|`, `?` and `:` starting an item or a value (`[>x]`, `[x, :y]`,
# `{a: |b}`), and a `:` right before one of `,?[]{}` (`[1.5:?]`): libyaml refuses them or
# reads a complex key; yaml-rs reads plain text. The search finds every such spot, and a
# spot after `:` counts only inside a flow collection (a `[` or `{` before it on its line):
# in block context `note: |` is a block scalar, read alike by both.
# Each search starts with a literal character, which the regex engine skips to in C: ten
# times faster than one search led by a character class.
_FLOW_ITEM = tuple(map(re.compile, (r"\[[ ]*[>|?:]", r"\{[ ]*[>|?:]", r",[ ]*[>|?:]")))
_FLOW_VALUE = tuple(map(re.compile, (r":(?:[ ]+[>|?:]|[,?\[\]{}])", r"\?[ ]+[>|?:]")))
# PyYAML refuses implicit keys longer than 1024 characters; yaml-rs reads them.
_MAX_LINE = 1024

_IMPLICIT = Loader.yaml_implicit_resolvers  # first character -> [(tag, regexp)]


class _Unsure(Exception):
    """Raised inside the fast path: leave this file to the strict reader."""


def entries_of(body: str, path: Path) -> tuple[str, tuple[Entry, ...]] | None:
    """(language, entries) of a glossary text, or None to read it the strict way.

    `body` is the text after any BOM, as `parse.entries_of` takes it.
    """
    if yaml_rs is None:
        return None
    # The collector is paused while the data is made and dropped: it holds no cycles, and
    # scanning its hundred thousand containers would cost as much as reading them.
    with no_gc():
        parsing = _Parse(body)
        plain = _plain_text(body)
        reader = _Reader(body)
        if plain and parsing.running():
            reader.find_word_keys()  # needed only now and then, but free while yaml-rs works
        data = parsing.result()
        if not plain or data is _REFUSED:
            return None
        try:
            return reader.read(data, path)
        except _Unsure:
            return None
        finally:
            del data


_REFUSED = object()
# Below this size a thread costs more than it saves.
_THREAD_MIN_CHARS = 100_000


class _Parse:
    """yaml-rs reading a text, in a thread of its own for a large text: it lets go of the
    interpreter while it parses, so the checks of the text (`_plain_text`) run meanwhile."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.data: Any = _REFUSED
        self.thread: threading.Thread | None = None
        if len(body) >= _THREAD_MIN_CHARS:
            self.thread = threading.Thread(target=self.run, name="glossary-parse", daemon=True)
            self.thread.start()

    def run(self) -> None:
        try:
            self.data = yaml_rs.loads(self.body, parse_datetime=False)
        except Exception:  # noqa: BLE001 - any refusal: the strict reader says why
            self.data = _REFUSED
        except BaseException as exc:
            # A bug inside yaml-rs arrives as pyo3's PanicException, which is not an
            # Exception: the strict reader still reads the file.
            if type(exc).__name__ != "PanicException":
                raise
            self.data = _REFUSED

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def result(self) -> Any:
        if self.thread is None:
            self.run()
        else:
            self.thread.join()
        data, self.data = self.data, None
        return data


def _plain_text(body: str) -> bool:
    if _UNSURE_CHARS.search(body) or any(p.search(body) for p in _FLOW_ITEM):
        return False
    for pattern in _FLOW_VALUE:
        for m in pattern.finditer(body):
            line = body[body.rfind("\n", 0, m.start()) + 1 : m.start()]
            if "[" in line or "{" in line:
                return False
    for m in _LEADING_ZERO.finditer(body):  # a number of its own, not part of a word
        i = m.start()
        before = body[i - 1] if i else "\n"
        if before in "+-" and i > 1:  # a sign belongs to the number after it
            before = body[i - 2]
        if before in _TOKEN_START or before == ":":
            return False
    for m in _INDICATORS.finditer(body):
        i = m.start()
        char = m.group()
        if char == "<":
            if body.startswith("<<", i):
                return False
        elif char == "%":  # a directive starts a line
            if not i or body[i - 1] == "\n":
                return False
        elif char != "?" or body[i + 1 : i + 2] in ("", " ", "\n", "\r"):
            # `!tag`, `&anchor`, `*alias`, `? key` start a node: at the start of a line or
            # after an indicator. Inside a text ("Wow !", "R & D", "ça va ?") they are text.
            j = i - 1
            while j >= 0 and body[j] == " ":
                j -= 1
            if j < 0 or body[j] in "\n\r:-?[{,":
                return False
    return max(map(len, body.split("\n")), default=0) <= _MAX_LINE


def _whole_number(value: Any) -> int:
    if value.__class__ is not int:  # not bool, not float
        raise _Unsure
    return int(value)


# How a term that YAML reads as null or true/false may be written, as a key of a block
# mapping. The strict reader takes such a term as written (`null: 空的` is the term "null").
_WORD_KEYS = {
    None: ("null", "Null", "NULL", "~"),
    True: ("true", "True", "TRUE"),
    False: ("false", "False", "FALSE"),
}
# Entry keys are indented, so each follows a newline (a literal start the search skips to).
_WORD_KEY_SPELLINGS = "|".join(map(re.escape, sum(_WORD_KEYS.values(), ())))
_WORD_KEY_LINE = re.compile(rf"\n[ ]+({_WORD_KEY_SPELLINGS})[ ]*:(?=[ \r\n]|$)")
# What may follow a bare scalar: the end of its line, a comment, or the end of a flow item.
_BARE_AFTER = r"[ ]*(?=[,\]}\r\n]|[ ]#|$)"
# A file with more distinct such texts than this goes to the strict reader: each is a search
# of the whole text.
_MAX_TYPED_TEXTS = 16


class _Reader:
    """The fields of one glossary's data, checked as they are read."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.quoted: set[str] = set()  # texts YAML 1.1 would type, found written quoted
        self.word_keys: frozenset[str] | None = None  # see `_written_key`

    def find_word_keys(self) -> frozenset[str]:
        if self.word_keys is None:
            self.word_keys = frozenset(m.group(1) for m in _WORD_KEY_LINE.finditer(self.body))
        return self.word_keys

    def text(self, value: Any) -> str:
        """A text value, unless YAML 1.1 might have read it as something else."""
        if value.__class__ is not str:
            raise _Unsure
        # An empty text was quoted: written bare, YAML 1.2 reads nothing as null.
        resolvers = _IMPLICIT.get(value[:1]) if value else None
        if resolvers and value not in self.quoted:
            for tag, regexp in resolvers:
                if tag != STR and regexp.match(value):
                    self._check_quoted(value)
                    break
        return value

    def _check_quoted(self, value: str) -> None:
        """Raise _Unsure unless `value`, which YAML 1.1 reads as a boolean, a date or a
        number when bare, was written quoted.

        yaml-rs gives the text of a quoted scalar and of a bare one alike. When it would type
        the bare text itself (`1_000`, `0x1F`, `~`), the text it gave was quoted. Otherwise
        (`yes`, `on`, `2024-01-01`, `1:30`, which YAML 1.2 keeps as text) the text must not
        be found bare anywhere in the file.
        """
        if len(self.quoted) >= _MAX_TYPED_TEXTS:
            raise _Unsure
        try:
            bare = yaml_rs.loads(value, parse_datetime=False)
        except Exception:  # noqa: BLE001 - cannot be bare at all
            bare = None
        if bare == value and bare.__class__ is str:
            body = self.body
            for m in re.finditer(re.escape(value) + _BARE_AFTER, body):
                if _may_be_bare(body, m.start(), m.end()):
                    raise _Unsure
        self.quoted.add(value)

    def id(self, value: Any) -> str:
        """An id as written. The strict reader takes ids as written even when they look like
        numbers (`id: 0x1F` is the id "0x1F"); a number here has lost how it was written."""
        written = self.text(value).strip()
        if not written:
            raise _Unsure
        return written

    def read(self, data: Any, path: Path) -> tuple[str, tuple[Entry, ...]]:
        if data.__class__ is not dict or not set(data) <= {"language", "entries"}:
            raise _Unsure
        if "language" in data:
            lang = self.text(data["language"]).strip()
            if not lang or not LANG_CODE.match(lang):
                raise _Unsure
        elif LANG_CODE.match(path.stem):
            lang = path.stem
        else:
            raise _Unsure
        entries = data.get("entries")
        if entries is None:
            return lang, ()
        if entries.__class__ is not dict:
            raise _Unsure
        return lang, self.entries(entries, lang)

    def entries(self, entries: dict[Any, Any], lang: str) -> tuple[Entry, ...]:
        terms = [key.strip() if key.__class__ is str else key for key in entries]
        if not all(term.__class__ is str for term in terms):
            written = self.find_word_keys()
            terms = [t if t.__class__ is str else _written_key(t, written) for t in terms]
        if not all(terms) or len(set(term_keys(terms, lang))) != len(terms):
            raise _Unsure  # an empty or a duplicate term: the strict reader says where
        out: list[Entry] = []
        add = out.append
        # Names bound once: this loop runs once per entry, 50,000 times for a large glossary.
        text, split, short, implicit = self.text, split_glosses, short_entry, _IMPLICIT
        for term, value in zip(terms, entries.values()):
            if value.__class__ is str:
                # `text(value)` only when needed: most glosses (every Chinese one) start with
                # a character that starts no other YAML 1.1 type.
                if value[:1] in implicit:
                    text(value)
                add(short(term, lang, split(value)))
            elif value.__class__ is dict:
                add(long_entry(term, lang, self.fields(value)))
            else:
                add(short(term, lang, self.glosses(value)))
        return tuple(out)

    def glosses(self, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if value.__class__ is list:
            return self.text_list(value)
        return split_glosses(self.text(value))

    def text_list(self, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if value.__class__ is list:
            return tuple(filter(None, [self.text(item).strip() for item in value]))
        stripped = self.text(value).strip()
        return (stripped,) if stripped else ()

    def fields(self, value: dict[Any, Any]) -> dict[str, Any]:
        """The fields of a long-form entry, as `fields._parse_long` reads a valid one."""
        fields: dict[str, Any] = {}
        for name, item in value.items():
            if name == "glosses":
                fields["glosses"] = self.glosses(item)
            elif name in TEXT_FIELDS:
                fields[name] = "" if item is None else self.text(item).strip()
            elif name in LIST_FIELDS:
                fields[name] = self.text_list(item)
            elif name == "status":
                if self.text(item) not in STATUSES:
                    raise _Unsure
                fields["status"] = item
            elif name == "level":
                if item is not None:
                    level = _whole_number(item)
                    if not 1 <= level <= 5:
                        raise _Unsure
                    fields["level"] = level
            elif name == "id":
                if item is not None:
                    fields["id"] = self.id(item)
            elif name == "production":
                if item.__class__ is not bool:
                    raise _Unsure
                fields["production"] = item
            elif name == "context":
                if item is not None:
                    fields["context"] = self.context(item)
            else:  # an unknown field: the strict reader warns with its position
                raise _Unsure
        if "level" in fields and fields.get("status") != "learning":
            raise _Unsure  # the strict reader warns: a level is only used while learning
        return fields

    def context(self, value: Any) -> Context:
        if value.__class__ is not dict or not set(value) <= {"document", "segment", "sentence"}:
            raise _Unsure
        ids = [self.id(value.get(name)) for name in ("document", "segment")]
        sentence = value.get("sentence")
        if sentence is not None:
            sentence = _whole_number(sentence)
            if sentence < 0:
                raise _Unsure
        return Context(ids[0], ids[1], sentence)


def _may_be_bare(body: str, start: int, end: int) -> bool:
    """Whether `body[start:end]` may be a whole bare scalar: it is not quoted and comes
    right after `:`, `-`, `?`, `[`, `{` or `,` and white space. In doubt (a comment or the
    start of the text before it), yes."""
    if start and body[start - 1] in "'\"" and body[end : end + 1] == body[start - 1]:
        return False  # quoted
    i = start
    while i and body[i - 1] in " \t\r\n":
        i -= 1
        if body[i] == "\n":
            line = body[body.rfind("\n", 0, i) + 1 : i]
            if "#" in line:
                return True  # a comment may stand between an indicator and the value
    if not i:
        return True
    return body[i - 1] in ":-?[{,"


def _written_key(key: Any, written: frozenset[str]) -> str:
    """The text of an entry key that yaml-rs read as null or a boolean.

    `written` holds every such spelling found at the start of a line followed by `:`. Only
    one spelling can be in the file (two would be a duplicate key, which yaml-rs refuses), so
    it is the one found. Any doubt (none found, or another such line inside a block of text)
    goes to the strict reader, as do terms read as numbers (`1.50` and `1.5` are one number).
    """
    if key.__class__ not in (bool, type(None)):
        raise _Unsure
    found = written.intersection(_WORD_KEYS[key])
    if len(found) != 1:
        raise _Unsure
    return next(iter(found))
