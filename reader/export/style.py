"""The stylesheet both note types share.

Colours are CSS variables set on `.card` and swapped for night mode, so one list of selectors
covers every client: Anki desktop and AnkiMobile put `nightMode` on the page, current
AnkiDroid `night_mode`, and older AnkiDroid `night_mode` on the `.card` element itself (without
`.night_mode.card` its light background stays while the text turns light). Theme colours are
literal here: the app's no-literal-colours rule is for Textual CSS; Anki cards carry their own.

Right-to-left languages get `direction: rtl` from their `lang` attribute, which overrides
`dir="auto"` (that would lay out an Arabic sentence starting with a Latin word, such as "Meta",
left to right). Their larger size is set once on the element that carries the `lang`
attribute, never again on what is inside it: bold words inside an Arabic sentence are not
bigger than the sentence, and an Arabic term keeps the size of every other term.
"""

from __future__ import annotations

from reader.export.fields import ARABIC_SCRIPT_LANGS, RTL_LANGS


def _any_lang(langs: tuple[str, ...], inside: str = "") -> str:
    return ", ".join(f'{inside}[lang|="{lang}"]' for lang in langs)


_LIGHT = {
    "fg": "#1f2328",
    "bg": "#fffdf8",
    "muted": "#57606a",
    "soft": "#424a53",
    "faint": "#6e7781",
    "accent": "#9a3412",
    "strong": "#1f2328",
    "cloze": "#0a58ca",
    "rule": "#d0d7de",
    # Tone colours, after the convention of Pleco and most Chinese decks (1 red, 2 green,
    # 3 blue, 4 purple, neutral grey), darkened to keep a 4.5:1 contrast on the background.
    "tone1": "#c62828",
    "tone2": "#2e7d32",
    "tone3": "#1565c0",
    "tone4": "#7b1fa2",
    "tone5": "#5f6368",
}
_NIGHT = {
    "fg": "#e6edf3",
    "bg": "#1c1f24",
    "muted": "#9da7b3",
    "soft": "#c9d1d9",
    "faint": "#8b949e",
    "accent": "#f0a868",
    "strong": "#ffffff",
    "cloze": "#79b8ff",
    "rule": "#3d444d",
    "tone1": "#ff8a80",
    "tone2": "#81c784",
    "tone3": "#82b1ff",
    "tone4": "#ce93d8",
    "tone5": "#b0b6bd",
}
_NIGHT_SELECTORS = (
    ".nightMode.card",
    ".night_mode.card",
    ".nightMode .card",
    ".night_mode .card",
)


def _variables(colours: dict[str, str]) -> str:
    return " ".join(f"--reader-{name}: {value};" for name, value in colours.items())


CSS = f""".card {{
  {_variables(_LIGHT)}
  font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: center;
  color: var(--reader-fg);
  background-color: var(--reader-bg);
}}
{", ".join(_NIGHT_SELECTORS)} {{
  {_variables(_NIGHT)}
  color: var(--reader-fg);
  background-color: var(--reader-bg);
}}
.term {{ font-size: 1.7em; font-weight: 600; }}
.term sup.sense {{ font-size: 0.45em; font-weight: 400; color: var(--reader-muted); }}
.reading {{ color: var(--reader-muted); }}
.prompt {{ font-size: 0.75em; color: var(--reader-muted); text-transform: uppercase; }}
.meaning {{ font-size: 1.2em; margin-top: 0.3em; }}
.grammar, .forms {{ font-size: 0.8em; font-style: italic; color: var(--reader-muted); }}
.sentence, .translation, .notes, .terms, .sentence-reading {{
  text-align: start; max-width: 40em; margin: 0.8em auto 0;
}}
.sentence-reading {{
  font-size: 0.8em; color: var(--reader-muted); margin-top: 0.2em; max-width: 50em;
}}
.sentence b {{ color: var(--reader-accent); }}
.translation {{ color: var(--reader-soft); }}
.translation b {{ color: var(--reader-strong); }}
.cloze {{ font-weight: bold; color: var(--reader-cloze); }}
.cue {{ font-weight: normal; font-style: italic; }}
.notes, .terms {{ font-size: 0.85em; color: var(--reader-soft); }}
.terms ul {{ margin: 0.2em 0; padding-inline-start: 1.2em; }}
.source {{ font-size: 0.7em; color: var(--reader-faint); margin-top: 1.2em; }}
.audio {{ margin-top: 0.6em; }}
hr#answer {{ border: none; border-top: 1px solid var(--reader-rule); }}
.tone1 {{ color: var(--reader-tone1); }}
.tone2 {{ color: var(--reader-tone2); }}
.tone3 {{ color: var(--reader-tone3); }}
.tone4 {{ color: var(--reader-tone4); }}
.tone5 {{ color: var(--reader-tone5); }}
[lang|="zh"], [lang="zh-Hans"] {{
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    sans-serif;
}}
[lang="zh-Hant"], [lang="zh-TW"], [lang="zh-HK"] {{
  font-family: "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif;
}}
[lang|="ja"] {{ font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; }}
[lang|="ko"] {{ font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }}
{_any_lang(RTL_LANGS)} {{ direction: rtl; unicode-bidi: isolate; }}
{_any_lang(ARABIC_SCRIPT_LANGS)} {{
  font-family: "Noto Naskh Arabic", "Geeza Pro", "Segoe UI", "Noto Sans", sans-serif;
  font-size: 1.15em;
}}
{", ".join(f'[lang|="{a}"] [lang|="{a}"]' for a in ARABIC_SCRIPT_LANGS)} {{ font-size: 1em; }}
{_any_lang(ARABIC_SCRIPT_LANGS, ".term")} {{ font-size: 1.95em; }}
"""
