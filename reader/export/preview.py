"""Cards rendered as plain text, for `--dry-run`: what the learner will see, without Anki.

Only the template features our own note type uses are supported: `{{Field}}`,
`{{FrontSide}}` and `{{#Field}}...{{/Field}}` sections (Anki's conditional replacement).
"""

from __future__ import annotations

import html
import re

from reader.export.notes import ExportNote
from reader.export.notetype import (
    FIELD_NAMES,
    MODEL_ID,
    SENTENCE_FIELD_NAMES,
    SENTENCE_TEMPLATES,
    TEMPLATES,
    Template,
)

_SECTION = re.compile(r"\{\{([#^])(\w+)\}\}((?:(?!\{\{[#^]).)*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{(\w+)\}\}")
_BLOCK_END = re.compile(r"</div>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SOUND = re.compile(r"\[anki:tts[^\]]*\](.*?)\[/anki:tts\]|\[sound:[^\]]*\]", re.DOTALL)


def render_html(template: str, values: dict[str, str]) -> str:
    """Anki's field replacement for our templates (innermost sections first)."""
    while True:
        replaced = _SECTION.sub(
            lambda m: m.group(3) if bool(values.get(m.group(2))) == (m.group(1) == "#") else "",
            template,
        )
        if replaced == template:
            break
        template = replaced
    return _FIELD.sub(lambda m: values.get(m.group(1), ""), template)


def _templates(note: ExportNote) -> tuple[tuple[str, ...], tuple[Template, ...]]:
    if note.model_id == MODEL_ID:
        return FIELD_NAMES, TEMPLATES
    return SENTENCE_FIELD_NAMES, SENTENCE_TEMPLATES


def card_sides(note: ExportNote, kind: str) -> tuple[str, str] | None:
    """(front, back) HTML of one card of `note`, or None when Anki would make no such card."""
    names, templates = _templates(note)
    values = dict(zip(names, note.fields, strict=True))
    template = next((t for t in templates if t.kind == kind), None)
    if template is None:
        return None
    front = render_html(template.front, values)
    if not as_text(front):
        return None
    back = render_html(template.back, {**values, "FrontSide": front})
    return front, back


def as_text(fragment: str) -> str:
    """HTML to one readable line: bold as *word*, blocks separated by ` | `."""
    text = _SOUND.sub("", fragment).replace("<b>", "*").replace("</b>", "*")
    text = re.sub(r'<hr id="answer">', " ⇒ ", text)
    text = _BLOCK_END.sub(" | ", text)
    text = html.unescape(_TAG.sub("", text))
    parts = [p.strip() for p in text.split(" | ")]
    return " | ".join(p for p in parts if p).replace(" |  ⇒ ", " ⇒ ").strip()


def preview_lines(note: ExportNote) -> list[str]:
    lines = []
    for template in _templates(note)[1]:
        sides = card_sides(note, template.kind)
        if sides is None:
            continue
        front, back = sides
        lines.append(f"[{template.name}] {as_text(front)}")
        answer = back.split('<hr id="answer">', 1)[-1]
        lines.append(f"    {as_text(answer)}")
    return lines
