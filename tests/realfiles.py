"""The real annotated study notes in tests/data/real/ and what a right import of each is.

`GOLD` is written by hand from reading each page: the languages, every pair of original and
translation (a phrase of each, in order), the vocabulary notes a learner would expect as
glossary entries, and page chrome that must never be paired with the study text. The tests
(tests/test_import_real.py) and the report (bench/real_files.py) both judge against it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reader.importers import ImportResult, import_file
from reader.importers.labels import label_of

REAL = Path(__file__).resolve().parent / "data" / "real"


@dataclass(frozen=True)
class Gold:
    source: str
    target: str | None
    pairs: tuple[tuple[str, str], ...] = ()  # (phrase of the original, of its translation)
    entries: tuple[str, ...] = ()  # terms that must be glossary entries
    chrome: tuple[str, ...] = ()  # text that must never be part of a paired segment
    glosses: dict[str, str] = field(default_factory=dict)  # term -> one expected gloss


GOLD: dict[str, Gold] = {
    "01_kao110_daily_sentence.txt": Gold(
        "en", "zh",
        pairs=(("At dawn breaks, a long-haul trucker", "黎明时分,一名长途货运司机"),),
        entries=("at dawn breaks", "long-haul", "munch sunflower seeds"),
        glosses={"at dawn breaks": "破晓时分", "munch sunflower seeds": "嗑瓜子"},
        chrome=("12.21外刊精读每日一句", "今日话题", "long-haul表示"),
    ),
    "02_360docs_economist_obituary.txt": Gold(
        "en", "zh",
        pairs=(
            ("Obituary: Helmut Schmidt Smoke and fire", "赫尔穆特·施密特烟与火"),
            ("Social Democrat chancellor of West Germany", "西德的社会民主党总理"),
            ("HE WAS so clever", "他的聪明和粗暴"),
            ("He was impatient, too", "他还对没能意识到权力的约束"),
        ),
    ),
    "03_racktom_economist_cuny.txt": Gold(
        "en", "zh",
        pairs=(
            ("Rebuilding the American dream machine", "重建美国梦机器"),
            ("FOR America's colleges, January is a month of reckoning", "对美国的大学而言"),
            ("A primary draw at CUNY", "城市大学主要吸引人的地方"),
        ),
        chrome=("当前位置", "Translated & Edited by Chen Jilong"),
    ),
    "04_360docs_economist_stars.txt": Gold(
        "en", "zh",
        pairs=(
            ("Travelling with baggage", "背着行囊去旅行"),
            ("FEW modern travel writers", "现代游记作家鲜有人"),
        ),
        entries=("intrusive", "masochistic", "terse", "cusp", "oblivion"),
        chrome=("弃我去者",),
    ),
    "05_readit_immersive_snapshot.txt": Gold(
        "en", "zh",
        pairs=(
            ("Do you think it’s possible to make a robot", "你認為有可能製造出"),
            ("It may be surprising to hear", "聽到這個消息可能會令人驚訝"),
            ("Jack works at one of these factories", "傑克在其中一家工廠擔任工程師"),
        ),
        entries=("possible", "child", "machine", "village", "factory", "project", "brain"),
        glosses={"possible": "可能", "project": "專案"},
        chrome=("沉浸式翻譯",),
    ),
    "06_freewechat_passage_notes.txt": Gold(
        "en", None,
        entries=("swift", "stand for", "hasty", "rapid"),
        glosses={"swift": "迅速的", "stand for": "代表"},
    ),
    "07_chinansn_poem.txt": Gold(
        "zh", "en",
        pairs=(
            ("落花", "Falling Flowers"),
            ("李商隐", "Li Shangyin"),
            ("高阁客竟去", "The guest has left my tower high"),
            ("小园花乱飞", "my garden flowers pell-mell fly"),
            ("参差连曲陌", "Here and there over the winding way"),
            ("迢递送斜晖", "they say goodbye to parting day"),
            ("肠断未忍扫", "I won't sweep them with broken heart"),
            ("眼穿仍欲稀", "but wish they would not fall apart"),
            ("芳心向春尽", "Their love with spring won't disappear"),
            ("所得是沾衣", "each dewdrop turns into a tear"),
        ),
        entries=("guest", "tower", "pell-mell", "winding", "parting", "sweep", "dewdrop"),
        glosses={"guest": "宾客", "dewdrop": "露珠"},
        chrome=("双语古诗欣赏",),
    ),
    "08_juntutu_poem.txt": Gold(
        "zh", "en",
        pairs=(
            ("问刘十九", "Requesting Mr. Liu, the Nineteenth"),
            ("白居易", "Tang Bai Juyi"),
            ("绿蚁新醅酒", "My new brewgives green glow"),
            ("红泥小火炉", "My red claystoveflames up"),
            ("晚来天欲雪", "At duskit threatens snow"),
            ("能饮一杯无", "you come for a cup"),
        ),
        entries=("brew", "clay", "glow", "stove", "flame", "dusk", "threaten"),
        chrome=("双语古诗欣赏", "淡绿的米酒刚刚酿好"),
    ),
    "09_yd166_sentence_by_sentence.txt": Gold(
        "en", "zh",
        pairs=(
            ("Jumping Over Fireworks", "跳过烟火"),
            ("Nancy Young had always loved", "南希·杨一直喜欢"),
            ("She loved the meaning of the day", "她喜欢这一天的意义"),
            ("She also loved lighting fireworks", "她也喜欢燃放烟花"),
            ("She loved all types of fireworks", "她喜欢各种烟火"),
            ("Nancy had three brothers", "南希有三个兄弟"),
        ),
        entries=("jump", "fireworks", "celebrate", "holiday", "independence", "brother"),
        glosses={"holiday": "假日", "celebrate": "庆祝"},
        chrome=("用英语自身来理解", "本篇文章难度系数", "7月4日是美国独立日"),
    ),
    "10_fastlearning_must_recite.txt": Gold(
        "en", "zh",
        pairs=(
            ("My First Day at Senior High", "我的高中第一天"),
            ("This morning,Ifelt anxious", "今早时,我觉得焦虑害怕"),
            ("At 10 a.m. , I found the registration office", "探索了新建的"),
        ),
        chrome=("田华是一名来自中国湖畔初中的交换生",),
    ),
    "11_kaosee_china_daily.txt": Gold(
        "en", "zh",
        pairs=(
            ("Filial duties take care", "五成人不知父母吃啥药"),
            ("How to care for the elderly", "今天是重阳节"),
            ("CPC to amend Constitution", "党的十八大将修改党章"),
        ),
        chrome=("当前位置", "CATTI", "508次", "China Daily的语言简短"),
    ),
    "12_renrendoc_chinese_first.txt": Gold(
        "zh", "en",
        pairs=(("中国的贸易顺差(surplus)为 178.18 亿美元", "China recorded a trade surplus"),),
    ),
    "13_scribd_translation_numbered.txt": Gold(
        "zh", "en",
        pairs=(("在漫长的发展过程中", "During its long evolution process"),),
        chrome=("06",),
    ),
    "14_ppfocus_news_vocabulary.txt": Gold(
        "en", "zh",
        pairs=(
            ("Border Clash with Indian Troops", "四名解放軍官兵在去年中印邊境衝突犧牲"),
            ("Four of China’s soldiers were killed", "有四名解放軍官兵"),
            ("Baidu Hops Aboard the Electric-Vehicle Express", "百度搭上電動汽車的順風車"),
            ("Baidu reported better-than-expected results", "百度周三收盤後公布"),
        ),
        entries=("Casualty", "Ratchet up", "better-than-expected"),
        glosses={"Casualty": "傷亡人員"},
        chrome=("新的一周又開始了", "圖片來自微博"),
    ),
    "15_feisuxs_interpreting.txt": Gold(
        "en", "zh",
        pairs=(("It is always a pleasure to be among the best", "在学术气氛中置身于"),),
        chrome=("首页 > 文库大全",),
    ),
    "16_xiaotue_translation_practice.txt": Gold(
        "zh", "en",
        pairs=(("人类社会正处在一个大发展大变革大调整时代", "Humankind has reached an age"),),
        chrome=("拆分汉语的主干和修饰成分", "最后,把主干和修饰再组合成句子"),
    ),
    "17_lasazixun_spaceless.txt": Gold(
        "en", "zh",
        pairs=(
            ("ZelenskaaddresstoUSCongress", "乌克兰领袖:泽连斯卡在美国国会的演讲"),
            ("ItwasthefirsttimeinhistorythattheFirstLady", "泽连斯基在向乌克兰人发布的夜晚语言中说"),
        ),
        entries=("address", "congress"),
        chrome=("每篇讯息都是选于",),
    ),
    "18_github_clip_immersive.md": Gold(
        "en", "zh",
        pairs=(
            ("If you are one of the 51.8 million people", "如果您是美国使用跑步机锻炼的"),
            ("Two hundred years ago, the treadmill", "200年前，跑步机作为一种监狱改造设备"),
            ("Newsletter Signup", "通讯注册"),
            ("This treadmill could busy as many as 24 prisoners", "这台跑步机最多可容纳"),
            ("Recruitment of the next generation", "招募下一代顽固的罪犯"),
            ("The partitioned treadmill delivered", "分区跑步机在两个方面都交付"),
            ("Since the treadmill ticked all the boxes", "由于跑步机符合所有条件"),
        ),
        chrome=("original_title: Treadmills",),
    ),
    "19_wuyicheng_poem_notes.txt": Gold(
        "zh", "zh",
        pairs=(
            ("荷尽已无擎雨盖", "荷花凋谢连那擎雨的荷叶也枯萎了"),
            ("一年好景君须记", "一年中最好的光景你一定要记住"),
        ),
        entries=("spade", "bucket", "chest", "荷尽", "傲霜", "橙黄橘绿时"),
        glosses={"spade": "锹", "荷尽": "荷花枯萎"},
        chrome=("2022年11月", "赠刘景文", "He dug the ground with a spade"),
    ),
    "20_github_ydkjs_vocabulary_table.md": Gold(
        "en", "zh",
        pairs=(
            ("For JavaScript, the compilation that occurs", "对于JavaScript，执行前的bianyi编译"),
            ("Let's just say, for simplicity's sake", "简单来说，任何JavaScript代码片段"),
            ("The way we will approach learning about scope", "我们学习范围的方法"),
        ),
        entries=("concept", "academic", "tokenizer", "invoke", "occurs"),
        glosses={"concept": "观念", "invoke": "调用"},
        chrome=("| 单词 | 音标 | 释义 |",),
    ),
    "21_wddqw_nce_lesson.txt": Gold(
        "en", "zh",
        pairs=(
            ("Lesson 49 The end of a dream", "美梦告终"),
            ("First listen and then answer the question.", "听录音,然后回答以下问题。"),
            ("Tired of sleeping on the floor", "德黑兰的一个人年轻人"),
        ),
        entries=("tired", "mattress", "gust", "courtyard", "miraculously", "promptly"),
        glosses={"mattress": "床垫", "sweep": "扫"},
        chrome=("为了方便同学们的学习", "How did the dream end?"),
    ),
    "22_freewechat_analects_legge.txt": Gold(
        "zh", "en",
        pairs=(
            ("学而时习之", "Is it not pleasant to learn"),
            ("吾日三省吾身", "I daily examine myself on three points"),
            ("弟子入则孝", "A youth, when at home, should be filial"),
            ("不患人之不己知", "I will not be afflicted at men's not knowing me"),
            ("温故而知新", "If a man keeps cherishing his old knowledge"),
            ("学而不思则罔", "Learning without thought is labor lost"),
        ),
        chrome=("理雅各",),
    ),
    "23_cpchang31_lyrics_same_line.txt": Gold(
        "en", "zh",
        pairs=(
            ("She was more like a beauty queen", "她猶如是電影中的選美皇后"),
            ("I said don't mind", "我說別在意"),
            ("Who will dance on the floor in the round", "我會是展現舞技的人"),
            ("She said I am the one who will dance", "她說我會展現舞技的人"),
            ("She told me her name was Billie Jean", "她告訴我,她名叫比利‧珍"),
            ("Then every head turned", "當時每個人都注視著"),
            ("Who will dance on the floor in the round", "展現舞技的人"),
            ("People always told me", "人們總是叫我要留意自己做的事"),
            ("And don't go around breaking young girls hearts", "而且不要到處傷透少女的心"),
            ("And mother always told me", "連母親也總是叫我要留意愛上的人"),
            ("cause the lie becomes the truth", "因為謊言會變真理"),
            ("Billie Jean is not my lover", "比利‧珍不是我的愛人"),
            ("She's just a girl who claims", "她只是個女孩"),
            ("But the kid is not my son", "但那個小孩真的不是我的兒子"),
            ("She says I am the one, but the kid", "她說我就是"),
        ),
        chrome=("2009年6月27日", "Song 38"),
    ),
    "24_zuowendang_ted_talk.txt": Gold(
        "en", "zh",
        pairs=(
            ("What fear can teach us", "恐惧可以教会我们什么"),
            ("One day in 1819", "1820xx年的某一天"),
            ("They'd been struck by a sperm whale", "他们和一头抹香鲸相撞"),
            ("These men were 10,000 miles from home", "这些人在离家10000万英里的地方"),
            ("These were the men of the whaleship Essex", "他们就是捕鲸船ESSEX上的人们"),
            ("Even in today's world", "即使在当今的世界"),
        ),
        chrome=("作文档>范文大全", "更新时间", "精选3篇"),
    ),
    "25_cusdn_lyrics_table.txt": Gold(
        "en", "zh",
        pairs=(
            ("Smile, and the world smiles with you", "微笑吧,世界也会对你微笑"),
            ("Weep, and you weep alone", "哭泣吧,你将独自哭泣"),
            ("The sorrow you hold inside", "你内心的悲伤"),
            ("Is a burden you can't undo", "是一个无法挽回的负担"),
            ("So let your heart be light", "所以让心灵轻松一点"),
            ("And smile, oh smile again", "微笑吧,再次微笑"),
            ("For the sun will come out again", "因为阳光终会再次出现"),
            ("When you're feeling blue", "当你感到忧郁时"),
            ("Don't you know that you're not alone?", "你知道你并不孤单吗?"),
            ("Let your heart be light", "让你的心灵轻盈"),
            ("And smile, oh smile again", "微笑吧,再次微笑"),
        ),
        chrome=("英文歌词 | 中文翻译", "一、歌词总结", "积极向上的生活态度", "三、总结",
                "不仅是一首动听的歌曲", "|"),
    ),
    "26_kanyiyi_nce_dialogue.txt": Gold(
        "en", "zh",
        pairs=(
            ("Lesson 1 Excuse me!", "对不起!"),
            ("Whose handbag is it?", "这是谁的手袋?"),
            ("Excuse me!", "对不起"),
            ("Yes?", "什么事?"),
            ("Is this your handbag?", "这是您的手提包吗?"),
            ("Pardon?", "对不起,请再说一遍。"),
            ("Is this your handbag?", "这是您的手提包吗?"),
            ("Yes, it is.", "是的,是我的。"),
            ("Thank you very much.", "非常感谢!"),
        ),
        entries=("excuse", "handbag", "pardon", "thank you", "skirt"),
        glosses={"excuse": "原谅", "handbag": "手提包", "skirt": "裙子"},
        chrome=("--- 第1课 ---",),
    ),
}  # fmt: skip


def import_real(name: str) -> ImportResult:
    return import_file(REAL / name, today="2025-01-01")


def fold(text: str) -> str:
    """Text compared as the importer's repairs leave it: look-alikes folded, spaces squeezed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


# Words of one script: "fire赫尔穆特" is the English word `fire` and the Chinese `赫尔穆特`.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]+|[^\W\d_{_HAN}]+")


def words_of(text: str) -> list[str]:
    """The words of a text, as they must survive an import: everything but the labels
    that say what a block is (`原文：`, `【译】`, `Vocabulary:`), which are structure as a
    Markdown `#` is, and their words are not study text."""
    words: list[str] = []
    for raw in text.splitlines():
        line = fold(raw)
        label = label_of(line)
        if label is not None:
            line = label[1]
        words += _WORD.findall(line)
    return words


def is_kept(word: str, kept: str, kept_words: set[str]) -> bool:
    return word in kept if "\u3400" <= word[0] <= "\ufaff" else word in kept_words


def output_text(result: ImportResult) -> str:
    """Everything an import kept: every segment's text on both sides, every entry."""
    parts: list[str] = []
    for seg in result.document.segments:
        parts.append(seg.source.text)
        if seg.target is not None:
            parts.append(seg.target.text)
    for entry in result.entries:
        parts += [entry.term, *entry.glosses, entry.reading, entry.pos, entry.note, *entry.forms]
    return fold(" ".join(parts))


@dataclass(frozen=True)
class Verdict:
    """How one real file imported, judged against its gold."""

    languages: bool
    pairs_found: int
    pairs_expected: int
    paired_segments: int
    entries_missing: tuple[str, ...]
    chrome_paired: tuple[str, ...]
    glosses_wrong: tuple[str, ...]

    @property
    def pairs_right(self) -> bool:
        """Every paragraph pairs correctly: each gold pair is one segment, no other pairs."""
        return (
            self.pairs_found == self.pairs_expected
            and self.paired_segments == self.pairs_expected
            and not self.chrome_paired
        )

    @property
    def fully_right(self) -> bool:
        return (
            self.languages
            and self.pairs_right
            and not self.entries_missing
            and not self.glosses_wrong
        )


def judge(name: str, result: ImportResult) -> Verdict:
    gold = GOLD[name]
    doc = result.document
    paired = [s for s in doc.segments if s.target is not None and s.kind != "note"]
    found = 0
    for src, tgt in gold.pairs:
        if any(
            fold(src) in fold(s.source.text) and s.target and fold(tgt) in fold(s.target.text)
            for s in paired
        ):
            found += 1
    glosses: dict[str, list[str]] = {}
    for entry in result.entries:
        glosses.setdefault(entry.term.casefold(), []).extend(entry.glosses)
    missing = tuple(t for t in gold.entries if t.casefold() not in glosses)
    wrong = tuple(
        t
        for t, gloss in gold.glosses.items()
        if not any(gloss in g for g in glosses.get(t.casefold(), []))
    )
    chrome = tuple(
        c
        for c in gold.chrome
        if any(
            fold(c) in fold(s.source.text) or (s.target and fold(c) in fold(s.target.text))
            for s in paired
        )
    )
    languages = (doc.source_lang, doc.target_lang) == (gold.source, gold.target)
    return Verdict(languages, found, len(gold.pairs), len(paired), missing, chrome, wrong)
