"""Runs bilingual_book_maker's own EPUB code on an EPUB with a local stand-in translator.

bilingual_book_maker (PyPI `bbook_maker`, MIT) is installed in a throwaway virtual
environment outside the repository by make_bbm.sh; only this driver is ours. The stand-in
"translates" a paragraph by looking it up in a table of the op-ed's published Chinese
translation, so the book it writes has bilingual_book_maker's real markup (each translated
<p> inserted after its original) with a real translation.

    python bbm_standin.py BOOK.epub TABLE.json   # writes BOOK_bilingual.epub beside BOOK
"""

import json
import re
import sys

from book_maker.loader.epub_loader import EPUBBookLoader
from book_maker.translator.base_translator import NO_PROMPT_SECTIONS, Base

with open(sys.argv[2], encoding="utf-8") as f:
    TABLE = json.load(f)


def key(text):
    # bilingual_book_maker hands over the paragraph's text with a footnote call's number in it.
    return " ".join(re.sub(r"(?<=[.!?])\d+(?=\s)", "", text).split())


class StandIn(Base):
    PROMPT_SECTION_SLOTS = NO_PROMPT_SECTIONS

    def __init__(self, key, language, api_base=None, **kwargs):
        super().__init__(key, language)

    def rotate_key(self):
        pass

    def translate(self, text):
        return TABLE.get(key(text), text)


EPUBBookLoader(sys.argv[1], StandIn, "stand-in", False, "Simplified Chinese").make_bilingual_book()
