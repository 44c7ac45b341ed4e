"""Recipes: what they accept, and one-line errors with line and column for what they do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.export.recipe import DEFAULT_STATUSES, deck_id_for, load_recipe


def write(tmp_path: Path, text: str, name: str = "op-ed.yaml") -> Path:
    path = tmp_path / "decks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_full_recipe(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# the op-ed deck\n"
        "deck: Reader::Op-ed\n"
        "library: ../seeds\n"
        "documents: [002_3fb843373e1af618]\n"
        "languages: [en]\n"
        "tags: economist\n"
        "statuses: [new, learning]\n"
        "cards: [production, context]\n"
        "output: out/op-ed.apkg\n"
        "deck_id: 1234567\n",
    )
    r = load_recipe(path)
    assert r.name == "op-ed"
    assert r.deck == "Reader::Op-ed"
    assert r.library == path.parent / "../seeds"
    assert r.documents == ("002_3fb843373e1af618",)
    assert r.languages == ("en",)
    assert r.tags == ("economist",)  # one name is a list of one
    assert r.statuses == ("new", "learning")
    assert r.cards == ("recognition", "production", "context")  # recognition always made
    assert r.output == path.parent / "out/op-ed.apkg"
    assert r.deck_id == 1234567
    assert r.production and r.context_cards
    assert r.key == f"recipe:{path.resolve()}"


def test_empty_recipe_takes_defaults(tmp_path: Path) -> None:
    r = load_recipe(write(tmp_path, "# nothing yet\n"))
    assert (r.deck, r.library, r.output, r.documents) == (None, None, None, ())
    assert r.statuses == DEFAULT_STATUSES and "ignored" not in r.statuses
    assert r.cards == ("recognition", "production", "context")
    assert (r.subdecks, r.audio, r.speech) == (False, "tts", ())


def test_cards_can_turn_production_off(tmp_path: Path) -> None:
    r = load_recipe(write(tmp_path, "cards: [recognition, context]\n"))
    assert not r.production and r.context_cards


def test_sentence_cards_sub_decks_and_sound(tmp_path: Path) -> None:
    r = load_recipe(
        write(
            tmp_path,
            "cards: [sentence-reverse]\nsubdecks: true\naudio: off\n"
            "speech: {en: en_GB voices=Apple_Daniel, zh: zh_TW}\n",
        )
    )
    assert r.cards == ("recognition", "sentence-reverse", "sentence")
    assert r.sentence_cards and r.sentence_reverse and r.subdecks
    assert r.audio == "off"  # YAML reads a bare `off` as false: still the mode off
    assert r.speech == (("en", "en_GB voices=Apple_Daniel"), ("zh", "zh_TW"))


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("deck: A\ndocs: [x]\n", 2, 1, "unknown recipe key 'docs'"),
        ("deck: A\ndeck: B\n", 2, 1, "duplicate key"),
        ("statuses: [new, done]\n", 1, 11, "statuses: unknown 'done'"),
        ("cards: [recognition, cloze]\n", 1, 8, "cards: unknown 'cloze'"),
        ("documents: {a: 1}\n", 1, 12, "documents must be a list of names"),
        ("deck_id: -3\n", 1, 10, "deck_id must be a positive whole number"),
        ("deck: [a, b]\n", 1, 7, "deck must be text"),
        ("deck: A\n  bad: indent\n", 2, 6, "broken YAML"),
        ("- just\n- a list\n", 1, 1, "a recipe is a mapping"),
        ("deck: !!python/object:os.system x\n", 1, 7, "tag"),
        ("subdecks: documents\n", 1, 11, "subdecks is true"),
        ("audio: loud\n", 1, 8, "audio is one of tts, files, off"),
        ("speech: {en: english please}\n", 1, 9, "speech maps languages to Anki TTS locales"),
        ("speech: [en_GB]\n", 1, 9, "speech maps languages"),
    ],
)
def test_errors_name_file_line_and_column(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ReaderError) as err:
        load_recipe(path)
    assert err.value.location.path == str(path)
    assert (err.value.location.line, err.value.location.column) == (line, column)
    assert message in err.value.message
    assert "\n" not in str(err.value)


def test_missing_recipe_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such recipe file"):
        load_recipe(tmp_path / "nope.yaml")


def test_deck_id_is_stable_per_name() -> None:
    assert deck_id_for("seeds") == deck_id_for("seeds")
    assert deck_id_for("seeds") != deck_id_for("Seeds")
    assert 0 < deck_id_for("x") < 2**63
