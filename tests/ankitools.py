"""Anki's own collection, importer and scheduler, for checking exported decks as Anki sees them;
and the small library from the op-ed that the export tests export.

`anki` is a test dependency (AGPL, never a runtime one); every collection lives in a
temporary folder, never in a real profile.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest, ImportCsvRequest

from reader.documents import save_document
from reader.export.notetype import FIELD_NAMES
from reader.model import Document, Link, Segment, Text, segment_id

# Two paragraphs of the op-ed (seeds/002), one sentence per line, with their translation.
P2_EN = [
    "But, as with every innovative leap forward, some are better positioned than others to benefit.",
    "The gaps between those with access to build with this extraordinary technology and those without are already beginning to appear.",
    "That is why a key opportunity for European organisations is through open-source AI—models whose weights are released publicly with a permissive licence.",
    "This ensures power isn’t concentrated among a few large players and, as with the internet before it, creates a level playing field.",
]  # fmt: skip
P2_ZH = [
    "但是，正如每一次创新飞跃一样，有些人比其他人更容易受益。",
    "拥有这种非凡技术的人和没有这种技术的人之间的差距已经开始显现。",
    "这就是为什么欧洲组织的一个关键机会是通过开源人工智能——其权重以许可的形式公开发布的模型。",
    "这确保了权力不会集中在少数几个大玩家手中，就像之前的互联网一样，创造了一个公平的竞争环境。",
]
P6_EN = [
    "Regulating against known harms is necessary, but pre-emptive regulation of theoretical harms for nascent technologies such as open-source AI will stifle innovation.",
    "Europe’s risk-averse, complex regulation could prevent it from capitalising on the big bets that can translate into big rewards.",
]  # fmt: skip
P6_ZH = [
    "针对已知危害进行监管是必要的，但对开源人工智能等新生技术的理论危害进行先发制人的监管将扼杀创新。",
    "欧洲规避风险的复杂监管可能会阻止它利用可以转化为高额回报的大赌注。",
]
TITLE = "Mark Zuckerberg and Daniel Ek on why Europe should embrace open-source AI"


def paragraph(en: list[str], zh: list[str], taken: set[str]) -> Segment:
    source = Text.of(en, "en")
    links = tuple(Link((i,), (i,)) for i in range(len(en)))
    return Segment(
        segment_id("paragraph", source.text, taken), "paragraph", source, Text.of(zh, "zh"), links
    )


def glossary_text(p6: str) -> str:
    return (
        "# Notes from the op-ed (学习)\n"
        "language: en\n"
        "entries:\n"
        "  power is concentrated: 权力集中\n"
        "  level: 公平的\n"
        "  a level playing field: 公平竞争的环境；公平的条件；平等的机会；\n"
        "\n"
        "  # noted in the paragraph on regulation\n"
        "  pre-emptive: [先发制人的, 预防性的]\n"
        "  nascent:\n"
        "    glosses: 新生的；初生的\n"
        "    reading: /ˈnæsənt/\n"
        "    pos: adj.\n"
        "    production: true\n"
        "    tags: [economist]\n"
        "  stifle innovation:\n"
        "    glosses: [扼杀创新]\n"
        f"    context: {{document: op-ed, segment: {p6}, sentence: 0}}\n"
        "  risk-averse: 厌恶风险\n"
        "  best shot: 最佳机会  # not in these paragraphs\n"
        "  stark:\n"
        "    glosses: [赤裸的]\n"
        "    status: ignored\n"
    )


def oped_library(tmp_path: Path, glossary: Callable[[str, str], str] | None = None) -> Path:
    """Two paragraphs of the op-ed with its translation, and a glossary: by default the one of
    nine English entries, else `glossary(first paragraph id, second paragraph id)`."""
    root = tmp_path / "library"
    taken: set[str] = set()
    segments = (paragraph(P2_EN, P2_ZH, taken), paragraph(P6_EN, P6_ZH, taken))
    save_document(Document("op-ed", TITLE, "en", segments, "zh"), root / "documents/op-ed.yaml")
    (root / "glossaries").mkdir()
    text = glossary(segments[0].id, segments[1].id) if glossary else glossary_text(segments[1].id)
    (root / "glossaries/op-ed.yaml").write_text(text, encoding="utf-8")
    (root / "library.yaml").write_text("name: Op-ed library\n", encoding="utf-8")
    return root


def throwaway_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Collection]:
    """A collection in the test's folder; HOME too, so no real profile is ever touched."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    col = open_collection(tmp_path / "anki")
    yield col
    col.close()


# Fixtures for the export test modules, which import them by these names (pytest knows them
# as `library` and `anki`).
@pytest.fixture(name="library")
def library_fixture(tmp_path: Path) -> Path:
    return oped_library(tmp_path)


@pytest.fixture(name="anki")
def anki_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Collection]:
    yield from throwaway_collection(tmp_path, monkeypatch)


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col: Collection, package: Path) -> Any:
    """Import as a new profile's import dialog would, and return Anki's import log."""
    options = col._backend.get_import_anki_package_presets()
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log


def import_tsv(col: Collection, path: Path) -> Any:
    """Import a text file as Anki's import dialog would with the file's own header lines."""
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def fields_of(col: Collection, nid: int) -> dict[str, str]:
    return dict(zip(FIELD_NAMES, col.get_note(nid).fields, strict=False))


def note_by_term(col: Collection, term: str) -> Any:
    (nid,) = col.find_notes(f'"Term:{term}"')
    return col.get_note(nid)


def study(col: Collection, deck_name: str, answers: int, rating: int = 3) -> list[int]:
    """Answer the first `answers` cards the scheduler offers in `deck_name` (3 = Good).

    Returns the ids of the cards answered, in order.
    """
    deck = col.decks.by_name(deck_name)
    assert deck is not None, deck_name
    col.decks.select(deck["id"])
    answered = []
    for _ in range(answers):
        queued = col.sched.get_queued_cards()
        if not queued.cards:
            break
        top = queued.cards[0]
        card = col.get_card(top.card.id)
        card.start_timer()  # as the reviewer does when it shows the question
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))
        answered.append(card.id)
    return answered


def empty_cards(col: Collection) -> list[int]:
    """Card ids Anki's Tools → Empty Cards would offer to delete."""
    report = col.get_empty_cards()
    return [cid for note in report.notes for cid in note.card_ids]


def remove_empty_cards(col: Collection) -> int:
    """What the learner does in Tools → Empty Cards… → Delete."""
    ids = empty_cards(col)
    col.remove_cards_and_orphaned_notes(ids)
    return len(ids)


def scheduling(col: Collection) -> dict[int, tuple[int, int, int, int, int]]:
    """Card id -> (type, queue, due, interval, reps): what an import must never touch."""
    out = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        out[cid] = (card.type, card.queue, card.due, card.ivl, card.reps)
    return out


def fingerprint(path: Path) -> tuple[int, int, str]:
    """Size, modification time and content hash of a file."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, hashlib.blake2b(path.read_bytes()).hexdigest()


def notetype(col: Collection, model_id: int) -> Any:
    """The note type as the collection holds it now (the Python side caches note types and
    does not see what an import changed)."""
    col.models._clear_cache()
    return col.models.get(model_id)
