"""Make `anki_notes.txt`: Anki's own "Notes in Plain Text" export (the `anki` test package).

A throwaway collection gets a learner's vocabulary notes (the Basic note type: the word on
the front; meaning, an example and a picture on the back, with Anki's HTML) in a nested deck
with tags; Anki's exporter writes them with its header lines, HTML, tags, deck, note type
and GUID columns, as the export dialog does with every box ticked. Run from the repository
root:

    .venv/bin/python tests/data/real/make_anki_export.py
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from anki.collection import Collection
from anki.decks import DeckId

HERE = Path(__file__).resolve().parent

NOTES = [
    ("nascent", "新生的；初生的<br><i>a nascent industry</i>", "economist adj"),
    ("stifle innovation", "扼杀创新", "economist"),
    ("<b>a level playing field</b>", "公平竞争的环境<div>公平的条件</div>", "economist idiom"),
    ("stark", '赤裸的; 光秃的; 明显的&nbsp;<img src="stark.jpg">', ""),
    ("risk-averse", "厌恶风险 [sound:risk-averse.mp3]", "adj"),
    ('the "AI Act"', "《人工智能法》, the EU's law on AI\ttab inside", "economist"),
    ("Europe’s", "欧洲的", ""),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        deck = DeckId(col.decks.id("English::Economist") or 0)
        basic = col.models.by_name("Basic")
        assert basic is not None
        for front, back, tags in NOTES:
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, back
            note.tags = tags.split()
            col.add_note(note, deck)
        out = HERE / "anki_notes.txt"
        count = col.export_note_csv(
            out_path=str(out),
            limit=None,  # the whole collection
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
        col.close()
    # The GUIDs are random per run; fix them so the file only changes when the format does.
    text = out.read_text(encoding="utf-8")
    n = iter(range(1, 1000))
    text = re.sub(
        r"^[^#\t\n][^\t\n]*(?=\t)", lambda m: f"guid{next(n):04d}", text, flags=re.MULTILINE
    )
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {count} notes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
