"""What one written word may stand for when glossary terms are matched.

A glossary term and a word of running text are the same word when their sets of *atoms*
share a member. An atom is the word itself or one of its dictionary lemmas, so `stifle`
meets `stifled` (through the lemma `stifle`) and `levelling` meets `level`. The lemmatizer
decides, not a hand-written suffix list: English lemmas come from lemminflect's dictionary,
Dutch, German, French and the other languages with a simplemma lexicon from simplemma
(one lemma per word, so a term word in its base form matches its inflections: `regel` ->
regels). Words a lemmatizer does not know stand only for themselves.

Arabic attaches conjunctions, prepositions and the article to the word that follows
(`والمدرسة` = `و` + `ال` + `مدرسة`), so a word of Arabic text may also stand for itself
with such a prefix removed. Glossary terms are taken as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from itertools import product
from typing import Any

# Verbs that take `not`/`n't` without changing what a phrase is about: `power is
# concentrated` is found in "power isn't concentrated" and "power was not concentrated".
# Be, have and do, and the modals, which take negation the same way. Lexical verbs do not
# ("limit not possibilities" is not `limit possibilities`).
AUXILIARIES = frozenset(
    {
        "be",
        "have",
        "do",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "need",
        "ought",
        "dare",
    }
)

NEGATIONS = frozenset({"not", "n't"})

# Contracted negatives whose stem is not a word of its own.
_NEGATIVE_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "be"}

# Clitics after an apostrophe that belong to the word before them: "Europe's" is about
# Europe, "they're" about they.
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m"})


def split_clitics(word: str) -> tuple[str, bool]:
    """(base word, negated) for a casefolded English word with apostrophes unified to '.

    `isn't` -> (is, True), `won't` -> (will, True), `Europe's` -> (europe, False).
    """
    if word == "cannot":
        return "can", True
    if len(word) > 3 and word.endswith("n't"):
        stem = word[:-3]
        return _NEGATIVE_STEMS.get(stem, stem), True
    head, apostrophe, tail = word.rpartition("'")
    if apostrophe and head and tail in _CLITICS:
        return head, False
    return word, False


def _lemma_table() -> Mapping[str, str]:
    """lemminflect's lemmas of every lower-case word it knows, overrides merged, encoded
    (`reader.lemma_tables`: a compact index in the cache, loaded in a hundredth of a second
    where lemminflect takes half a second and imports NumPy)."""
    from reader.lemma_tables import english_table

    return english_table()


def _all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """`lemminflect.getAllLemmas(word)`, read from the table for a word in lower case (the
    only ones matching asks about); others the slow way, with lemminflect's caps styles."""
    if word != word.lower():
        import lemminflect

        return dict(lemminflect.getAllLemmas(word))
    from reader.lemma_tables import decode

    value = _lemma_table().get(word)
    return dict(decode(value)) if value else {}


def lemmas_of(word: str) -> tuple[str, ...]:
    """Every lemma lemminflect knows for a word, lower-cased, in its order; the word itself
    when it knows none. What the aligner compares English words by."""
    found: dict[str, None] = {}
    for forms in _all_lemmas(word).values():
        for form in forms:
            found.setdefault(form.lower(), None)
    return tuple(found) or (word,)


# What `_english` found per word, for the whole process (bounded, a few tens of MB at most):
# a glossary edit rebuilds the matcher, and the rebuild should not pay for the look-ups again.
# A plain dict rather than lru_cache, so `english_words` can fill it in one loop.
_ENGLISH: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
_MAX_ENGLISH = 1 << 17


def _english(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(term atoms, text atoms) of a casefolded, clitic-free English word."""
    found = _ENGLISH.get(word)
    return found if found is not None else english_words([word])[0]


def english_words(words: list[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(term atoms, text atoms) of each casefolded, clitic-free English word.

    The text atoms are the word with its dictionary lemmas; the term atoms are the word alone
    when it is a lemma itself, else the same. One loop for a whole glossary: its first build
    looks up tens of thousands of words, and a call per word was most of the cost.
    """
    known = _ENGLISH
    if len(known) + len(words) > _MAX_ENGLISH:
        known.clear()
    from reader.lemma_tables import decode

    table = _lemma_table().get
    out = []
    for word in words:
        found = known.get(word)
        if found is not None:
            out.append(found)
            continue
        if word != word.lower():  # never asked by matching (it casefolds), kept exact
            items: Any = _all_lemmas(word).items()
        else:
            value = table(word)
            items = decode(value) if value else ()
        if not items:  # most words of a large glossary that the dictionary does not know
            alone = frozenset((word,))
            found = known[word] = (alone, alone)
            out.append(found)
            continue
        atoms, base_form = {word}, False
        for upos, forms in items:
            for lemma in forms:
                lemma = lemma.lower()  # as getAllLemmas gives it for a lower-case word
                # Suppletive comparison (better -> good, worse -> bad, more -> many) would
                # make a learner's "good" light up on "best"; regular comparison keeps the
                # stem (starker -> stark, bigger -> big) and is kept.
                if upos in ("ADJ", "ADV") and not word.startswith(lemma[:-1]):
                    continue
                atoms.add(lemma)
                base_form = base_form or lemma == word
        text = frozenset(atoms)
        found = known[word] = ((frozenset((word,)) if base_form and len(text) > 1 else text), text)
        out.append(found)
    return out


def english_atoms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """`term_atoms` and `text_atoms` of a casefolded, clitic-free English word, in one call."""
    return _english(word)


@lru_cache(maxsize=1 << 17)
def _simplemma(word: str, lang: str) -> str:
    """simplemma's lemma of a casefolded word (itself when the language has no lexicon),
    from that language's lexicon alone, opened from its index in the cache."""
    from reader.lemma_tables import lemmatize

    try:
        return lemmatize(word, lang).casefold()
    except ValueError:  # a language simplemma has no lexicon for
        return word


def text_atoms(word: str, lang: str) -> frozenset[str]:
    """What a casefolded, clitic-free word of running text may stand for."""
    if lang == "en":
        return _english(word)[1]
    if lang == "ar":
        return arabic_stems(word)
    return frozenset((word, _simplemma(word, lang)))


def term_atoms(word: str, lang: str) -> frozenset[str]:
    """What a word of a glossary term stands for.

    A term word in its base form stands for itself alone, so it matches its own inflections
    (`level` -> levels, levelling) but not other words that share a spelling with them
    (`left` does not match "leave"). An inflected term word (`riddled`, `is`) stands for its
    lemmas too, so `power is concentrated` matches "power was concentrated".
    """
    if lang == "en":
        return _english(word)[0]
    if lang == "ar":
        return frozenset((word,))
    return frozenset((word, _simplemma(word, lang)))


# Arabic proclitics in the order they attach: conjunction, preposition, article. `لل` is
# `ل` + `ال` with the article's alef dropped in writing.
_AR_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            c + p + a
            for c, p, a in product(("", "و", "ف"), ("", "ب", "ك", "ل"), ("", "ال"))
            if c + p + a
        }
        | {"لل", "ولل", "فلل"},
        key=len,
        reverse=True,
    )
)
# A shorter remainder is more often a word that merely starts with و or ب than a stem.
_AR_MIN_STEM = 2


def arabic_stems(word: str) -> frozenset[str]:
    """The (normalised) word and what is left after each attached prefix it may carry."""
    stems = {word}
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _AR_MIN_STEM:
            stems.add(word[len(prefix) :])
    return frozenset(stems)
