"""The function words of Chinese and English the aligner treats apart from the dictionary.

Stopwords give no keys at all; function words that translators carry across (so, but, why,
not, she) give one key per class, the same on both sides; and some words of CC-CEDICT's
glosses describe grammar rather than translate, so they are not keys either.
"""

from __future__ import annotations

# Chinese function words: their glosses are grammar, or rare senses of a common character.
# Pronouns and demonstratives are listed too: their glosses are English function words, and a
# word without keys would otherwise fall back to its characters' glosses (它们 -> "marker").
ZH_STOPWORDS = frozenset(
    (  # noqa: SIM905 (a word list reads better as text)
        "的 了 着 过 是 在 有 和 与 及 或 而 也 都 就 又 还 才 把 被 给 让 对 向 从 到 以 为 于 之 其 这 那 这个 那个 这些 那些 此 一个 "
        "个 我 你 他 她 它 我们 你们 他们 她们 它们 咱们 咱 您 自己 吗 呢 吧 啊 呀 嘛 哦 么 很 不 没 没有 会 能 要 上 下 里 中 地 得 所 等 但 但是 "
        "因为 所以 如果 虽然 可是 可以 一 这样 那样 什么 怎么 怎样 怎么样 这么 那么 多么 为什么 这里 那里 哪里 这儿 那儿 哪儿 谁 哪 "
        "已经 只 最 更 便 却 并 则 乃 即 曰 矣 也 焉 乎 者 哉 啦 嗯 呃 "
    ).split()
)

# Words CC-CEDICT uses to describe grammar rather than to translate ("also pr.", "classifier
# for ...", "particle indicating ..."): as keys they would meet English text by accident.
META_KEYS = frozenset(
    (  # noqa: SIM905
        "also pr classifier classifiers particle marker pronoun pronouns noun nouns verb verbs "
        "suffix prefix grammatical modal auxiliary lit fig coll colloquial abbr sb sth esp radical "
        "kangxi interjection onomatopoeia indicating indicate indicates continuation denying humble "
        "honorific emphasis completion aspect variant unofficial"
    ).split()
)

# Function words that translators carry across (connectives, question words, negation,
# pronouns): each class is one key on both sides. They are stopwords as dictionary keys, but
# whether a sentence says "so", "why" or "she" is evidence of where it belongs.
FUNCTION_CLASSES = {
    "so": ("所以 于是 因此 因而", "so therefore thus hence"),
    "but": ("但是 但 可是 不过 然而 却", "but however yet"),
    "because": ("因为 由于", "because"),
    "if": ("如果 假如 要是 若 倘若 假若 万一", "if unless"),
    "though": ("虽然 尽管 虽", "although though despite"),
    "why": ("为什么 为何 干吗 干嘛 何必", "why"),
    "how": ("怎么 怎样 如何 怎么样", "how"),
    "who": ("谁", "who whom whose"),
    "where": ("哪里 哪儿 何处", "where"),
    "what": ("什么", "what"),
    "not": (
        "不 没 没有 别 未 无 不是 不能 不会 不要 没什么",
        "not no never nothing nobody none neither nor",
    ),
    "i": ("我", "i me my mine myself"),
    "you": ("你 您 你们", "you your yours yourself yourselves"),
    "he": ("他", "he him his himself"),
    "she": ("她", "she her hers herself"),
    "we": ("我们 咱们 咱", "we us our ours ourselves"),
    "they": ("他们 她们 它们", "they them their theirs themselves"),
}
ZH_FUNCTION = {
    w: frozenset({"f:" + c}) for c, (zh, _) in FUNCTION_CLASSES.items() for w in zh.split()
}
EN_FUNCTION = {
    w: frozenset({"f:" + c}) for c, (_, en) in FUNCTION_CLASSES.items() for w in en.split()
}
