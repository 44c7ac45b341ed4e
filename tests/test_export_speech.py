"""Sound on the cards, as Anki's renderer and importer see it.

By default the Audio field holds Anki's TTS markup, which Anki turns into speech tags on the
answer side. With `audio: files` each text is rendered once (a fake renderer here, and one
test with the real espeak-ng), cached by content and packed as media with stable names.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anki.collection  # noqa: F401  (before anki.sound, which alone meets a circular import)
import pytest
from anki.sound import SoundOrVideoTag, TTSTag
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    import_package,
    library_fixture,  # noqa: F401  (the `library` fixture)
    note_by_term,
)

from reader.errors import ReaderError
from reader.export import export_deck, speech
from reader.export.speech import Espeak, Speech


def write_recipe(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "decks" / "r.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("library: ../library\noutput: r.apkg\n" + body, encoding="utf-8")
    return path


def cards_of(col: Any, term: str) -> dict[str, Any]:
    nid = note_by_term(col, term).id
    return {
        col.get_card(c).template()["name"]: col.get_card(c) for c in col.find_cards(f"nid:{nid}")
    }


def test_tts_markup_is_spoken_by_anki_on_answers_only(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    cards = cards_of(anki, "nascent")
    for name, card in cards.items():
        assert card.question_av_tags() == [], name  # a front never speaks the answer
        spoken = card.answer_av_tags()
        assert all(isinstance(tag, TTSTag) and tag.lang == "en_US" for tag in spoken)
        texts = [tag.field_text for tag in spoken]
        assert texts[0] == "nascent"
        assert texts[1].startswith("Regulating against known harms is necessary")


def test_speech_locale_and_voices_from_the_recipe(library: Path, tmp_path: Path, anki: Any) -> None:
    recipe = write_recipe(tmp_path, "speech: {en: en_GB voices=Apple_Daniel speed=0.9}\n")
    import_package(anki, export_deck(None, recipe).output)
    (tag, *_) = cards_of(anki, "nascent")["Recognition"].answer_av_tags()
    assert (tag.lang, tag.voices) == ("en_GB", ["Apple_Daniel"])
    assert tag.speed == pytest.approx(0.9)


def test_a_sound_tag_typed_in_a_note_stays_text(library: Path, tmp_path: Path, anki: Any) -> None:
    path = library / "glossaries/op-ed.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    pos: adj.\n", "    pos: adj.\n    note: say it [sound:evil.mp3]\n"),
        encoding="utf-8",
    )
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    card = cards_of(anki, "nascent")["Recognition"]
    assert not any(isinstance(tag, SoundOrVideoTag) for tag in card.answer_av_tags())
    assert "say it [sound:evil.mp3]" in card.answer().replace("&#91;", "[")
    assert anki.media.check().missing == []  # and the import expects no such file


def test_audio_off_leaves_the_field_empty(library: Path, tmp_path: Path, anki: Any) -> None:
    recipe = write_recipe(tmp_path, "audio: off\n")
    import_package(anki, export_deck(None, recipe).output)
    assert note_by_term(anki, "nascent")["Audio"] == ""


@dataclass
class FakeRenderer:
    """Writes a few bytes that name what it was asked to say."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    key: str = "fake 1.0"
    suffix: str = ".mp3"

    def render(self, text: str, lang: str, path: Path) -> None:
        self.calls.append((text, lang))
        path.write_bytes(f"{lang}:{text}".encode())


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeRenderer:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))  # this test's own cache
    renderer = FakeRenderer()
    monkeypatch.setattr(Espeak, "find", classmethod(lambda cls: renderer))
    return renderer


def test_rendered_files_are_packed_cached_and_named_by_content(
    library: Path, tmp_path: Path, anki: Any, fake: FakeRenderer
) -> None:
    recipe = write_recipe(tmp_path, "audio: files\n")
    summary = export_deck(None, recipe)
    # 8 terms, and 7 different context sentences among them (two share one)
    assert len(fake.calls) == len(set(fake.calls)) == summary.media
    assert ("nascent", "en") in fake.calls
    assert "audio files packed" in "\n".join(summary.format_lines())
    import_package(anki, summary.output)
    card = cards_of(anki, "nascent")["Recognition"]
    sounds = [tag.filename for tag in card.answer_av_tags()]
    assert len(sounds) == 2 and all(isinstance(t, SoundOrVideoTag) for t in card.answer_av_tags())
    assert all(name.startswith("reader-en-") and name.endswith(".mp3") for name in sounds)
    media = Path(anki.media.dir())
    assert (media / sounds[0]).read_bytes() == b"en:nascent"

    fake.calls.clear()
    again = export_deck(None, recipe)  # every file comes from the cache
    assert fake.calls == [] and again.media == summary.media
    import_package(anki, again.output)
    assert sorted(p.name for p in media.iterdir()) == sorted(
        {n for c in anki.find_cards("") for n in _sounds(anki, c)}
    )  # the same names: Anki keeps one copy of each

    # Another engine version is another sound: new names, rendered anew.
    fake.key = "fake 2.0"
    export_deck(None, recipe)
    assert len(fake.calls) == summary.media


def _sounds(col: Any, cid: int) -> list[str]:
    return [
        t.filename for t in col.get_card(cid).answer_av_tags() if isinstance(t, SoundOrVideoTag)
    ]


def test_audio_files_without_espeak_is_a_one_line_error(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Espeak, "find", classmethod(lambda cls: None))
    recipe = write_recipe(tmp_path, "audio: files\n")
    before = (library / "glossaries/op-ed.yaml").read_bytes()
    with pytest.raises(ReaderError, match="apt-get install espeak-ng") as err:
        export_deck(None, recipe)
    assert err.value.location.path == str(recipe)
    assert (library / "glossaries/op-ed.yaml").read_bytes() == before  # nothing written


def test_markup_escapes_what_it_speaks() -> None:
    markup = Speech().sound("a < b [/anki:tts] c", "en")
    assert markup == "[anki:tts lang=en_US]a &lt; b &#91;/anki:tts] c[/anki:tts]"
    assert Speech(options={"zh": "zh_TW"}).sound("你好", "zh").startswith("[anki:tts lang=zh_TW]")
    assert Speech().sound("  ", "en") == ""


def test_espeak_renders_real_audio(tmp_path: Path) -> None:
    """The one test of the real renderer; CI installs espeak-ng and lame (.ci/run)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: apt-get install -y espeak-ng lame")
    renderer = Espeak.find()
    assert renderer is not None
    made = speech.make_speech("files", {}, tmp_path)
    (path,) = made.render_all([("a level playing field", "en")])
    data = path.read_bytes()
    assert len(data) > 2000
    if renderer.lame:
        assert path.suffix == ".mp3" and (data[:3] == b"ID3" or data[0] == 0xFF)
    else:
        assert path.suffix == ".wav" and data[:4] == b"RIFF"
    (zh,) = made.render_all([("扼杀创新", "zh")])
    assert zh.stat().st_size > 2000 and zh != path
