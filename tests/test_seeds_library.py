"""The bundled library in seeds/ is what importing its originals gives today."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.check import check_paths
from reader.documents import dump_document
from reader.glossary import load_glossary
from reader.importers.store import import_into
from reader.library import Library

SEEDS = Library(Path(__file__).resolve().parents[1] / "seeds")
ORIGINALS = sorted(SEEDS.originals_dir.glob("*.txt"))


def test_every_seed_is_in_the_library() -> None:
    assert len(ORIGINALS) == 5
    assert SEEDS.document_ids() == [p.stem for p in ORIGINALS]


@pytest.mark.parametrize("original", ORIGINALS, ids=lambda p: p.stem)
def test_reimporting_an_original_gives_the_bundled_document(
    original: Path, tmp_path: Path
) -> None:
    bundled = SEEDS.load_document(original.stem)
    fresh_lib = Library(tmp_path / "lib")
    import_into(fresh_lib, original, today=bundled.imported)
    fresh = fresh_lib.load_document(original.stem)
    assert dump_document(fresh) == dump_document(bundled)
    # The notes of an annotated original become its glossary, written as import writes it.
    for made in fresh_lib.glossaries_dir.glob("*.yaml"):
        assert made.read_bytes() == (SEEDS.glossaries_dir / made.name).read_bytes()


def test_the_oped_glossary_is_bundled() -> None:
    gf = load_glossary(SEEDS.glossaries_dir / "002_3fb843373e1af618.yaml")
    assert gf.lang == "en"
    assert len(gf.entries) == 14
    doc = SEEDS.load_document("002_3fb843373e1af618")
    for entry in gf.entries:
        assert entry.context is not None and entry.context.document == doc.id
        assert entry.context.segment in doc.segment_index


def test_the_bundled_library_passes_check() -> None:
    errors = [d for d in check_paths([SEEDS.root]) if d.severity == "error"]
    assert errors == []
