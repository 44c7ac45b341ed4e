"""reader beside Lute (lute3, the best open peer), the same jobs on both, interleaved.

    python bench/compare_lute.py [--runs 3] [--words 200000] [--terms 1000 10000]

Lute is installed (pinned, `lutekit.LUTE_VERSION`) into a throwaway virtual environment
outside the repository, and started on 127.0.0.1 with a scratch data folder for every run,
so each run begins from an empty Lute as it begins from an empty reader library. Lute is
driven over HTTP with the requests its own pages make (lutekit.py); reader through its
library API and, for pages, through the Textual app under Pilot, in a fresh process per job,
timed from inside that process (so Python's start-up is not counted for reader, as Lute's
server start is not counted for Lute).

The jobs, in order, each once per run for each program, Lute first then reader:

- create:  a 200,000-word English text becomes a book (Lute: the new-book form with the text
           as a file, which also splits it into pages; reader: `import_into`, the text to a
           document in the library, as `reader import` does).
- open:    its first page (Lute: the read page and the render request its script makes;
           reader: document and vocabulary loaded, app started, to the first painted frame).
- terms N: N glossary terms of the text added, words and phrases (Lute: its bulk term CSV
           import; reader: the glossary of N entries loaded and matched against the whole
           book, as the issue asks). The same CSV through `reader glossary import` (a careful
           save of N new entries) is printed below the table, as the like-for-like import.
- render:  the first page again, with the terms present (Lute: the page's render request;
           reader: to the first frame painted with the terms marked).
- peak RSS: Lute's server process (VmHWM) after the run; reader's largest job process.

The terms of each size are new ones (the 10,000 after the 1,000), so the page is rendered
with 11,000 terms present. Printed: the median of the runs per job, the ratio Lute/reader,
and the load average beside every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def _in_project_venv() -> None:
    """`python bench/compare_lute.py` from a fresh clone: re-run under the project's .venv
    (made by `make test`) when this Python cannot import reader."""
    try:
        import reader  # noqa: F401
    except ImportError:
        venv = ROOT / ".venv" / "bin" / "python"
        if venv.exists() and Path(sys.executable).resolve() != venv.resolve():
            os.execv(str(venv), [str(venv), *sys.argv])
        raise SystemExit("reader is not installed: run `make test` first (it makes .venv)")


_in_project_venv()

from benchkit import english_text, frame_and_repaints, load_average, text_terms
from lutekit import LUTE_VERSION, running_lute
from peakrss import measure

GLOSSES = ["赤裸的", "光秃的", "明显的", "新生的", "初生的", "扼杀", "公平的条件", "最佳机会"]


# --- the material ---------------------------------------------------------------------------


def term_sets(text: str, sizes: list[int]) -> list[list[str]]:
    """Disjoint sets of distinct words and two-word phrases of the text."""
    pool = text_terms(text, sum(sizes))
    out, at = [], 0
    for size in sizes:
        out.append(pool[at : at + size])
        at += size
    return out


def lute_csv(terms: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["language", "term", "translation"])
    for i, term in enumerate(terms):
        writer.writerow(["English", term, GLOSSES[i % len(GLOSSES)]])
    return buffer.getvalue()


# --- reader's side: each job in a fresh process ---------------------------------------------


def reader_job(job: str, library: Path, arg: str) -> dict[str, float]:
    """Run one job in a child process; its seconds (timed inside) and peak RSS (MB), the
    latter measured by `tests/peakrss.py`'s launcher: a job forked straight from this script
    (grown with the texts and Lute's answers) would count this script's size in its peak."""
    usage = measure(
        [sys.executable, __file__, "--reader-job", job, str(library), arg],
        dict(os.environ),
        output=True,
    )
    if usage.exit_code:
        raise SystemExit(f"reader job {job} failed: {usage.stderr}")
    figures: dict[str, float] = json.loads(usage.stdout.strip().splitlines()[-1])
    return {"seconds": figures["seconds"], "rss_mb": usage.peak_mb}


def _job_create(library: Path, text_file: str) -> object:
    from reader.importers.store import import_into
    from reader.library import Library

    return import_into(Library(library), Path(text_file), lang="en", doc_id="book")


def _job_terms(library: Path, csv_file: str) -> object:
    """The issue's reader side of a term import: the glossary loaded and matched over the
    whole book (the CSV's terms are put into the glossary, untimed, before)."""
    from reader.library import Library
    from reader.matching import Matcher
    from reader.vocabulary import Vocabulary

    doc = Library(library).load_document("book")
    start = time.perf_counter()
    entries = Vocabulary(library).entries("en")
    matcher = Matcher(entries, "en")
    found = sum(len(matcher.find(seg.source.text)) for seg in doc.segments)
    return time.perf_counter() - start, found


def _job_import_csv(library: Path, csv_file: str) -> object:
    from reader.glossary_import import import_list
    from reader.vocabulary import Vocabulary

    return import_list(Vocabulary(library), Path(csv_file))


def _open_app(library_root: Path):  # type: ignore[no-untyped-def]
    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.vocabulary import Vocabulary

    library = Library(library_root)
    document = library.load_document("book")
    return make_app(library, Vocabulary(library_root), Settings(), document=document)


def _frames(library_root: Path, with_terms: bool) -> tuple[float, float]:
    """To the first frame (from loading the document), and the median repaint of the page
    in the running app with its terms found again."""
    first, again = asyncio.run(
        frame_and_repaints(
            lambda: _open_app(library_root),
            with_terms="en" if with_terms else None,
            repaints=5 if with_terms else 0,
        )
    )
    return first, (statistics.median(again) if again else float("nan"))


def run_reader_job(job: str, library: Path, arg: str) -> None:
    state = tempfile.mkdtemp(prefix="reader-state-")
    os.environ["READER_STATE_DIR"] = state
    os.environ["READER_CONFIG"] = f"{state}/config.yaml"
    # The modules a job uses are imported before its clock starts, as Lute's server has
    # imported its own before it answers; what they load on first use (dictionaries, lemma
    # tables, caches) is timed.
    import reader.glossary_import
    import reader.importers.store
    import reader.library
    import reader.matching
    import reader.ui.app
    import reader.vocabulary  # noqa: F401

    start = time.perf_counter()
    seconds: float
    if job == "create":
        _job_create(library, arg)
        seconds = time.perf_counter() - start
    elif job == "terms":
        seconds, _found = _job_terms(library, arg)  # type: ignore[misc]
    elif job == "import-csv":
        _job_import_csv(library, arg)
        seconds = time.perf_counter() - start
    elif job == "open":
        seconds = _frames(library, with_terms=False)[0]
    elif job == "render":
        seconds = _frames(library, with_terms=True)[1]
    elif job == "render-cold":
        seconds = _frames(library, with_terms=True)[0]
    else:
        raise SystemExit(f"unknown job {job}")
    print(json.dumps({"seconds": seconds}))  # its memory is measured from outside


# --- Lute's side ----------------------------------------------------------------------------


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def one_run(text: str, sets: list[list[str]], work: Path) -> dict[str, tuple[float, float]]:
    """Every job once on each program: {job: (lute seconds, reader seconds)}."""
    out: dict[str, tuple[float, float]] = {}
    extra: dict[str, float] = {}
    library = work / "library"
    text_file = work / "book.txt"
    text_file.write_text(text, encoding="utf-8")
    reader_rss = 0.0

    def reader(job: str, arg: str = "") -> float:
        nonlocal reader_rss
        figures = reader_job(job, library, arg)
        reader_rss = max(reader_rss, figures["rss_mb"])
        return figures["seconds"]

    with running_lute() as lute:
        english = lute.language_id("English")
        lute_s, book = timed(lambda: lute.create_book(english, "Book", text))
        out[f"create {len(text.split()) // 1000}k-word text"] = (
            lute_s,
            reader("create", str(text_file)),
        )
        lute_s, _ = timed(lambda: lute.open_first_page(book))
        out["open first page"] = (lute_s, reader("open"))
        for terms in sets:
            name = f"{len(terms):,}"
            csv_file = work / f"terms-{len(terms)}.csv"
            csv_file.write_text(lute_csv(terms), encoding="utf-8")
            lute_s, message = timed(lambda f=csv_file: lute.import_terms(f.read_text()))
            if not message.startswith("Imported"):
                raise SystemExit(f"Lute's term import: {message}")
            reader_csv = reader("import-csv", str(csv_file))
            extra[f"careful import of {name} terms (reader glossary import)"] = reader_csv
            out[f"terms {name}: import / load+match"] = (lute_s, reader("terms"))
        lute_s, _ = timed(lambda: lute.render_page(book))
        present = f"{sum(map(len, sets)):,} terms present"
        out[f"render page, {present}"] = (lute_s, reader("render"))
        extra[f"open first page afresh, {present} (reader, from loading to the frame)"] = reader(
            "render-cold"
        )
        out["peak RSS (MB)"] = (lute.peak_rss_mb(), reader_rss)
    for label, seconds in extra.items():
        out[label] = (float("nan"), seconds)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--reader-job"]:
        run_reader_job(argv[1], Path(argv[2]), argv[3] if len(argv) > 3 else "")
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    # One cache folder for every reader job of this benchmark (never the user's own): the
    # first run builds what reader keeps between runs (lemma index, parsed documents and
    # glossaries, matchers), later runs use it, as a learner's second session does.
    cache = tempfile.TemporaryDirectory(prefix="compare-lute-cache-")
    os.environ["READER_CACHE_DIR"] = cache.name
    text = english_text(args.words)
    sets = term_sets(text, args.terms)
    print(
        f"lute3 {LUTE_VERSION} vs reader; {len(text.split()):,}-word text, "
        f"terms {' + '.join(f'{n:,}' for n in args.terms)}; {args.runs} runs; {load_average()}"
    )
    runs: list[dict[str, tuple[float, float]]] = []
    loads: list[str] = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="compare-lute-") as tmp:
            runs.append(one_run(text, sets, Path(tmp)))
        loads.append(load_average())
        print(f"run {i + 1}/{args.runs} done ({loads[-1]})", flush=True)
    print()
    print(f"| job | Lute {LUTE_VERSION} | reader | Lute / reader |")
    print("|---|---|---|---|")
    for job in runs[0]:
        lute_s = statistics.median(r[job][0] for r in runs)
        reader_s = statistics.median(r[job][1] for r in runs)
        unit = " MB" if "RSS" in job else " s"
        fmt = "{:.0f}" if "RSS" in job else "{:.3f}"
        lute_txt = "—" if math.isnan(lute_s) else fmt.format(lute_s) + unit
        ratio = "—" if math.isnan(lute_s) else f"{lute_s / reader_s:.1f}×"
        print(f"| {job} | {lute_txt} | {fmt.format(reader_s)}{unit} | {ratio} |")
    print(f"\nmedians of {args.runs} runs; load average after each run: {'; '.join(loads)}")
    cache.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
