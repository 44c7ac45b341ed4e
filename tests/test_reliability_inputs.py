"""The reliability suite, bad inputs: every case of the corpus (`reliability_cases`) run on
the command line, each command judged: no hang, no traceback, one line naming the file,
the expected exit status, and nothing overwritten or written outside."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_cases import CORPUS, Case, judge, run_cli


@pytest.mark.parametrize("case", CORPUS, ids=[f"{c.category}: {c.name}" for c in CORPUS])
def test_bad_input_gives_one_line_and_harms_nothing(tmp_path: Path, case: Case) -> None:
    problems = []
    for argv, expected in case.make(tmp_path):
        code, out, err = run_cli(argv, timeout=60)
        problem = judge(code, out, err, expected, case.names)
        if problem:
            problems.append(f"reader {' '.join(argv)}: {problem}")
    if case.after is not None:
        left = case.after(tmp_path)
        if left:
            problems.append(left)
    assert not problems, "\n".join(problems)
