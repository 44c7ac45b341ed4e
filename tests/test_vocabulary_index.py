"""The vocabulary's look-up index after a save: carried over with only the changed entries
keyed again, and always the index a fresh build of the same files makes."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from reader import vocabulary_index
from reader.model import Entry
from reader.vocabulary import Vocabulary
from reader.vocabulary_index import VocabularyIndex, build_index

SIZE = 1_500


def _glossary(lang: str, terms: list[str]) -> str:
    lines = [f"language: {lang}", "entries:"]
    lines += [f"  {term}: gloss {k}" for k, term in enumerate(terms)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "en.yaml").write_text(
        _glossary("en", [f"word{k}" for k in range(SIZE)]), encoding="utf-8"
    )
    (folder / "a-notes.yaml").write_text(
        "language: en\nentries:\n  stark:\n    glosses: [明显的]\n    forms: [starker, Word7]\n",
        encoding="utf-8",
    )
    (folder / "zh.yaml").write_text(_glossary("zh", ["开源", "创新"]), encoding="utf-8")
    return tmp_path


def _shape(index: VocabularyIndex) -> tuple[object, ...]:
    """The index by entry identity, so two indexes compare equal only when they list the
    very same entries in the same order."""
    return (
        {lang: [id(e) for e in entries] for lang, entries in index.by_lang.items()},
        {key: [id(e) for e in entries] for key, entries in index.by_term.items()},
        dict(index.file_by_id),
        set(index.files),
    )


def assert_fresh(vocab: Vocabulary) -> None:
    carried = vocab._view()
    assert carried.files is vocab._snapshot
    assert _shape(carried) == _shape(build_index(vocab._snapshot))


def test_every_kind_of_save_leaves_the_index_a_fresh_build_makes(library: Path) -> None:
    vocab = Vocabulary(library)
    rng = random.Random(4)
    notes = library / "glossaries" / "a-notes.yaml"
    vocab.find("stark", "en")  # the index is built
    for step in range(40):
        entries = vocab.entries("en")
        kind = step % 5
        if kind == 0:
            vocab.add(Entry(f"new{step}", "en", ("x",), forms=(f"word{rng.randrange(SIZE)}",)))
        elif kind == 1:
            old = rng.choice(entries)
            vocab.update(old, replace(old, term=f"renamed{step}", forms=("stark",)))
        elif kind == 2:
            vocab.remove(rng.choice(entries))
        elif kind == 3:
            vocab.add(Entry(f"noted{step}", "en", ("y",), forms=("word3",)), notes)
        else:
            vocab.undo()
        assert_fresh(vocab)
    vocab.add(Entry("开放", "zh", ("open",)))
    vocab.add(Entry("bonjour", "fr", ("hello",)))  # a new file
    assert_fresh(vocab)
    assert [e.term for e in vocab.find("bonjour", "fr")] == ["bonjour"]


def test_entries_sharing_a_key_across_files_keep_file_order(library: Path) -> None:
    vocab = Vocabulary(library)
    notes = library / "glossaries" / "a-notes.yaml"
    assert [e.term for e in vocab.find("word7", "en")] == ["stark", "word7"]
    vocab.add(Entry("other", "en", ("z",), forms=("word7",)), notes)
    assert [e.term for e in vocab.find("Word7", "en")] == ["stark", "other", "word7"]
    assert_fresh(vocab)


def test_a_save_keys_only_what_it_changed(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vocab = Vocabulary(library)
    vocab.find("stark", "en")  # the index is built: every term and form keyed once
    keyed: list[str] = []
    real = vocabulary_index.term_keys

    def counting(texts: list[str], lang: str) -> list[str]:
        keyed.extend(texts)
        return real(texts, lang)

    monkeypatch.setattr(vocabulary_index, "term_keys", counting)
    vocab.add(Entry("fresh", "en", ("x",), forms=("freshly",)))
    old = vocab.find("word9", "en")[0]
    vocab.update(old, replace(old, glosses=("changed",)))
    vocab.remove(vocab.find("word10", "en")[0])
    assert len(vocab.entries("en")) == SIZE + 1
    # The saved entries (an edit unkeys the old and keys the new), and the last entry
    # before the one added, which the append's splice reads again; nothing of the other
    # 1,500.
    assert sorted(keyed) == sorted(
        ["fresh", "freshly", "word9", "word9", "word10", "word1499", "word1499"]
    )
    assert_fresh(vocab)


def _naive_difference(old: str, new: str) -> tuple[int, str, str]:
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, old[start : len(old) - tail], new[start : len(new) - tail]


@pytest.mark.parametrize("seed", range(30))
def test_the_difference_a_change_keeps_is_the_shortest_middle(seed: int) -> None:
    from reader import vocabulary

    rng = random.Random(seed)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(vocabulary, "_BLOCK", rng.choice([1, 2, 7, 64, 1 << 16]))
    try:
        old = "".join(rng.choice("ab\n") for _ in range(rng.randrange(0, 400)))
        at = rng.randrange(0, len(old) + 1)
        cut = rng.randrange(0, len(old) - at + 1)
        new = old[:at] + "".join(rng.choice("abc") for _ in range(rng.randrange(0, 5)))
        new += old[at + cut :]
        assert vocabulary._difference(old, new) == _naive_difference(old, new)
        start, before, after = vocabulary._difference(old, new)
        assert old[:start] + before + old[start + len(before) :] == old
        assert new[:start] + after + new[start + len(after) :] == new
    finally:
        monkey.undo()


@pytest.mark.parametrize("indexed", [False, True])
def test_a_term_already_in_any_file_of_the_language_is_refused(
    library: Path, indexed: bool
) -> None:
    from reader.errors import ReaderError

    vocab = Vocabulary(library)
    if indexed:
        vocab.find("x", "en")
    notes = library / "glossaries" / "a-notes.yaml"
    en = library / "glossaries" / "en.yaml"
    for term, path, where in [
        ("Stark", en, "a-notes.yaml"),  # in another file
        ("WORD12", notes, "en.yaml"),
        ("word12", en, "already in"),  # in the file saved into
        ("stark", notes, "already in"),
    ]:
        with pytest.raises(ReaderError, match=where):
            vocab.add(Entry(term, "en", ("x",)), path)
    vocab.add(Entry("starker", "en", ("a form elsewhere is no clash",)), en)
    vocab.add(Entry("stark", "de", ("another language",)))
    assert (vocab._index is not None) == indexed  # a one-off add keys no index


def test_an_edit_to_a_term_held_elsewhere_is_refused_without_the_index(library: Path) -> None:
    from reader.errors import ReaderError

    vocab = Vocabulary(library)
    word5 = next(e for e in vocab.files[1].entries if e.term == "word5")
    with pytest.raises(ReaderError, match="a-notes.yaml"):
        vocab.update(word5, replace(word5, term="STARK"))
    with pytest.raises(ReaderError, match="already in this glossary"):
        vocab.update(word5, replace(word5, term="Word6"))  # in the same file
    vocab.update(word5, replace(word5, glosses=("same term, new gloss",)))
    assert vocab._index is None  # the edits found their file and checked without it
    assert [e.glosses for e in vocab.find("word5", "en")] == [("same term, new gloss",)]
