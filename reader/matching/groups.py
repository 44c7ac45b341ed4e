"""Words that stand for each other: groups of atoms, negated auxiliaries, and the checks a
match needs where one code stands for more than a term word allows."""

from __future__ import annotations

from itertools import product

from reader.matching.codes import MAX_VARIANTS, Check, TermWord


def merge_groups(group: dict[str, int], joined: list[frozenset[str]]) -> list[list[str]]:
    """Put atoms that one word stands for together in `group`, as groups 2, 3, ...

    Returns each group's atoms, in group order.
    """
    members: list[list[str] | None] = []
    get = group.get
    for atoms in joined:
        target = -1
        for atom in atoms:
            g = get(atom)
            if g is None or g == target:
                continue
            if target < 0:
                target = g
                continue
            # Two groups meet: the smaller one moves into the larger.
            small, large = members[g], members[target]
            assert small is not None and large is not None
            if len(small) > len(large):
                g, target, small, large = target, g, large, small
            for b in small:
                group[b] = target
            large += small
            members[g] = None
        if target < 0:
            target = len(members)
            members.append([])
        own = members[target]
        assert own is not None
        for atom in atoms:
            if atom not in group:
                group[atom] = target
                own.append(atom)
    # Number the groups that are left 2, 3, ... (one dict update: a loop per group made
    # eleven thousand small dicts).
    number = [-1] * len(members)
    kept: list[list[str]] = []
    for g, atoms_of in enumerate(members):
        if atoms_of is not None:
            number[g] = len(kept) + 2
            kept.append(atoms_of)
    group.update(dict(zip(group, map(number.__getitem__, group.values()))))
    return kept


def variants(words: list[TermWord], not_code: str, width: int) -> list[tuple[str, list[int]]]:
    """Keys for a term (auxiliaries with and without negation) and, for each, the unit
    offset of every word (-1 for a `not` merged into its auxiliary)."""
    if all(w.negated_code is None for w in words):
        return [("".join(w.code for w in words), list(range(len(words))))]
    options: list[list[tuple[str, list[int]]]] = []
    i = 0
    while i < len(words):
        w = words[i]
        negated = w.negated_code
        if negated is None:
            options.append([(w.code, [i])])
            i += 1
        elif w.word.negated:  # isn't = is not
            options.append([(negated, [i]), (w.code + not_code, [i])])
            i += 1
        elif i + 1 < len(words) and words[i + 1].word.negation:  # is not = isn't
            options.append([(w.code + not_code, [i, i + 1]), (negated, [i, -1])])
            i += 2
        else:  # is = is not = isn't
            options.append([(w.code, [i]), (w.code + not_code, [i]), (negated, [i])])
            i += 1
    combos = 1
    for o in options:
        combos *= len(o)
    if combos > MAX_VARIANTS:
        options = [o[:1] for o in options]
    out = []
    for combo in product(*options):
        positions = [-1] * len(words)
        offset = 0
        for codes, indices in combo:
            for k, word_index in enumerate(indices):
                if word_index >= 0:
                    positions[word_index] = offset + k
            offset += len(codes) // width
        out.append(("".join(c for c, _ in combo), positions))
    return out


def checks(words: list[TermWord], positions: list[int], lang: str) -> tuple[Check, ...] | None:
    """What a hit of one variant must verify in the text, word by word (None: nothing)."""
    found: list[Check] = []
    for i, (w, pos) in enumerate(zip(words, positions)):
        if pos < 0 or w.word.negation:
            continue
        if lang == "ar" and i > 0:
            # Only the first word may carry a prefix.
            found.append((pos, frozenset((w.word.norm,)), True))
        elif w.check is not None:
            # Its group was merged with other terms' words (leaf, leaves, leave): make
            # sure the text word really shares a lemma with this one.
            found.append((pos, w.check, False))
    return tuple(found) or None
