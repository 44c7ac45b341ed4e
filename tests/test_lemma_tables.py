"""The lemmatizers' tables from their indexes in the cache: the same answers as the libraries,
only the language asked for opened, the libraries themselves not imported once the index
exists, and a damaged or unwritable cache never changing an answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import lemma_tables

DUTCH = [
    "regels", "Regels", "huizen", "liep", "mooie", "gefragmenteerde", "belemmerd",
    "ontwikkelaars", "opensource", "AI-modellen", "zegt", "x", "Zuckerberg", "Ééntje",
]  # fmt: skip


def fresh(monkeypatch: pytest.MonkeyPatch, cache: str | Path) -> None:
    """A process-like start: the cache folder set, nothing opened yet."""
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    lemma_tables.english_table.cache_clear()
    lemma_tables._factory.cache_clear()
    lemma_tables._simplemma.cache_clear()
    lemma_tables._lookup.cache_clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    fresh(monkeypatch, folder)
    yield folder
    fresh(monkeypatch, folder)  # leave nothing pointing at this test's folder


def test_dutch_lemmas_and_known_words_agree_with_simplemma(cache: Path) -> None:
    import simplemma

    for word in DUTCH:
        assert lemma_tables.lemmatize(word, "nl") == simplemma.lemmatize(word, lang="nl"), word
        assert lemma_tables.is_known(word, "nl") == simplemma.is_known(word, lang="nl"), word
    (index,) = (cache / "lemmas").glob("nl-simplemma-*.marisa")
    assert index.stat().st_size > 100_000


def test_only_the_language_asked_for_is_indexed(cache: Path) -> None:
    lemma_tables.lemmatize("maisons", "fr")
    assert [p.name.split("-")[0] for p in (cache / "lemmas").iterdir()] == ["fr"]


def test_a_language_without_a_lexicon_is_refused_as_simplemma_refuses_it(cache: Path) -> None:
    for lang in ("zh", "xx", "../nl"):
        with pytest.raises(ValueError):
            lemma_tables.lemmatize("x", lang)


def test_english_table_is_lemminflects(cache: Path) -> None:
    import lemminflect

    table = lemma_tables.english_table()
    for word in ("was", "leaves", "better", "'d", "stifled"):
        assert dict(lemma_tables.decode(table[word])) == lemminflect.getAllLemmas(word), word
    assert list((cache / "lemmas").glob("en-lemminflect-*.marshal"))


def test_english_table_is_lemminflects_own_tables_merged_word_for_word(cache: Path) -> None:
    """The table read line by line equals the one made from lemminflect's own loaded dicts
    (the lemmas, the overrides merged over them as `getAllLemmas` merges), order included."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    lemmas, overrides = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    expected = {}
    for word in (*lemmas, *(w for w in overrides if w not in lemmas)):
        items = {**(lemmas.get(word) or {}), **(overrides.get(word) or {})}
        expected[word] = ";".join(f"{upos}:{'/'.join(forms)}" for upos, forms in items.items())
    table = lemma_tables.english_table()
    assert list(table.items()) == list(expected.items())
    assert sum(";" in value for value in table.values()) > 5_000  # words of several lines


def test_a_second_run_reads_the_indexes_without_importing_the_libraries(cache: Path) -> None:
    lemma_tables.english_table()
    lemma_tables.lemmatize("regels", "nl")
    code = (
        "import sys; from reader import lemma_tables as t; "
        "assert t.lemmatize('regels', 'nl') == 'regel'; "
        "assert 'leave' in t.english_table()['leaves']; "
        "print(sorted(m for m in ('numpy', 'lemminflect') if m in sys.modules))"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"


def test_a_damaged_index_is_rebuilt(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lemma_tables.english_table()
    lemma_tables.lemmatize("regels", "nl")
    for index in (cache / "lemmas").iterdir():
        index.write_bytes(index.read_bytes()[:100])  # a half-written file from a crash
    fresh(monkeypatch, cache)
    assert lemma_tables.lemmatize("regels", "nl") == "regel"
    assert "leave" in lemma_tables.english_table()["leaves"]
    fresh(monkeypatch, cache)  # and the rebuilt ones read back
    assert lemma_tables.lemmatize("huizen", "nl") == "huis"
    assert len(lemma_tables.english_table()) > 60_000


def test_no_cache_or_an_unwritable_one_gives_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    for setting in ("", str(blocked / "cache")):
        fresh(monkeypatch, setting)
        assert lemma_tables.lemmatize("regels", "nl") == "regel"
        assert lemma_tables.is_known("huizen", "nl")
        assert "leave" in lemma_tables.english_table()["leaves"]
    fresh(monkeypatch, tmp_path / "unused")


def test_the_aligners_lemmas_are_lemminflects() -> None:
    import random

    import lemminflect

    from reader.lemmas import _lemma_table, lemmas_of

    def expected(word: str) -> tuple[str, ...]:
        found: list[str] = []
        for forms in lemminflect.getAllLemmas(word).values():
            for form in forms:
                if form.lower() not in found:
                    found.append(form.lower())
        return tuple(found) or (word,)

    words = random.Random(3).sample(sorted(_lemma_table()), 2000) + ["zzyzx", "Was", "'s"]
    for word in words:
        assert lemmas_of(word) == expected(word), word
