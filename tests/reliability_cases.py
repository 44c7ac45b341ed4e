"""The reliability suite's material: a corpus of bad inputs for the command line, and the
judge of a run.

Every case builds its files in a fresh folder and names the command lines to run on them.
A run passes when it ends (no hang) without a traceback, with exit status 0 or 1, every
line on stderr a one-line message (`reader: FILE: ...`) or a `reader check` finding
(`FILE:LINE:COL: ...`), the exit status the case expects, and the files left as the case
requires (nothing overwritten, nothing written outside the library, no empty copy).

Used by the tests (in-process, `run_cli`) and by `bench/reliability_table.py` (in a
subprocess, against any version of the code, to measure before and after).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPED = ROOT / "seeds" / "originals" / "002_3fb843373e1af618.txt"
SEED_DOC = "002_3fb843373e1af618"

# Payloads a terminal obeys: clipboard (OSC 52), title (OSC 0), a query the terminal answers
# by typing (CSI 6n), the same in C1 form, and a bidi override.
PAYLOADS = (
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]0;owned\x1b\\",
    "\x1b[6n",
    "\x9b6n",
    "\x9d0;t\x9c",
    "\u202eevil\u202c",
)
PAYLOAD = "".join(PAYLOADS)
# What must never reach stdout or stderr.
TERMINAL_CONTROL = re.compile("[\x1b\x80-\x9f\u202a-\u202e\u2066-\u2069]")

_DIAGNOSTIC = re.compile(r"^\S[^\n]*?:(?:\d+:(?:\d+:)?)? \S")


@dataclass
class Case:
    category: str
    name: str
    # Builds the files in a fresh folder; returns the command lines to run (without
    # `reader`), each with the exit status expected (None: 0 or 1).
    make: Callable[[Path], list[tuple[list[str], int | None]]]
    # After the runs: what is wrong with the files left, or None.
    after: Callable[[Path], str | None] | None = None
    # A text every error line must contain (the file's name), when there is one.
    names: str | None = None
    tags: tuple[str, ...] = field(default=())


def judge(
    code: int | None, out: str, err: str, expected: int | None, names: str | None
) -> str | None:
    """What is wrong with one run, or None."""
    if code is None:
        return "did not finish (hang)"
    if "Traceback" in out or "Traceback" in err:
        return "traceback: " + err.strip().splitlines()[-1][:120] if err.strip() else "traceback"
    if code not in (0, 1):
        return f"exit status {code}"
    if expected is not None and code != expected:
        return f"exit status {code}, expected {expected}"
    for line in err.splitlines():
        if not line.startswith("reader: ") and not _DIAGNOSTIC.match(line):
            return f"not a one-line error: {line[:120]!r}"
    if code == 1 and names is not None and names not in err:
        return f"the error does not name {names!r}: {err.strip()[:120]!r}"
    return None


# --- building blocks -------------------------------------------------------------------------


def library(root: Path) -> Path:
    """A library with the op-ed imported (document, original, glossary), made by copying
    the bundled seed files: no import needed."""
    lib = root / "lib"
    for part, name in (
        ("documents", f"{SEED_DOC}.yaml"),
        ("glossaries", f"{SEED_DOC}.yaml"),
        ("originals", f"{SEED_DOC}.txt"),
    ):
        (lib / part).mkdir(parents=True, exist_ok=True)
        (lib / part / name).write_bytes((ROOT / "seeds" / part / name).read_bytes())
    return lib


def _text_file(
    make: Callable[[Path], Path], name: str
) -> Callable[[Path], list[tuple[list[str], int | None]]]:
    def build(root: Path) -> list[tuple[list[str], int | None]]:
        path = make(root)
        good = root / "good.txt"
        good.write_text("One sentence here. Another one there.\n", encoding="utf-8")
        lib = root / "lib"
        return [
            (["import", str(path), "--library", str(lib)], 1),
            (["show", str(path)], 1),
            (["align", str(path), str(good)], 1),
        ]

    return build


def _write(data: bytes | str, name: str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = root / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return make


def _special(kind: str, name: str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = root / name
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "loop":
            os.symlink(root / (name + ".2"), path)
            os.symlink(path, root / (name + ".2"))
        elif kind == "dangling":
            os.symlink(root / "gone.txt", path)
        elif kind in ("zero", "urandom"):
            return Path(f"/dev/{kind}")
        return path

    return make


def _in_library(
    part: str, name: str, content: bytes | str | Callable[[Path], None]
) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        lib = library(root)
        path = lib / part / name
        if callable(content):
            content(path)
        else:
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return lib

    return make


def _glossary_case(name: str, content: bytes | str | Callable[[Path], None]) -> Case:
    make = _in_library("glossaries", "en.yaml", content)

    def build(root: Path) -> list[tuple[list[str], int | None]]:
        lib = make(root)
        return [
            (["check", str(lib)], 1),
            (["show", SEED_DOC, "--library", str(lib)], 1),
            (["export", "--library", str(lib), "--dry-run"], 1),
        ]

    return Case("glossary file", name, build, names="en.yaml")


def _document_case(name: str, content: bytes | str | Callable[[Path], None]) -> Case:
    make = _in_library("documents", "bad.yaml", content)

    def build(root: Path) -> list[tuple[list[str], int | None]]:
        lib = make(root)
        return [
            (["check", str(lib)], 1),
            (["show", "bad", "--library", str(lib)], 1),
            (["show", str(lib / "documents" / "bad.yaml")], 1),
            (["export", "--library", str(lib), "--dry-run"], 1),
        ]

    return Case("document file", name, build, names="bad.yaml")


def _doc(edit: Callable[[str], str]) -> Callable[[Path], None]:
    """The seed document with an edit, as documents/bad.yaml."""

    def write(path: Path) -> None:
        text = (ROOT / "seeds" / "documents" / f"{SEED_DOC}.yaml").read_text(encoding="utf-8")
        path.write_text(edit(text), encoding="utf-8")

    return write


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    os.symlink(path.with_name("other.yaml"), path)
    os.symlink(path, path.with_name("other.yaml"))


DEEP = "x: " + "[" * 5000 + "]" * 5000 + "\n"


def _library_case(name: str, content: bytes | str) -> Case:
    def build(root: Path) -> list[tuple[list[str], int | None]]:
        lib = library(root)
        (lib / "library.yaml").write_bytes(
            content.encode("utf-8") if isinstance(content, str) else content
        )
        return [(["export", "--library", str(lib), "--dry-run"], None), (["check", str(lib)], 1)]

    return Case("library.yaml", name, build, names="library.yaml")


def _recipe_case(
    name: str, content: str | Callable[[Path], None], expected: int | None = 1
) -> Case:
    def build(root: Path) -> list[tuple[list[str], int | None]]:
        lib = library(root)
        recipe = root / "deck.yaml"
        if callable(content):
            content(recipe)
        else:
            recipe.write_text(content.replace("LIB", str(lib)), encoding="utf-8")
        return [(["export", str(recipe), "-o", str(root / "out.apkg")], expected)]

    return Case("recipe", name, build, names="deck.yaml")


def _structure_case(name: str, part: str) -> Case:
    """A library whose `part` folder is a file: importing must say so in one line."""

    def build(root: Path) -> list[tuple[list[str], int | None]]:
        lib = root / "lib"
        lib.mkdir()
        (lib / part).write_text("not a folder\n")
        return [(["import", str(OPED), "--library", str(lib)], 1)]

    def after(root: Path) -> str | None:
        if (root / "lib" / part).read_text() != "not a folder\n":
            return f"{part} was overwritten"
        return None

    return Case("library layout", name, build, after, names=part)


def _docx(root: Path) -> list[tuple[list[str], int | None]]:
    library(root)
    report = root / "report.docx"
    with zipfile.ZipFile(report, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return [(["export", "--library", str(root / "lib"), "-o", str(report)], 1)]


def _docx_kept(root: Path) -> str | None:
    with zipfile.ZipFile(root / "report.docx") as z:
        if "word/document.xml" not in z.namelist():
            return "report.docx was overwritten by the export"
    return None


def _outside_id(root: Path) -> list[tuple[list[str], int | None]]:
    (root / "lib").mkdir()
    lib = str(root / "lib")
    return [
        (["import", str(OPED), "--library", lib, "--id", "../../outside"], 1),
        (["import", str(OPED), "--library", lib, "--id", "../beside"], 1),
    ]


def _nothing_outside(root: Path) -> str | None:
    found = [p.name for p in root.rglob("*") if p.name.startswith(("outside", "beside"))]
    return f"written outside the library's documents: {found}" if found else None


CORPUS: list[Case] = [
    # Files given to import, show and align.
    *(
        Case("text file", name, _text_file(make, name), names=name.split("/")[-1])
        for name, make in (
            ("empty.txt", _write(b"", "empty.txt")),
            ("blank.txt", _write("\n  \n\n", "blank.txt")),
            ("image.png", _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "image.png")),
            ("nul.txt", _write(b"some text\x00with a NUL\n", "nul.txt")),
            (
                "junk-bytes.txt",
                _write(b"Hello there.\nThis line has \xff\xfe junk.\n", "junk-bytes.txt"),
            ),
            (
                "random-bytes.txt",
                _write(
                    bytes((7 * i * i + 131) % 128 + 128 for i in range(3000)), "random-bytes.txt"
                ),
            ),
            (
                "utf16-no-bom.txt",
                _write("No BOM here, just UTF-16.\n".encode("utf-16-le"), "utf16-no-bom.txt"),
            ),
            ("folder.txt", _special("folder", "folder.txt")),
            ("missing.txt", lambda root: root / "missing.txt"),
            ("fifo.txt", _special("fifo", "fifo.txt")),
            ("/dev/zero", _special("zero", "zero")),
            ("/dev/urandom", _special("urandom", "urandom")),
            ("loop.txt", _special("loop", "loop.txt")),
            ("dangling.txt", _special("dangling", "dangling.txt")),
        )
    ),
    # Glossary files of a library (check, show, export).
    _glossary_case("broken YAML", "language: en\nentries: [\n"),
    _glossary_case("duplicate key", "language: en\nentries:\n  a: b\n  a: c\n"),
    _glossary_case("duplicate term", "language: en\nentries:\n  Stark: b\n  stark: c\n"),
    _glossary_case("wrong type", "language: en\nentries:\n  a:\n    level: high\n"),
    _glossary_case(
        "alias bomb",
        "language: en\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nentries:\n  a: b\n",
    ),
    _glossary_case(
        "python tag", "language: en\nentries:\n  a: !!python/object/apply:os.system [echo hi]\n"
    ),
    _glossary_case(
        "nested 5,000 deep", "language: en\nentries:\n  a: " + "[" * 5000 + "]" * 5000 + "\n"
    ),
    _glossary_case("empty", ""),
    _glossary_case("binary", b"\x00\x01\x02language: en\n"),
    _glossary_case("latin-1", "language: en\nentries:\n  café: b\n".encode("latin-1")),
    _glossary_case("flow item starting with >", "language: en\nentries:\n  a: [>x]\n  b: [|y]\n"),
    _glossary_case(
        "lone surrogate", 'language: en\nentries:\n  a: "\\ud800"\n  b: x\n  c: [y, z]\n'
    ),
    _glossary_case("a folder", _folder),
    _glossary_case("a FIFO", _fifo),
    _glossary_case("symlink loop", _loop),
    # Document files of a library (check, show by id and by file, export).
    _document_case(
        "segment lang: 5",
        _doc(lambda t: t.replace("  kind: paragraph\n", "  kind: paragraph\n  lang: 5\n", 1)),
    ),
    _document_case(
        "links: 5", _doc(lambda t: re.sub(r"  links:\n(  - .*\n)+", "  links: 5\n", t, count=1))
    ),
    _document_case(
        "title a list",
        _doc(lambda t: re.sub(r"^title: .*$", "title: [a, b]", t, count=1, flags=re.MULTILINE)),
    ),
    _document_case("segments: 5", _doc(lambda t: t[: t.index("segments:")] + "segments: 5\n")),
    _document_case(
        "link out of range", _doc(lambda t: t.replace("- [[0], [0]", "- [[0], [99]", 1))
    ),
    _document_case("kind: 5", _doc(lambda t: t.replace("kind: paragraph", "kind: 5", 1))),
    _document_case(
        "lone surrogate",
        _doc(
            lambda t: re.sub(
                r"^title: .*$", lambda m: 'title: "x \\udc80 y"', t, count=1, flags=re.MULTILINE
            )
        ),
    ),
    _document_case("broken YAML", "title: [\n"),
    _document_case(
        "nested 5,000 deep",
        "title: x\nsource_lang: en\nsegments: " + "[" * 5000 + "]" * 5000 + "\n",
    ),
    _document_case("empty", ""),
    _document_case("a folder", _folder),
    _document_case("a FIFO", _fifo),
    # library.yaml.
    _library_case("nested 5,000 deep", DEEP.replace("x:", "name:")),
    _library_case("a list", "- a\n- b\n"),
    _library_case("name: [x]", "name: [x]\n"),
    _library_case("binary", b"\x00\x01\x02"),
    # Recipes.
    _recipe_case("overlong deck_id", "library: LIB\ndeck_id: 99999999999999999999999\n"),
    _recipe_case("unknown key", "library: LIB\ncolour: red\n"),
    _recipe_case("a FIFO", _fifo),
    _recipe_case("missing", lambda path: None),
    # The library's folders.
    _structure_case("originals is a file", "originals"),
    _structure_case("documents is a file", "documents"),
    Case(
        "library layout",
        "glossaries is a file",
        lambda root: _glossaries_file(root),
        names="glossaries",
    ),
    # Where output goes.
    Case("output", "export -o over a .docx", _docx, _docx_kept, names="report.docx"),
    Case("output", "import --id ../outside", _outside_id, _nothing_outside),
]


def _glossaries_file(root: Path) -> list[tuple[list[str], int | None]]:
    lib = root / "lib"
    lib.mkdir()
    (lib / "glossaries").write_text("not a folder\n")
    return [(["import", str(OPED), "--library", str(lib)], 1)]


# --- running a command line in this process -------------------------------------------------


def run_cli(argv: list[str], timeout: float = 60) -> tuple[int | None, str, str]:
    """`reader ARGV` in this process: (exit status or None after `timeout`, stdout,
    stderr). An exception escaping `main` is written to stderr as a traceback would be."""
    import contextlib
    import io
    import signal
    import traceback

    from reader.cli import main

    class Hang(BaseException):
        pass

    def alarm(signum: int, frame: object) -> None:
        raise Hang

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: int | None = main(argv)
            except Hang:
                code = None
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # noqa: BLE001 - what a user would see: a traceback
                traceback.print_exc(file=err)
                code = 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue(), err.getvalue()


def payload_library(root: Path) -> Path:
    """A library whose document title, sentences, glossary notes and file names carry the
    terminal payloads, written as YAML escapes (as any editor or program could)."""
    lib = library(root)
    escaped = json.dumps(PAYLOAD)  # a double-quoted YAML scalar that JSON also reads
    doc = lib / "documents" / f"{SEED_DOC}.yaml"
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", lambda m: f"title: {escaped}", text, count=1, flags=re.MULTILINE)
    text = re.sub(
        r"^(  source:\n  - )(.*)$",
        lambda m: m.group(1) + json.dumps(PAYLOAD + m.group(2)),
        text,
        count=1,
        flags=re.MULTILINE,
    )
    doc.write_text(text, encoding="utf-8")
    glossary = lib / "glossaries" / "payload.yaml"
    glossary.write_text(
        f"language: en\nentries:\n  technology:\n    glosses: [{escaped}]\n    note: {escaped}\n    mnemonic: {escaped}\n",
        encoding="utf-8",
    )
    return lib


# --- two writers, kills, full disks: scenarios run in child processes ----------------------


def glossary_of(folder: Path, n: int) -> Path:
    """A glossary of `n` entries `n0`, `n1` ... in `folder/en.yaml`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "en.yaml"
    lines = ["# entries n0, n1 ... in order", "language: en", "entries:"]
    lines += [f"  n{i}: gloss {i}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _child(body: Callable[[], None]) -> int:
    """Fork; the child runs `body` and exits (1 on an exception), never returning."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            body()
        except BaseException:  # noqa: BLE001 - reported by the exit status
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def race(folder: Path, each: int) -> tuple[int, list[str]]:
    """Two processes add `each` entries apiece to one glossary, as two windows of the app
    would: a save refused because the file changed is retried after reloading. Returns
    (adds reported saved, the reported terms missing from the file at the end)."""
    from reader.errors import ReaderError
    from reader.glossary import add_entry, load_glossary
    from reader.model import Entry

    path = glossary_of(folder, 50)
    start_r, start_w = os.pipe()

    def adder(tag: str) -> Callable[[], None]:
        def run() -> None:
            os.close(start_w)
            os.read(start_r, 1)  # both start together
            saved = []
            gf = load_glossary(path)
            for k in range(each):
                term = f"{tag} {k}"
                for _attempt in range(500):
                    try:
                        gf = add_entry(gf, Entry(term, "en", ("x",)))
                    except ReaderError as exc:
                        if "already in" in exc.message:
                            raise
                        gf = load_glossary(path)  # changed on disk: reload, as the app does
                        continue
                    saved.append(term)
                    break
            (folder / f"{tag}.json").write_text(json.dumps(saved))

        return run

    pids = [_child(adder(tag)) for tag in ("left", "right")]
    os.close(start_r)
    os.write(start_w, b"go")
    os.close(start_w)
    for pid in pids:
        os.waitpid(pid, 0)
    reported = []
    for tag in ("left", "right"):
        saved = folder / f"{tag}.json"
        reported += json.loads(saved.read_text()) if saved.exists() else []
    on_disk = {entry.term for entry in load_glossary(path).entries}
    return len(reported), [term for term in reported if term not in on_disk]


def _prefix(path: Path) -> int | str:
    """How many entries `n0 ... nK` a glossary holds, all in order; or what is wrong."""
    from reader.errors import ReaderError
    from reader.glossary import load_glossary

    try:
        terms = [entry.term for entry in load_glossary(path).entries]
    except ReaderError as exc:
        return f"does not load: {exc.message}"
    if terms != [f"n{i}" for i in range(len(terms))]:
        return f"not a state any save made: {terms[-3:]}"
    return len(terms)


def kill_during_saves(folder: Path, seed: int, entries: int = 2000) -> str | None:
    """A process adds entries `nK` one save at a time and is killed (SIGKILL) at a random
    moment. Then the file must be a state a save made (old or new) and load, its backup
    too (the version before, or the same), and the next save must work and leave nothing
    behind but the file and its backup. Returns what is wrong, or None."""
    import random
    import signal
    import time

    from reader.glossary import add_entry, load_glossary
    from reader.model import Entry

    path = glossary_of(folder, entries)
    ready_r, ready_w = os.pipe()

    def saver() -> None:
        os.close(ready_r)
        gf = load_glossary(path)
        os.write(ready_w, b"x")
        k = len(gf.entries)
        while True:
            gf = add_entry(gf, Entry(f"n{k}", "en", ("added",)))
            k += 1

    pid = _child(saver)
    os.close(ready_w)
    os.read(ready_r, 1)
    os.close(ready_r)
    time.sleep(random.Random(seed).uniform(0.005, 0.4))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    state = _prefix(path)
    if isinstance(state, str):
        return f"file: {state}"
    backup = path.with_name("en.yaml~")
    if backup.exists():
        before = _prefix(backup)
        if isinstance(before, str):
            return f"backup: {before}"
        if not state - 1 <= before <= state:
            return f"backup holds {before} entries, the file {state}"
    add_entry(load_glossary(path), Entry(f"n{state}", "en", ("after",)))
    left = sorted(p.name for p in folder.iterdir())
    if left != ["en.yaml", "en.yaml~"]:
        return f"left behind after the next save: {left}"
    return None


def payload_commands(root: Path) -> list[list[str]]:
    """Every display and output path of the command line, on material carrying the
    terminal payloads: documents, glossaries, imported text, file names, error lines."""
    lib = payload_library(root)
    text = root / "payload.txt"
    text.write_text(f"# Title {PAYLOAD}\n\nA first sentence {PAYLOAD}. And a second one.\n")
    good = root / "good.txt"
    good.write_text("One sentence here. Another one there.\n", encoding="utf-8")
    named = root / f"name{PAYLOAD}.txt"
    named.write_text("", encoding="utf-8")  # empty: its error line names it
    doc = lib / "documents" / f"{SEED_DOC}.yaml"
    return [
        ["show", SEED_DOC, "--library", str(lib)],
        ["show", SEED_DOC, "--library", str(lib), "--json"],
        ["show", str(doc)],
        ["show", str(text)],
        ["check", str(lib)],
        ["export", "--library", str(lib), "--dry-run"],
        ["align", str(text), str(good)],
        ["import", str(text), "--library", str(root / "other")],
        ["show", str(named)],
        ["import", str(named), "--library", str(root / "other")],
        ["check", str(root / f"missing{PAYLOAD}.yaml")],
        ["show", f"no-such-document{PAYLOAD}", "--library", str(lib)],
    ]


# --- single findings of the issue, each a scenario that says what went wrong --------------


def same_size_edit_with_mtime_put_back(folder: Path) -> str | None:
    """An outside edit of the same size whose mtime is put back must still be seen, and
    saves must go on (not be refused until a restart)."""
    from reader.model import Entry
    from reader.vocabulary import Vocabulary

    path = glossary_of(folder / "glossaries", 20)
    vocab = Vocabulary(folder)
    st = path.stat()
    path.write_text(path.read_text().replace("gloss 5", "GLOSS 5"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    if path not in vocab.reload_changed():
        return "the edit was not seen"
    try:
        vocab.add(Entry("new", "en", ("x",)))
    except Exception as exc:  # noqa: BLE001 - any refusal is the finding
        return f"the next save was refused: {exc}"
    return None


def hand_edited_document(folder: Path) -> str | None:
    """A document edited by hand after the app read it must not be overwritten by the app's
    next save."""
    from dataclasses import replace

    from reader.library import Library

    lib = Library(library(folder))
    doc = lib.load_document(SEED_DOC)
    path = lib.documents_dir / f"{SEED_DOC}.yaml"
    path.write_text(path.read_text("utf-8").replace(doc.title, "Edited by hand"), "utf-8")
    with contextlib.suppress(Exception):  # refused: the edit is kept
        lib.save_document(replace(doc, title="Saved by the app"))
    if "Edited by hand" not in path.read_text("utf-8"):
        return "the hand edit was overwritten"
    return None


def reimport_keeps_the_learners_work(folder: Path) -> list[str]:
    """Repaired links and an own translation survive a re-import of the same original."""
    from dataclasses import replace

    from reader.importers.store import import_into
    from reader.library import Library
    from reader.model import Link, Text

    lib = Library(library(folder))
    doc = lib.load_document(SEED_DOC)
    at = next(i for i, s in enumerate(doc.segments) if s.bilingual and len(s.links) > 1)
    seg = doc.segments[at]
    whole = Link(
        tuple(range(len(seg.source.sentences))), tuple(range(len(seg.target.sentences))), None, True
    )  # type: ignore[union-attr]
    byline = next(i for i, s in enumerate(doc.segments) if not s.bilingual)
    own = Text.of(["我自己的翻译。"], "zh")
    segments = list(doc.segments)
    segments[at] = replace(seg, links=(whole,))
    segments[byline] = replace(segments[byline], target=own)
    lib.save_document(replace(doc, segments=tuple(segments)))
    import_into(Library(lib.root), lib.root / "originals" / f"{SEED_DOC}.txt")
    again = Library(lib.root).load_document(SEED_DOC)
    problems = []
    if again.segments[at].links != (whole,):
        problems.append("repaired links lost")
    if again.segments[byline].target != own:
        problems.append("own translation lost")
    return problems


def saved_through_symlinks(folder: Path) -> list[str]:
    """A glossary and a document that are symbolic links keep being links, and their
    targets get the edit."""
    from dataclasses import replace

    from reader.glossary import add_entry, load_glossary
    from reader.library import Library
    from reader.model import Entry

    problems = []
    real = glossary_of(folder / "elsewhere", 5)
    lib = library(folder)
    link = lib / "glossaries" / "en.yaml"
    os.symlink(real, link)
    add_entry(load_glossary(link), Entry("via link", "en", ("x",)))
    if not link.is_symlink() or "via link" not in real.read_text():
        problems.append("glossary link replaced by a plain file")
    doc_real = folder / "elsewhere" / "doc.yaml"
    doc_path = lib / "documents" / f"{SEED_DOC}.yaml"
    doc_real.write_bytes(doc_path.read_bytes())
    doc_path.unlink()
    os.symlink(doc_real, doc_path)
    library_ = Library(lib)
    doc = library_.load_document(SEED_DOC)
    library_.save_document(replace(doc, title="Via the link"))
    if not doc_path.is_symlink() or "Via the link" not in doc_real.read_text("utf-8"):
        problems.append("document link replaced by a plain file")
    return problems


def random_glossary_text(rng: object) -> str:
    """A glossary text made of YAML's special characters (as the property test's)."""
    import random

    assert isinstance(rng, random.Random)
    pieces = [
        "a", "word", " ", ",", ":", ": ", "-", "?", ">", "|", "!", "&", "*", "%", "@", "`",
        "#", "[", "]", "{", "}", "'", '"', "yes", "on", "null", "~", "010", "1.5",
        "2024-01-01", "1:30", "开源", "é", "；",
    ]  # fmt: skip

    def scalar() -> str:
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        style = rng.choice(["", "", "'", '"'])
        if style == "'":
            return "'" + text.replace("'", "''") + "'"
        if style == '"':
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return text

    lines = ["language: en", "entries:"]
    for _ in range(rng.randint(1, 5)):
        value = rng.choice(
            [scalar(), "[" + ", ".join(scalar() for _ in range(rng.randint(0, 3))) + "]"]
        )
        lines.append(f"  {scalar()}: {value}")
    return "\n".join(lines) + "\n"


def fast_reader_disagrees(body: str) -> str | None:
    """What the fast reader read differently from the strict one (None: it agreed or
    declined)."""
    from reader.errors import ReaderError
    from reader.glossary import quick
    from reader.glossary.fields import Findings
    from reader.glossary.parse import entries_of

    path = Path("en.yaml")
    fast = quick.entries_of(body, path)
    if fast is None:
        return None
    findings = Findings(path, strict=True)
    try:
        strict = entries_of(body, path, findings)
    except ReaderError as exc:
        return f"accepted what the strict reader refuses: {exc.message}"
    if findings.warnings or fast != strict:
        return "read differently"
    return None
