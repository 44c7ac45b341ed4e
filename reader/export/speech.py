"""Sound on the cards: Anki's own text-to-speech markup, or audio files rendered offline.

By default the Audio field holds `[anki:tts lang=en_US]…[/anki:tts]` for the term and for its
sentence: every Anki client (desktop, AnkiMobile, AnkiDroid) speaks that with the voices of
the device, and the deck carries no files. A recipe may instead ask for `audio: files`: each
text is rendered once with espeak-ng (offline, from Debian or any Linux distribution),
compressed to MP3 with LAME when it is installed (WAV otherwise), kept in the cache folder
under a name made from what was spoken, by which voice and which engine version, and packed
into the deck as media. The same text always has the same file name, so Anki keeps one copy.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.errors import ReaderError
from reader.fsutil import cache_dir

# Anki matches a TTS tag to a voice by its exact underscored locale (aqt/tts.py): `en` alone
# finds no voice, so each language gets its most widely installed locale. A recipe overrides
# them (`speech: {en: en_GB, ar: "ar_EG voices=Microsoft_Hoda"}`).
TTS_LOCALES: dict[str, str] = {
    "ar": "ar_SA",
    "de": "de_DE",
    "en": "en_US",
    "es": "es_ES",
    "fa": "fa_IR",
    "fr": "fr_FR",
    "he": "he_IL",
    "hi": "hi_IN",
    "it": "it_IT",
    "ja": "ja_JP",
    "ko": "ko_KR",
    "nl": "nl_NL",
    "pl": "pl_PL",
    "pt": "pt_BR",
    "ru": "ru_RU",
    "sv": "sv_SE",
    "th": "th_TH",
    "tr": "tr_TR",
    "uk": "uk_UA",
    "vi": "vi_VN",
    "zh": "zh_CN",
}
# espeak-ng voice names; Mandarin is `cmn`.
ESPEAK_VOICES: dict[str, str] = {"zh": "cmn", "en": "en-us"}
AUDIO_MODES = ("tts", "files", "off")
_OPTION = re.compile(r"^[A-Za-z]{2,3}(_[A-Za-z0-9]+)?( [a-z]+=[^\s\]]+)*$")
_SPACE = re.compile(r"\s+")


def check_speech_option(value: str) -> bool:
    """Is `value` a locale with optional settings, e.g. `en_GB voices=Apple_Daniel speed=0.9`?"""
    return bool(_OPTION.match(value))


class Renderer(Protocol):
    """Something that turns text into an audio file."""

    @property
    def key(self) -> str:
        """Engine, version and settings: part of every file name, so a new engine renders anew."""
        ...

    @property
    def suffix(self) -> str: ...

    def render(self, text: str, lang: str, path: Path) -> None: ...


@dataclass(frozen=True)
class Espeak:
    """espeak-ng, with LAME for MP3 when it is installed."""

    espeak: str
    lame: str | None
    version: str

    @classmethod
    def find(cls) -> Espeak | None:
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            return None
        out = subprocess.run(
            [espeak, "--version"], capture_output=True, text=True, check=False
        ).stdout
        return cls(espeak, shutil.which("lame"), " ".join(out.split()[:5]))

    @property
    def key(self) -> str:
        return f"{self.version}|{'mp3' if self.lame else 'wav'}"

    @property
    def suffix(self) -> str:
        return ".mp3" if self.lame else ".wav"

    def render(self, text: str, lang: str, path: Path) -> None:
        voice = ESPEAK_VOICES.get(lang, lang)
        with tempfile.TemporaryDirectory(prefix="reader-audio-") as tmp:
            wav = Path(tmp) / "out.wav"
            # The text goes through stdin: nothing a learner wrote is ever read as an option.
            subprocess.run(
                [self.espeak, "-v", voice, "-w", str(wav), "--stdin"],
                input=text,
                text=True,
                capture_output=True,
                check=True,
            )
            if self.lame:
                out = Path(tmp) / "out.mp3"
                subprocess.run(
                    [self.lame, "--quiet", "-V", "7", "-m", "m", str(wav), str(out)], check=True
                )
                shutil.move(out, path)
            else:
                shutil.move(wav, path)


@dataclass(frozen=True)
class Speech:
    """How the Audio fields are filled for one export."""

    mode: str = "tts"
    options: Mapping[str, str] = field(default_factory=dict)  # lang -> "en_GB voices=…"
    renderer: Renderer | None = None
    folder: Path | None = None  # where rendered files are cached

    def sound(self, text: str, lang: str) -> str:
        """The Audio field's markup for `text` (plain text, not HTML)."""
        text = _SPACE.sub(" ", text).strip()
        if not text or self.mode == "off":
            return ""
        if self.mode == "files":
            return f"[sound:{self.file_name(text, lang)}]"
        option = self.options.get(lang) or TTS_LOCALES.get(lang.split("-")[0], lang)
        # Escaped like any field text, so `[/anki:tts]` or `<` inside it stays text.
        body = html.escape(text, quote=False).replace("[", "&#91;")
        return f"[anki:tts lang={option}]{body}[/anki:tts]"

    def file_name(self, text: str, lang: str) -> str:
        assert self.renderer is not None
        key = f"{self.renderer.key}\0{lang}\0{self.options.get(lang, '')}\0{text}"
        digest = hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
        return f"reader-{lang}-{digest}{self.renderer.suffix}"

    def render_all(self, wanted: Iterable[tuple[str, str]]) -> list[Path]:
        """Render every (text, lang) not in the cache yet; the files, in a stable order."""
        if self.mode != "files":
            return []
        assert self.renderer is not None and self.folder is not None
        renderer = self.renderer
        self.folder.mkdir(parents=True, exist_ok=True)
        jobs: dict[Path, tuple[str, str]] = {}
        for text, lang in wanted:
            text = _SPACE.sub(" ", text).strip()
            if text:
                jobs[self.folder / self.file_name(text, lang)] = (text, lang)
        missing = [(path, job) for path, job in jobs.items() if not path.is_file()]

        def render(item: tuple[Path, tuple[str, str]]) -> None:
            path, (text, lang) = item
            part = path.with_name(path.name + ".part")
            try:
                renderer.render(text, lang, part)
            except (OSError, subprocess.CalledProcessError) as exc:
                part.unlink(missing_ok=True)
                raise ReaderError(
                    path, f"could not render audio for {text[:40]!r}: {exc}"
                ) from None
            part.replace(path)  # complete files only: an interrupted run renders it again

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(render, missing))
        return sorted(jobs)


def make_speech(mode: str, options: Mapping[str, str], where: Path | str) -> Speech:
    """The Speech for a recipe; `audio: files` without espeak-ng is a one-line error."""
    if mode != "files":
        return Speech(mode, dict(options))
    renderer = Espeak.find()
    if renderer is None:
        raise ReaderError(
            where, "audio: files needs espeak-ng (Debian/Ubuntu: apt-get install espeak-ng lame)"
        )
    root = cache_dir()
    # With the cache turned off, files still go somewhere they can be packed from.
    folder = root / "audio" if root is not None else Path(tempfile.gettempdir()) / "reader-audio"
    return Speech(mode, dict(options), renderer, folder)
