"""Documents as YAML: round trip, errors, and the parsed-form cache that never goes stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import dump_document, load_document, save_document
from reader.errors import ReaderError
from reader.model import Document, Link, Segment, Text


def sample() -> Document:
    seg = Segment(
        "a1",
        "paragraph",
        Text.of(["Hi there.", 'Bye: "x" #y'], "en"),
        Text.of(["你好。", "再见"], "zh"),
        (Link((0,), (0,), 0.9), Link((1,), (1,), None, True)),
    )
    title = Segment("t1", "title", Text.of(["A title"], "en"))
    return Document("doc", "A title", "en", (title, seg), "zh", imported="2026-11-22")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    return cache


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    loaded = load_document(path)
    assert loaded == sample()
    assert loaded.segments[1].target is not None
    assert loaded.segments[1].target.text == "你好。再见"
    assert loaded.segments[1].source.spans == ((0, 9), (10, 21))
    assert "- [[1], [1], null, manual]" in path.read_text(encoding="utf-8")


def test_a_hand_edit_is_seen_although_a_cache_exists(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    assert list((private_cache / "documents").glob("*.json"))
    path.write_text(path.read_text("utf-8").replace("Hi there.", "Hello there."), "utf-8")
    assert load_document(path).segments[1].source.sentences[0] == "Hello there."


def test_a_broken_cache_is_ignored(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    for cached in (private_cache / "documents").glob("*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert load_document(path) == sample()


def test_unquoted_dates_load_and_cache(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(
        dump_document(sample()).replace("imported: '2026-11-22'", "imported: 2026-11-22"), "utf-8"
    )
    assert load_document(path).imported == "2026-11-22"
    assert load_document(path).imported == "2026-11-22"  # second time from the cache


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("kind: paragraph", "kind: paragrap"), "unknown kind"),
        (("- [[0], [0], 0.9]", "- [[0], [5], 0.9]"), "bad link"),
        (("source_lang: en", "source_lang: en\nsource_lang: nl"), "duplicate"),
        (("title: A title", "title: !!python/object:os.system x"), "tag"),
    ],
)
def test_errors_name_the_file(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(dump_document(sample()).replace(*edit, 1), "utf-8")
    with pytest.raises(ReaderError) as exc:
        load_document(path)
    assert str(path) in str(exc.value)
    assert message in str(exc.value).lower()


def test_segment_ids_count_repeats_exactly_as_probing_would() -> None:
    from reader.model import SegmentIds, segment_id

    texts = [("paragraph", "* * *"), ("heading", "One"), ("paragraph", "* * *")] * 50
    texts += [("paragraph", "Other"), ("heading", "* * *"), ("paragraph", "* * *")]
    ids, taken = SegmentIds(), set()
    counted = [ids.new(kind, text) for kind, text in texts]
    probed = [segment_id(kind, text, taken) for kind, text in texts]
    assert counted == probed
    assert len(set(counted)) == len(counted)
    assert counted[2].endswith("-2") and counted[-1].endswith("-101")


# --- every field checked with its type, errors at their line ------------------------------

BAD_FIELDS = [
    ("lang", ("  kind: paragraph\n", "  kind: paragraph\n  lang: 5\n"), "lang must be a language"),
    (
        "links",
        ("  links:\n  - [[0], [0], 0.9]\n  - [[1], [1], null, manual]\n", "  links: 5\n"),
        "links must be a list",
    ),
    ("link item", ("- [[0], [0], 0.9]", "- [[true], [0], 0.9]"), "bad link"),
    ("link extra", ("- [[0], [0], 0.9]", "- [[0], [0], 0.9, maybe]"), "bad link"),
    ("confidence", ("- [[0], [0], 0.9]", "- [[0], [0], .nan]"), "confidence"),
    ("title", ("title: A title", "title: [A, title]"), "no title"),
    ("source_lang", ("source_lang: en", "source_lang: 5"), "source_lang must be"),
    ("target_lang", ("target_lang: zh", "target_lang: [zh]"), "target_lang must be"),
    ("kind", ("kind: paragraph", "kind: 5"), "unknown kind"),
    (
        "source",
        ("  source:\n  - Hi there.\n", "  source: {a: b}\n  x:\n  - Hi there.\n"),
        "source must be a list",
    ),
    ("sentence", ("- 你好。", "- [你好。]"), "sentence 1 must be a text"),
    ("segments", ("segments:\n", "segments: 5\nx:\n"), "segments must be a list"),
    ("subtitle", ("title: A title", "title: A title\nsubtitle: {a: 1}"), "subtitle must be a text"),
    ("id", ("- id: a1", "- id: [a1]"), "has no id"),
    ("newer format", ("format: 1", "format: 2"), "newer reader"),
    ("format", ("format: 1", "format: one"), "format must be"),
]


@pytest.mark.parametrize(("name", "edit", "message"), BAD_FIELDS, ids=[b[0] for b in BAD_FIELDS])
def test_a_field_of_the_wrong_type_is_an_error_at_its_line(
    tmp_path: Path, name: str, edit: tuple[str, str], message: str
) -> None:
    path = tmp_path / "doc.yaml"
    text = dump_document(sample())
    assert edit[0] in text, name
    path.write_text(text.replace(*edit, 1), "utf-8")
    with pytest.raises(ReaderError) as exc:
        load_document(path)
    assert message in exc.value.message
    assert exc.value.location.line is not None, str(exc.value)
    assert str(exc.value).count("\n") == 0


def test_a_document_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("- a\n- b\n", "utf-8")
    with pytest.raises(ReaderError, match="not a reader document"):
        load_document(path)


def test_control_characters_in_a_document_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    text = dump_document(sample()).replace("title: A title", 'title: "A\\e]0;owned\\a title"')
    path.write_text(text.replace("- Hi there.", '- "Hi\\u202e there.\\x9b6n"'), "utf-8")
    doc = load_document(path)
    assert doc.title == "A]0;owned title"
    assert doc.segments[1].source.sentences[0] == "Hi there.6n"
    assert load_document(path) == doc  # and so from the cache


# --- saves never overwrite a hand edit -------------------------------------------------------


def test_a_save_with_the_digest_read_refuses_a_file_edited_since(tmp_path: Path) -> None:
    from reader.documents import read_document

    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    doc, digest = read_document(path)
    path.write_text(path.read_text("utf-8").replace("Hi there.", "Hello there."), "utf-8")
    edited = path.read_bytes()
    with pytest.raises(ReaderError, match="changed on disk since it was read"):
        save_document(doc, path, expected=digest)
    assert path.read_bytes() == edited
    again, digest = read_document(path)
    save_document(again, path, expected=digest)
    assert load_document(path).segments[1].source.sentences[0] == "Hello there."


def test_saving_keeps_the_previous_version_and_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real" / "doc.yaml"
    real.parent.mkdir()
    save_document(sample(), real)
    link = tmp_path / "doc.yaml"
    link.symlink_to(real)
    before = real.read_bytes()
    changed = Document("doc", "Another title", "en", sample().segments, "zh")
    save_document(changed, link)
    assert link.is_symlink()
    assert load_document(real).title == "Another title"
    assert (real.parent / "doc.yaml~").read_bytes() == before


# --- re-import keeps what the learner added ---------------------------------------------------


def test_carry_over_keeps_own_translations_and_repaired_links() -> None:
    from dataclasses import replace

    from reader.documents import carry_over

    old = sample()
    para = old.segments[1]
    repaired = replace(para, links=(Link((0, 1), (0, 1), None, True),))
    own = Segment("p2", "paragraph", Text.of(["One more."], "en"), Text.of(["再来一个。"], "zh"))
    old = replace(old, segments=(old.segments[0], repaired, own))
    fresh = replace(
        sample(),
        segments=(
            sample().segments[0],
            replace(para, links=(Link((0,), (0,), 0.5), Link((1,), (1,), 0.5))),
            Segment("p2", "paragraph", Text.of(["One more."], "en")),
            Segment("p3", "paragraph", Text.of(["New text."], "en")),
        ),
        target_lang=None,
    )
    kept = carry_over(old, fresh)
    assert kept.segments[1].links == repaired.links
    assert kept.segments[2].target == own.target
    assert kept.segments[3] == fresh.segments[3]
    assert kept.target_lang == "zh"
    changed_translation = replace(fresh.segments[1], target=Text.of(["别的。", "再见"], "zh"))
    again = carry_over(old, replace(fresh, segments=(fresh.segments[0], changed_translation)))
    assert again.segments[1] == changed_translation  # another translation: its own links
