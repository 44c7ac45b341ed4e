"""What to look up for a word of running text: the word, then the forms a dictionary lists.

Dictionaries list lemmas: `stifle`, not "stifled"; `overnemen`, not "nam … over"; `كتب`, not
"وكتبوا". Each language gives candidates in order, best first, and the look-up keeps those a
dictionary has. The lemmatizers are the ones glossary matching uses (`reader.lemmas`):
lemminflect for English, simplemma for Dutch and the others, the Arabic prefix rules; this
module adds what a look-up needs beyond matching:

- Dutch separable verbs, from the sentence: a finite verb whose particle closes the clause
  (`nam … over` -> overnemen, `stapte … af` -> afstappen), `af te stappen` -> afstappen, and a
  particle fused with a participle (`afgestapt` -> afstappen);
- Arabic attached pronouns (ـه ـها ـهم ـنا ...) and the imperfect prefixes (ي ت ن أ, with
  the plural and dual endings), besides the conjunctions, prepositions and article;
- Chinese in simplified characters, for dictionaries that only list those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.dictionary.langcodes import base


@dataclass(frozen=True)
class Form:
    """A spelling to look up, and why: exact | lemma | clitic | separable | stem |
    simplified."""

    text: str
    how: str


def forms(
    word: str, lang: str, sentence: str | None = None, start: int | None = None
) -> list[Form]:
    """Candidates for `word` (at character `start` of `sentence`, when known), best first."""
    word = word.strip()
    if not word:
        return []
    out: list[Form] = [Form(word, "exact")]
    code = base(lang)
    if code == "nl" and " " not in word:
        # A separable verb of the clause says what the word means there (`nam … over` is
        # overnemen, not nemen), so it comes before the word's own lemma.
        if sentence is not None:
            out += separable(word, sentence, start)
        out += _dutch_fused(word)
    if code == "en":
        out += _english(word)
    elif code == "ar":
        out += _arabic(word)
    elif code == "zh":
        out += _chinese(word)
    elif " " not in word:
        out += _simplemma(word, code)
    seen: set[str] = set()
    unique = []
    for form in out:
        key = form.text.casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(form)
    return unique


# --- English ------------------------------------------------------------------------------


def _english(word: str) -> list[Form]:
    from reader.lemmas import english_words, split_clitics
    from reader.normalize import normalize_term

    out: list[Form] = []
    words = normalize_term(word, "en").split(" ")
    bases = []
    for w in words:
        b, _negated = split_clitics(w)
        bases.append(b)
    if bases != words:
        out.append(Form(" ".join(bases), "clitic"))
    if len(bases) == 1:
        text_atoms = english_words([bases[0]])[0][1]
        out += [Form(lemma, "lemma") for lemma in sorted(text_atoms - {bases[0]})]
    elif bases:
        # A phrase: its first word's lemma (`stifled innovation` -> stifle innovation).
        first = english_words([bases[0]])[0][1] - {bases[0]}
        out += [Form(" ".join([lemma, *bases[1:]]), "lemma") for lemma in sorted(first)]
    return out


# --- Dutch and other languages with a simplemma lexicon -----------------------------------


def _simplemma(word: str, code: str) -> list[Form]:
    from reader.lemmas import text_atoms
    from reader.normalize import normalize_term

    folded = normalize_term(word, code)
    return [Form(a, "lemma") for a in sorted(text_atoms(folded, code) - {folded})]


# Particles of Dutch separable verbs (ANS, "scheidbare werkwoorden"), longest first so
# `terug` is tried before `te`.
PARTICLES = tuple(
    sorted(
        [
            "aan",
            "af",
            "bij",
            "binnen",
            "buiten",
            "dicht",
            "door",
            "heen",
            "in",
            "langs",
            "los",
            "mee",
            "na",
            "neer",
            "om",
            "onder",
            "op",
            "open",
            "over",
            "rond",
            "samen",
            "tegen",
            "terecht",
            "terug",
            "thuis",
            "toe",
            "uit",
            "vast",
            "voor",
            "voorbij",
            "vrij",
            "weg",
            "achter",
        ],
        key=len,
        reverse=True,
    )
)
_PARTICLE_SET = frozenset(PARTICLES)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_CLAUSE_END = re.compile(r"[.,;:!?()«»\"“”]")


def _dutch_lemma(word: str) -> str:
    from reader.lemmas import text_atoms

    atoms = text_atoms(word.lower(), "nl") - {word.lower()}
    verbs = sorted(a for a in atoms if a.endswith("en"))
    if verbs:
        return verbs[0]
    return word.lower() if word.lower().endswith("en") else (sorted(atoms) or [word.lower()])[0]


def _dutch_fused(word: str) -> list[Form]:
    """`afgestapt` -> afstappen, `opgebeld` -> opbellen: particle + ge + participle."""
    low = word.lower()
    out = []
    for particle in PARTICLES:
        rest = low[len(particle) :]
        if low.startswith(particle) and len(rest) > 3:
            if rest.startswith("ge"):
                lemma = _dutch_lemma(rest)
                if lemma != rest:
                    out.append(Form(particle + lemma, "separable"))
            if rest.startswith("te") and len(rest) > 5:  # `afteschaffen`: rare, but written so
                out.append(Form(particle + rest[2:], "separable"))
    return out


def separable(word: str, sentence: str, start: int | None = None) -> list[Form]:
    """Separable verbs the word takes part in within its clause of `sentence`."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return []
    here = _token_at(tokens, word, start)
    if here is None:
        return []
    lo, hi = _clause(sentence, tokens, here)
    low = [t[0].lower() for t in tokens]
    me = low[here]
    out: list[Form] = []
    # `af te stappen`, `om te gaan`: particle, te, infinitive.
    if here >= 2 and low[here - 1] == "te" and low[here - 2] in _PARTICLE_SET:
        out.append(Form(low[here - 2] + me, "separable"))
    if me in _PARTICLE_SET and here + 2 < len(low) and low[here + 1] == "te":
        out.append(Form(me + low[here + 2], "separable"))
    if me in _PARTICLE_SET:
        # The particle closes the clause; its verb is a finite verb earlier in it.
        for k in range(here - 1, lo - 1, -1):
            if low[k] not in _PARTICLE_SET and low[k] != "te" and len(low[k]) > 1:
                out.append(Form(me + _dutch_lemma(low[k]), "separable"))
    else:
        # A finite verb: a particle later in the clause (the last one is the verb's).
        for k in range(hi - 1, here, -1):
            if low[k] in _PARTICLE_SET:
                out.append(Form(low[k] + _dutch_lemma(me), "separable"))
                break
    return out


def _token_at(tokens: list[tuple[str, int, int]], word: str, start: int | None) -> int | None:
    if start is not None:
        for i, (_t, s, e) in enumerate(tokens):
            if s <= start < e:
                return i
    wanted = word.lower()
    for i, (t, _s, _e) in enumerate(tokens):
        if t.lower() == wanted:
            return i
    return None


def _clause(sentence: str, tokens: list[tuple[str, int, int]], here: int) -> tuple[int, int]:
    """Token range [lo, hi) of the clause holding token `here`: between punctuation."""
    lo = here
    while lo > 0 and not _CLAUSE_END.search(sentence[tokens[lo - 1][2] : tokens[lo][1]]):
        lo -= 1
    hi = here + 1
    while hi < len(tokens) and not _CLAUSE_END.search(sentence[tokens[hi - 1][2] : tokens[hi][1]]):
        hi += 1
    return lo, hi


# --- Arabic -------------------------------------------------------------------------------

# Attached pronouns and endings, longest first.
_AR_SUFFIXES = ("كما", "هما", "كم", "كن", "هم", "هن", "ها", "نا", "ني", "ه", "ك", "ي")
_AR_VERB_ENDINGS = ("ون", "ين", "ان", "وا", "ن")
_AR_IMPERFECT = ("ي", "ت", "ن", "ا")  # أ is written ا once normalised
_AR_PERFECT_ENDINGS = ("تما", "تم", "تن", "وا", "نا", "ت", "ا")
_AR_MIN = 2


def _arabic(word: str) -> list[Form]:
    from reader.lemmas import arabic_stems
    from reader.normalize import normalize_term

    folded = normalize_term(word, "ar")
    out: list[Form] = []
    if folded != word:
        out.append(Form(folded, "exact"))
    stems = sorted(arabic_stems(folded) - {folded}, key=len, reverse=True)
    out += [Form(s, "clitic") for s in stems]
    for stem in [folded, *stems]:
        for suffix in _AR_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _AR_MIN:
                bare = stem[: -len(suffix)]
                out.append(Form(bare, "clitic"))
                if bare.endswith("ت") and len(bare) > 3:  # ة before a pronoun: مدرستها
                    out.append(Form(bare[:-1] + "ه", "clitic"))
        for ending in _AR_PERFECT_ENDINGS:  # كتبوا -> كتب
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                out.append(Form(stem[: -len(ending)], "stem"))
        for prefix in _AR_IMPERFECT:
            if not stem.startswith(prefix):
                continue
            rest = stem[len(prefix) :]
            for ending in ("", *_AR_VERB_ENDINGS):
                if rest.endswith(ending) and len(rest) - len(ending) >= 3:
                    out.append(Form(rest[: len(rest) - len(ending)] if ending else rest, "stem"))
    return out


# --- Chinese ------------------------------------------------------------------------------


def _chinese(word: str) -> list[Form]:
    from reader.dictionary.chinese import to_simplified

    simple = to_simplified(word)
    return [Form(simple, "simplified")] if simple != word else []
