"""Every dictionary format, read from files its own tools wrote (tests/data/dictionaries/
make.sh: dictfmt + dictzip, stardict-text2bin, tabfile, PyGlossary) and from real dictionaries
(tests/data/real/dictionaries)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from reader.dictionary.model import DictEntry
from reader.dictionary.registry import Registry, open_record

DATA = Path(__file__).parent / "data"
BUILT = DATA / "dictionaries" / "built"
REAL = DATA / "real" / "dictionaries"


def kaikki_zip(tmp_path: Path, pair: str, src: str) -> Path:
    """A Yomitan zip of the real kaikki-to-yomitan term banks, with the index.json the
    producer writes beside them."""
    out = tmp_path / f"kaikki-{pair}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        index = {
            "title": f"kaikki {pair}",
            "revision": "test",
            "format": 3,
            "sourceLanguage": src,
            "targetLanguage": "en",
        }
        zf.writestr("index.json", json.dumps(index))
        for bank in sorted((REAL / f"kaikki-{pair}").glob("term_bank_*.json")):
            zf.write(bank, bank.name)
    return out


def lookup(registry: Registry, name: str, word: str) -> list[DictEntry]:
    (record,) = [r for r in registry.installed() if r.name == name]
    return open_record(record).lookup(word)


# (file, add options, expected format, languages, entry count, word, expected headword,
#  a phrase of its definitions, expected reading)
CASES = [
    (
        BUILT / "dictd" / "sample-eng-eng.index",
        {},
        "dictd",
        ("en", "en"),
        8,
        "STIFLE",
        "stifle",
        "to smother or suppress",
        "/ˈstaɪfəl/",
    ),
    (
        BUILT / "dictd-plain" / "sample-eng-eng.dict",
        {},
        "dictd",
        ("en", "en"),
        8,
        "level playing field",
        "level playing field",
        "the same chance",
        "",
    ),
    (
        BUILT / "stardict-text2bin" / "sample-nld-eng.ifo",
        {},
        "stardict",
        ("nl", "en"),
        5,
        "overname",  # a synonym (.syn) of overnemen
        "overnemen",
        "to take over",
        "ˈoːvərneːmə(n)",
    ),
    (
        BUILT / "stardict-text2bin" / "sample-nld-eng.dict.dz",
        {"name": "by its data file"},
        "stardict",
        ("nl", "en"),
        5,
        "opbellen",  # a Pango markup field
        "opbellen",
        "to call (on the phone)",
        "",
    ),
    (
        BUILT / "stardict-tabfile",
        {"from_lang": "en", "to_lang": "en"},
        "stardict",
        ("en", "en"),
        4,
        "Europe",
        "Europe",
        "the continent",
        "",
    ),
    (
        BUILT / "pyglossary-stardict" / "sample-ara-eng.ifo",
        {},
        "stardict",
        ("ar", "en"),
        4,
        "يكتب",  # a synonym, in PyGlossary's .syn.dz
        "كتب",
        "to write",
        "",
    ),
    (
        BUILT / "pyglossary-yomichan" / "sample-ara-eng.zip",
        {"from_lang": "ar", "to_lang": "en"},
        "yomitan",
        ("ar", "en"),
        4,
        "مدرسة",
        "مدرسة",
        "school",
        "",
    ),
    (
        REAL / "wn.index",
        {},
        "dictd",
        ("en", "en"),
        9,
        "innovation",
        "innovation",
        "a creation (a new device or process)",
        "",
    ),
    (
        REAL / "freedict-nld-eng.index",
        {},
        "dictd",
        ("nl", "en"),
        14,
        "overnemen",
        "overnemen",
        "takeover",
        "/ovərnemən/",
    ),
    (
        REAL / "freedict-ara-eng.index",
        {},
        "dictd",
        ("ar", "en"),
        4,
        "كتاب",
        "كتاب",
        "Casebook",
        "/kitˈaːb/",
    ),
    (
        REAL / "ecdict.mini.csv",
        {},
        "ecdict",
        ("en", "zh"),
        53,
        "Community Service",
        "community service",
        "感化",
        "/kəˈmju:niti ˈsɜːvɪs/",
    ),
]


@pytest.mark.parametrize(
    ("path", "options", "kind", "langs", "count", "word", "head", "phrase", "reading"),
    CASES,
    ids=[f"{c[0].parent.name}/{c[0].name}" for c in CASES],
)
def test_format_is_read_as_its_tool_wrote_it(
    tmp_path: Path,
    path: Path,
    options: dict[str, str],
    kind: str,
    langs: tuple[str, str],
    count: int,
    word: str,
    head: str,
    phrase: str,
    reading: str,
) -> None:
    registry = Registry(tmp_path / "dicts")
    record = registry.add(path, **options)  # type: ignore[arg-type]
    assert (record.format, (record.from_lang, record.to_lang), record.entries) == (
        kind,
        langs,
        count,
    )
    entries = lookup(registry, record.name, word)
    assert entries, f"{word!r} not found"
    assert entries[0].headword == head
    assert phrase in " ".join(entries[0].definitions)
    assert entries[0].reading == reading


def test_tsv(tmp_path: Path) -> None:
    tsv = tmp_path / "words.tsv"
    tsv.write_text(
        "\ufeff# my list\nstark\t赤裸的\t明显的\n\nbest shot\t最佳机会\n", encoding="utf-8"
    )
    registry = Registry(tmp_path / "dicts")
    record = registry.add(tsv, from_lang="en", to_lang="zh")
    assert record.entries == 2
    (entry,) = lookup(registry, record.name, "Best  Shot")
    assert entry.definitions == ("最佳机会",)
    assert lookup(registry, record.name, "stark")[0].definitions == ("赤裸的", "明显的")


@pytest.mark.parametrize(
    ("pair", "src", "word", "head", "phrase"),
    [
        ("en-en", "en", "participate", "participate", "To join in, to take part"),
        ("ar-en", "ar", "قدم", "قدم", "to precede"),
        ("zh-en", "zh", "田", "田", "field"),
    ],
)
def test_yomitan_structured_content_of_a_real_dictionary(
    tmp_path: Path, pair: str, src: str, word: str, head: str, phrase: str
) -> None:
    registry = Registry(tmp_path / "dicts")
    record = registry.add(kaikki_zip(tmp_path, pair, src))
    assert record.from_lang == src and record.to_lang == "en"
    entries = lookup(registry, record.name, word)
    text = " ".join(d for e in entries for d in e.definitions)
    assert entries[0].headword == head
    assert phrase.lower() in text.lower()
    assert "{" not in text and "tag" not in text  # flattened, not JSON


def test_yomitan_inflected_forms_point_to_their_lemma(tmp_path: Path) -> None:
    from reader.dictionary.shelf import Shelf

    registry = Registry(tmp_path / "dicts")
    record = registry.add(kaikki_zip(tmp_path, "en-en", "en"))
    (entry,) = lookup(registry, record.name, "brought")
    assert entry.definitions[0].startswith("→ bring")
    shelf = Shelf([open_record(record)])
    hits = shelf.lookup("brought", "en")
    assert [(h.form, h.how) for h in hits][:2] == [("brought", "exact"), ("bring", "form of")]
    assert "bring" in hits[1].entries[0].headword
