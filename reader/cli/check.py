"""`reader check [PATH...]`: validate glossaries and documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_library_option, library_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "check",
        help="validate glossaries and documents",
        description=(
            "Validate glossary and document files (a library folder, or single files). "
            "Problems are printed as file:line:col: message. Errors (broken YAML, duplicate "
            "keys or terms, wrong types, empty terms, unsafe tags) make the exit status 1; "
            "unknown fields are warnings. Without PATH, checks the library."
        ),
    )
    p.add_argument("paths", metavar="PATH", nargs="*", help="files or folders to check")
    add_library_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.check import check_paths, yaml_files

    paths = [Path(p) for p in args.paths] or [library_from_args(args).root]
    diagnostics = check_paths(paths)
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr if diagnostic.severity == "error" else sys.stdout)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    checked = len(yaml_files(paths))
    print(f"checked {checked} file(s): {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0
