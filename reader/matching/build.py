"""Turning glossary terms into the keys of the automaton: every spelling of every term, its
words written with the codebook's codes, with variants for negated auxiliaries and checks
where a code says more than the term word."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from itertools import chain, compress, repeat
from operator import attrgetter

import numpy as np

from reader.lemmas import AUXILIARIES, english_words, text_atoms
from reader.matching.codebook import Codebook
from reader.matching.codes import NOT, Codes, KeyTable, TermWord
from reader.matching.groups import checks, merge_groups, variants
from reader.matching.tokens import fold_chars, tokenize_arrays
from reader.matching.words import analyse_all
from reader.model import Entry
from reader.normalize import normalize_term


def spellings(entries: Sequence[Entry], lang: str) -> tuple[list[int], list[str]]:
    """Entry index and spelling of each term and each form that is written differently.

    Two lists, not pairs: a large glossary's spellings are then joined and measured in
    C loops, and only the entries with forms are looked at one by one.
    """
    terms = list(map(attrgetter("term"), entries))
    index: list[int] = []
    text: list[str] = []
    done = 0
    for i in compress(range(len(entries)), map(attrgetter("forms"), entries)):
        index += range(done, i)
        text += terms[done:i]
        seen = set()
        for spelling in (terms[i], *entries[i].forms):
            key = normalize_term(spelling, lang)
            if key and key not in seen:
                seen.add(key)
                index.append(i)
                text.append(spelling)
        done = i + 1
    index += range(done, len(entries))
    text += terms[done:]
    return index, text


def char_keys(book: Codebook, entries: Sequence[Entry]) -> KeyTable:
    """Keys of a language written without spaces: one code per character."""
    folded = [
        (i, fold_chars(unicodedata.normalize("NFC", s))[0])
        for i, s in zip(*spellings(entries, book.lang))
    ]
    ids: dict[str, int] = {}
    for _, chars in folded:
        for c in chars:
            ids.setdefault(c, len(ids) + 2)
    codes = Codes(len(ids) + 2)
    book.use(codes)
    book.unit_codes.update((c, codes(i)) for c, i in ids.items())
    keys = KeyTable()
    for i, chars in folded:
        if chars:
            keys.add("".join(map(book.unit_codes.__getitem__, chars)), len(chars), i, None)
    return keys


def word_keys(book: Codebook, entries: Sequence[Entry]) -> KeyTable:
    """Keys of a language written with spaces: one code per word."""
    entry_index, spelled = spellings(entries, book.lang)
    # One tokenizer run over all spellings, so terms split exactly like text does.
    tokens, starts, _ = tokenize_arrays("\n".join(spelled))
    bounds = np.zeros(len(spelled) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, spelled), np.int64, len(spelled)) + 1, out=bounds[1:])
    first = np.searchsorted(starts, bounds)
    code_of, special = term_words(book, list(dict.fromkeys(tokens)))
    # All keys written at once: a spelling's key is its slice of the codes of all words.
    width = book.codes.width
    written = "".join(map(code_of.__getitem__, tokens))
    specials = np.zeros(len(tokens) + 1, dtype=np.int64)
    if special:
        flags = np.fromiter(map(special.__contains__, tokens), dtype=bool, count=len(tokens))
        specials[1:] = np.cumsum(flags)
    plain = (specials[first[1:]] == specials[first[:-1]]).tolist()
    keys = KeyTable()
    number, add = keys.number, keys.add
    lo = first[:-1].tolist()
    hi = first[1:].tolist()
    for entry, a, b, simple in zip(entry_index, lo, hi, plain):
        if a == b:
            continue
        if simple:  # no word needs variants or checks: by far the most common case
            key = written[a * width : b * width]
            if key not in number:
                number[key] = len(keys.length)
                keys.length.append(b - a)
                keys.single.append(entry)
            else:
                add(key, b - a, entry, None)
            continue
        words = tokens[a:b]
        term = [special.get(t) or TermWord(code_of[t], None, None, book.words[t]) for t in words]
        for key, positions in variants(term, book.not_, width):
            add(key, len(key) // width, entry, checks(term, positions, book.lang))
    return keys


def term_words(book: Codebook, surfaces: list[str]) -> tuple[dict[str, str], dict[str, TermWord]]:
    """Codes for the distinct words of all terms, and the words that need more than a code.

    Words whose atoms overlap share a group and so a code ("is" and "was" through
    "be"); a text word gets the code of the group its own atoms fall in, and a check
    confirms the match where a group holds more than the term word stands for. The
    special words are those with a negated form (auxiliaries) or a check, and in Arabic
    all of them (later words of a term must not carry a prefix).
    """
    lang = book.lang
    english = lang == "en"
    everything = lang == "ar"  # later words must be checked for prefixes
    words = analyse_all(surfaces, lang)
    book.words.update(zip(surfaces, words))
    # An English term word joins the group of every lemma it has, even when it stands
    # for itself only ("increasing" joins "increase"): then a text word has one group,
    # and a check on the term word keeps it from matching "increase". Without this,
    # words like "increasing" would be ambiguous (see `Matcher._find_alternatives`)
    # wherever both terms are in the glossary.
    joins = [w.text_atoms for w in words] if english else [w.atoms for w in words]
    negation = list(map(attrgetter("negation"), words))
    # Groups are the connected sets of atoms, whatever order the words come in. Most
    # words stand for one atom: groups are made for the others first, and each lone atom
    # left over is a group of its own, numbered in one batch.
    group = book.group
    members = merge_groups(
        group, [atoms for atoms, neg in zip(joins, negation) if len(atoms) > 1 and not neg]
    )
    n = len(members) + 2  # ids 0 and 1 are taken
    lone = chain.from_iterable(
        atoms for atoms, neg in zip(joins, negation) if len(atoms) == 1 and not neg
    )
    fresh = [a for a in dict.fromkeys(lone) if a not in group]
    group.update(zip(fresh, range(n, n + len(fresh))))
    size = [0, 0, *map(len, members), *[1] * len(fresh)]  # atoms per group id
    n += len(fresh)
    # Auxiliaries' groups get a second id for their n't form.
    if english:
        for gid in sorted({group[a] for a in AUXILIARIES if a in group}):
            book.negated[gid] = n
            n += 1
    codes = Codes(n)
    book.use(codes)
    code_list, negated_of = codes.codes, book.negated
    # Every code at once: a word's term atoms all lie in its group, so any one gives it.
    firsts = map(next, map(iter, map(attrgetter("atoms"), words)))
    gids = list(map(group.get, firsts, repeat(NOT)))  # `not` may be in no group
    for i in compress(range(len(words)), negation):
        gids[i] = NOT
    code_of = dict(zip(surfaces, map(code_list.__getitem__, gids)))
    # Only words in a group larger than what they stand for may need a check, and only
    # auxiliaries a negated form: the few looked at one by one.
    group_atoms = dict(enumerate(members, 2))
    shared = list(chain.from_iterable(members))
    if english:
        read_as = dict(zip(shared, [text for _, text in english_words(shared)]))
    else:
        read_as = {a: text_atoms(a, lang) for a in shared}
    if everything:
        looked_at: Iterable[int] = range(len(words))
    else:
        # What every atom of a group stands for as a word of text (most groups: their
        # lemma, "cat" for cat, cats). A term word that stands for one of these shares
        # it with every other atom, and so needs no check: most words of merged groups.
        hubs = [
            frozenset(),
            frozenset(),
            *(frozenset.intersection(*map(read_as.__getitem__, m)) for m in members),
        ]
        looked_at = [
            i
            for i, (g, w) in enumerate(zip(gids, words))
            if (size[g] > len(w.atoms) and w.atoms.isdisjoint(hubs[g])) or g in negated_of
        ]
    special: dict[str, TermWord] = {}
    not_code = book.not_
    for i in looked_at:
        surface, w, gid = surfaces[i], words[i], gids[i]
        if w.negation:
            if everything:
                special[surface] = TermWord(not_code, None, None, w)
            continue
        atoms = w.atoms
        negated = negated_of.get(gid)
        check = None
        others = group_atoms.get(gid, ())
        if len(others) > len(atoms):
            # A text word in the group may share no atom with this term word when
            # another atom of the group, read as a word, does not stand for any of them:
            # "leave" in the group of `leaf`. Not when every other atom leads back
            # ("increasing" stands for increase too, so `increase` needs no check);
            # that keeps most hits free of checks even when groups merge.
            for a in others:
                if a not in atoms and atoms.isdisjoint(read_as[a]):
                    check = atoms
                    break
        if negated is not None or check is not None or everything:
            special[surface] = TermWord(
                code_list[gid], None if negated is None else code_list[negated], check, w
            )
    return code_of, special
