"""Finding glossary terms in text.

`Matcher(entries, lang).find(text)` reports every place a glossary term (or one of its
`forms`) occurs, nested and overlapping ones included, as character offsets into the text
exactly as given. What counts as "the same":

- Case, Unicode composition (NFC), the apostrophes ' ’ ‘ ʼ and the hyphens/dashes
  - ‐ ‑ – — and the soft hyphen are ignored. Hyphens, dashes and soft hyphens separate words
  like spaces do, so `risk-averse` is also found as "risk averse" and across a line break.
- Languages written with spaces match whole words only. A term word and a text word are the
  same when they share a dictionary lemma (`reader.lemmas`: lemminflect for English,
  simplemma for Dutch and the other languages it has a lexicon for): `stifle innovation` is
  found in "stifled innovation", `regel` in "regels", and `level` in "levelling" because the
  lemmatizer calls it a form of the verb. A term word written in its base form stands for itself only (`left` is not
  found in "leave"); an inflected one also for its lemmas (`is` is found in "was").
  Suppletive comparison does not count (`good` is not found in "best"). Words the
  dictionary does not know must match as written.
- English clitics stay with their word: `Europe` is found in "Europe’s" (the span
  includes the ’s), and `isn't`, `won't`, `cannot` are forms of is, will, can.
- English auxiliaries (be, have, do and the modals) may carry `not`/`n't` inside a phrase:
  `power is concentrated` is found in "power isn’t concentrated" and "power was not
  concentrated". A term that itself says `not` still needs the negation in the text.
- Arabic ignores harakat and tatweel, writes أ إ آ ٱ as ا, ى as ي and ة as ه (so ة and ه
  are interchangeable), and lets the first word of a term carry attached prefixes
  (و ف ب ك ل ال and their combinations such as وال بال لل). Later words match as written.
- Chinese (and the other languages written without spaces) match on characters, with no
  word boundaries: 公平 is found in 公平的; whitespace inside the text is ignored.
- Entries with status "ignored" are never reported: the learner asked not to see them.

Cost: the matcher is built once per glossary, and a large one is kept on disk so that the
next run with the same glossary reads it back instead (`cache`).
Text is tokenised with numpy, each distinct spelling is analysed once (cached), the words
become a stream of short fixed-width codes, and one Aho-Corasick automaton (pyahocorasick)
runs over it. Find time per character does not depend on the glossary's size, only on how
many matches there are to report. `find` makes a Match per occurrence, for a paragraph;
`find_spans` gives the same as arrays, for a whole book.
"""

# The package, in the order a build and a find pass through it: `tokens` (text as words or
# characters), `words` (what a word stands for: lemmas, negation), `codes` and `codebook`
# (words written as short codes, one per group of words that stand for each other), `groups`
# (merging groups, negated variants, checks), `build` (terms as keys), `matcher` (the
# automaton and `find`), `cache` (builds kept between runs). Spellings are compared with
# `reader.normalize`, which the glossary shares without loading any of this.

from __future__ import annotations

from reader.matching.cache import CACHE_MIN_ENTRIES
from reader.matching.matcher import Match, Matcher
from reader.matching.tokens import tokenize
from reader.normalize import APOSTROPHES, HYPHENS, normalize_term

__all__ = [
    "APOSTROPHES",
    "CACHE_MIN_ENTRIES",
    "HYPHENS",
    "Match",
    "Matcher",
    "normalize_term",
    "tokenize",
]
