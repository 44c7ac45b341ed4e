#!/bin/sh
# A bilingual EPUB made by bilingual_book_maker's own code (PyPI `bbook_maker`; this one with
# 1.3.1), installed in a throwaway virtual environment outside the repository, with the
# stand-in translator of bbm_standin.py. Input: ../epub/oped-en.epub (made by pandoc).
#
#   sh tests/data/bilingual/make_bbm.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "bbook_maker==1.3.1" pyyaml
"$work/venv/bin/python" - "$root" "$work/table.json" <<'PY'
import json, sys
from pathlib import Path
import yaml
seed = next((Path(sys.argv[1]) / "seeds" / "documents").glob("002_*.yaml"))
doc = yaml.safe_load(seed.read_text(encoding="utf-8"))
table = {
    " ".join(" ".join(s["source"]).split()): "".join(s["target"])
    for s in doc["segments"] if s["kind"] == "paragraph" and s.get("target")
}
table["The two founders wrote this piece together in August 2024.↩︎"] = "两位创始人于二〇二四年八月合写了这篇文章。"
json.dump(table, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
cp "$here/../epub/oped-en.epub" "$work/oped-en.epub"
(cd "$work" && "$work/venv/bin/python" "$here/bbm_standin.py" oped-en.epub table.json > /dev/null)
cp "$work/oped-en_bilingual.epub" "$here/oped-bbm.epub"
