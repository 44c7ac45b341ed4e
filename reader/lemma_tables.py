"""The lemmatizers' tables, loaded per language and fast, from indexes kept in the cache.

The libraries load slowly for what a short text asks of them: lemminflect parses its
gzipped CSV of 70,000 English words (and importing it brings NumPy), about half a second;
simplemma decompresses and decodes a whole language's lexicon, 0.6 s for Dutch, 2 s for
German, for the few hundred words of a page. Each table is therefore turned once into a
compact index in the cache folder, named by the digest of the exact bytes it came from
(a new version of a library makes a new index, never a stale answer):

- English: lemminflect's lemma table and its overrides, merged as `getAllLemmas` merges them,
  as one marshalled `{word: "VERB:lemma/lemma;NOUN:lemma"}` mapping of strings (no
  containers to build, so it loads in a hundredth of a second; each word's lemmas are
  decoded when asked for).
- Other languages: simplemma's lexicon of that language as a MARISA trie (marisa-trie, the
  structure simplemma itself offers for this), memory-mapped, so opening it costs nothing
  and only the pages looked at are read. simplemma's own rules then run on it unchanged.

Only the language a text needs is opened. With the cache off (`READER_CACHE_DIR=""`) or
unwritable, the libraries' own loaders are used: slower, same answers.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from reader.fsutil import cache_dir

# Bump when what an index holds changes: older indexes are then simply not found.
FORMAT = 1


def _folder() -> Path | None:
    root = cache_dir()
    return None if root is None else root / "lemmas"


def _digest(*paths: Path) -> str:
    h = hashlib.blake2b(f"{FORMAT}".encode(), digest_size=12)
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()


def _write(path: Path, write: Callable[[str], object]) -> None:
    """Write an index beside its final name and rename it in place: a reader in another
    process sees the whole index or none. A cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
        try:
            write(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass


# --- English (lemminflect) ------------------------------------------------------------------


def _lemminflect_sources() -> tuple[Path, Path] | None:
    """lemminflect's lemma table and overrides, found without importing it (which would
    import NumPy): the file names of its `config.lemma_lu_fn` and `lemma_overrides_fn`."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    resources = Path(next(iter(spec.submodule_search_locations))) / "resources"
    table, overrides = resources / "lemma_lu.csv.gz", resources / "lemma_overrides.csv"
    return (table, overrides) if table.is_file() and overrides.is_file() else None


def _english_from_lemminflect() -> tuple[dict[str, str], bool]:
    """The merged table, encoded, and whether the encoding holds (no separator inside a
    lemma: lemminflect's own CSV uses / and , and never does).

    lemminflect's files are read line by line with its own codecs (the line format, the
    category names), each word's lemmas encoded as they come, not through its `Lemmatizer`:
    that is a singleton that keeps both tables as dicts of dicts, 40 MB, for the rest of
    the process, where this table is the only copy."""
    import gzip

    from lemminflect import config
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    table: dict[str, str] = {}
    encodable = True

    def put(word: str, upos: str, forms: tuple[str, ...]) -> None:
        # As `getAllLemmas` merges: a later line of a word replaces that part of speech
        # in place, an override replaces it again (or comes after the word's others).
        nonlocal encodable
        if any(sep in text for text in (upos, *forms) for sep in ":;/"):
            encodable = False
        before = table.get(word)
        items = {} if before is None else dict(decode(before))
        items[upos] = forms
        table[word] = ";".join(f"{u}:{'/'.join(f)}" for u, f in items.items())

    with gzip.open(config.lemma_lu_fn, "rb") as lines:
        for line in lines:
            word, category, forms = LemmaLUCodec.fromString(line.decode())
            put(word, categoryToUPos(category), forms)
    for word, overrides in OverridesCodec.load(config.lemma_overrides_fn).items():
        for upos, forms in overrides.items():
            put(word, upos, forms)
    return table, encodable


@cache
def english_table() -> Mapping[str, str]:
    """{lower-case word: "UPOS:lemma/lemma;UPOS:lemma"}, as `getAllLemmas` of a lower-case
    word has them (lemmas, then overrides). Decode a value with `decode`."""
    folder = _folder()
    sources = _lemminflect_sources()
    if folder is None or sources is None:
        return _english_from_lemminflect()[0]
    path = folder / f"en-lemminflect-{_digest(*sources)}.marshal"
    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            return loaded
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table, encodable = _english_from_lemminflect()
    if encodable:
        data = marshal.dumps(table)
        _write(path, lambda tmp: Path(tmp).write_bytes(data))
    return table


def decode(value: str) -> list[tuple[str, tuple[str, ...]]]:
    """`VERB:be;AUX:be` -> [("VERB", ("be",)), ("AUX", ("be",))]."""
    out = []
    for part in value.split(";"):
        upos, _, forms = part.partition(":")
        out.append((upos, tuple(forms.split("/"))))
    return out


# --- other languages (simplemma) ------------------------------------------------------------


class _TrieMapping(Mapping[str, str]):
    """One language's lexicon as simplemma's strategies read it: word -> lemma."""

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    def get(self, key: str, default: Any = None) -> Any:
        found = self._trie.get(key)
        return found[0].decode() if found else default

    def __getitem__(self, key: str) -> str:
        found = self._trie.get(key)
        if not found:
            raise KeyError(key)
        return str(found[0].decode())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


class _CachedTries:
    """A simplemma dictionary factory that keeps each language's lexicon as a trie in the
    cache, named by the digest of simplemma's data file for it."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._open: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        found = self._open.get(lang)
        if found is None:
            found = self._open[lang] = self._load(lang)
        return found

    def _load(self, lang: str) -> Mapping[str, str]:
        import marisa_trie
        from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

        source = _simplemma_data(lang)
        if source is None:  # not a language simplemma has: let it say so (ValueError)
            return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        path = self._folder / f"{lang}-simplemma-{_digest(source)}.marisa"
        trie = marisa_trie.BytesTrie()
        try:
            trie.mmap(str(path))
            return _TrieMapping(trie)
        except (OSError, RuntimeError, ValueError):
            pass
        lexicon = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        raw = getattr(lexicon, "_dict", None)  # its bytes -> bytes dict: no decoding twice
        if isinstance(raw, dict):
            pairs: Any = ((word.decode(), lemma) for word, lemma in raw.items())
        else:
            pairs = ((word, lexicon[word].encode()) for word in lexicon)
        trie = marisa_trie.BytesTrie(pairs)
        _write(path, trie.save)
        return _TrieMapping(trie)


def _simplemma_data(lang: str) -> Path | None:
    from simplemma.strategies.dictionaries import dictionary_factory

    folder = getattr(dictionary_factory, "DATA_FOLDER", None)
    if folder is None or "/" in lang or "\\" in lang:
        return None
    path = Path(folder) / f"{lang}.plzma"
    return path if path.is_file() else None


@cache
def _factory() -> Any:
    """The cached tries, or simplemma's own loader when there is no cache."""
    folder = _folder()
    if folder is None:
        from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

        return DEFAULT_DICTIONARY_FACTORY
    return _CachedTries(folder)


@cache
def _simplemma() -> Any:
    """simplemma's lemmatizer (its default strategy and fallback) over the cached tries."""
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory())
    )


@cache
def _lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_factory())


def lemmatize(word: str, lang: str) -> str:
    """`simplemma.lemmatize(word, lang)`, from the cached trie of `lang`. ValueError for a
    language simplemma has no lexicon for."""
    return str(_simplemma().lemmatize(word, lang))


def is_known(word: str, lang: str) -> bool:
    """`simplemma.is_known(word, lang)`, from the cached trie of `lang`."""
    import unicodedata

    return _lookup().get_lemma(unicodedata.normalize("NFC", word), lang) is not None
