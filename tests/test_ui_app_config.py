"""Settings and per-document state: defaults, the YAML file, errors, isolation."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.settings import Settings, config_path, load_settings
from reader.state import DocState, StateStore, document_key, state_dir


def test_the_fixture_keeps_the_developers_files_out(tmp_path: Path) -> None:
    assert "reader-home" in os.environ["READER_CONFIG"]
    assert config_path() == Path(os.environ["READER_CONFIG"])
    assert state_dir() == Path(os.environ["READER_STATE_DIR"])


def test_missing_or_empty_config_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.yaml") == Settings()
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert load_settings(empty) == Settings()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bidi: off\n", Settings(bidi="off")),
        ("bidi: on\n", Settings(bidi="on")),
        ("bidi: auto\n", Settings(bidi="auto")),
        ("theme: nord\n", Settings(theme="nord")),
        ("low_confidence: 0.3\n", Settings(low_confidence=0.3)),
        ("native: zh\n", Settings(native="zh")),
        ("editor: nano -w\n", Settings(editor="nano -w")),
        ('keys:\n  next_sentence: "ctrl+n,j"\n', Settings(keys={"next_sentence": "ctrl+n,j"})),
    ],
)
def test_config_values(tmp_path: Path, text: str, expected: Settings) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_settings(path) == expected


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("bidi: sideways\n", "bidi must be one of", 1),
        ("theme: nord\nlow_confidence: 2\n", "low_confidence must be a number", 2),
        ("colour: red\n", "unknown setting 'colour'", 1),
        ("keys: [j, k]\n", "keys must map binding ids", 1),
        ("- just\n- a list\n", "config must be a mapping", 1),
        ("bidi: [on\n", "broken YAML", 2),
    ],
)
def test_bad_config_is_one_line_error_with_place(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        load_settings(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("mode", "environ", "expected"),
    [
        ("on", {"KONSOLE_VERSION": "230800"}, True),
        ("off", {}, False),
        ("auto", {}, True),
        ("auto", {"KONSOLE_VERSION": "230800"}, False),
        ("auto", {"MLTERM": "3.9"}, False),
        ("auto", {"VTE_VERSION": "7600"}, True),
    ],
)
def test_bidi_mode(mode: str, environ: dict[str, str], expected: bool) -> None:
    assert Settings(bidi=mode).bidi_enabled(environ) is expected


def test_editor_command_prefers_setting_then_visual_then_editor() -> None:
    assert Settings(editor="micro").editor_command({"EDITOR": "vim"}) == "micro"
    assert Settings().editor_command({"VISUAL": "code -w", "EDITOR": "vim"}) == "code -w"
    assert Settings().editor_command({"EDITOR": "vim"}) == "vim"
    assert Settings().editor_command({}) == "vi"


def test_state_round_trip_and_two_documents_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    store = StateStore(path)
    a = document_key("op-ed", tmp_path / "lib-a")
    b = document_key("op-ed", tmp_path / "lib-b")
    assert a != b
    store.put(a, DocState(segment="5d1c0e8a", offset=42, layout="interleaved", notes=False))
    store.update(b, layout="selftest")
    again = StateStore(path)
    assert again.get(a) == DocState(
        segment="5d1c0e8a", offset=42, layout="interleaved", notes=False
    )
    assert again.get(a).anchor == ("5d1c0e8a", 42)
    assert again.get(b).layout == "selftest"
    assert again.get("unknown") == DocState()


def test_state_file_written_by_another_window_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, second = StateStore(path), StateStore(path)
    first.update("doc-1", offset=3, segment="s1")
    second.update("doc-2", offset=7, segment="s2")
    final = StateStore(path)
    assert final.get("doc-1").anchor == ("s1", 3)
    assert final.get("doc-2").anchor == ("s2", 7)


@pytest.mark.parametrize(
    "text",
    [
        "{{{ not json",
        '{"documents": [1, 2]}',
        '["a list"]',
        '{"documents": {"d": {"layout": "diagonal"}}}',
        '{"documents": {"d": {"layout": 3, "offset": "x"}}}',
        "\ufeff\x00\x01",
    ],
)
def test_damaged_state_costs_bookmarks_not_a_start(tmp_path: Path, text: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(text, encoding="utf-8")
    store = StateStore(path, layouts=("side", "interleaved"))  # the app's modes
    assert store.get("d").layout is None
    store.update("d", layout="side")
    assert StateStore(path).get("d").layout == "side"


def test_touch_records_last_opened(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    assert store.get("d").last_opened is None
    store.touch("d")
    assert StateStore(tmp_path / "state.json").get("d").last_opened is not None


def test_positions_kept_by_an_older_version_in_yaml_are_read_then_kept_in_json(
    tmp_path: Path,
) -> None:
    older = tmp_path / "state.yaml"
    older.write_text(
        "# reader: reading positions (safe to delete)\n"
        "documents:\n  a: {segment: s3, offset: 7, layout: side}\n  b: {progress: 0.5}\n",
        encoding="utf-8",
    )
    store = StateStore(tmp_path / "state.json", layouts=("side", "interleaved"))
    assert store.get("a") == DocState(segment="s3", offset=7, layout="side")
    store.update("b", offset=2, segment="s1")
    # Saved as JSON with both documents; the older file is left as it was.
    saved = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert saved["documents"]["a"] == {"segment": "s3", "offset": 7, "layout": "side"}
    assert saved["documents"]["b"]["progress"] == 0.5
    assert older.read_text(encoding="utf-8").startswith("# reader: reading positions")
    assert StateStore(tmp_path / "state.json").get("b").anchor == ("s1", 2)


@pytest.mark.parametrize(
    ("decks", "expected"),
    [
        (None, "/lib/decks"),  # beside the glossaries the deck comes from
        ("anki", "/lib/anki"),  # relative to the library folder
        ("/srv/decks", "/srv/decks"),
    ],
)
def test_decks_folder(decks: str | None, expected: str) -> None:
    assert Settings(decks=decks).decks_dir(Path("/lib")) == Path(expected)


def test_decks_setting_is_read_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("decks: ~/Anki\n", encoding="utf-8")
    assert load_settings(path).decks_dir(Path("/lib")) == Path("~/Anki").expanduser()
    path.write_text("decks: [a, b]\n", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        load_settings(path)
    assert str(err.value).startswith(f"{path}:1:")
