#!/usr/bin/env bash
# Cuts small excerpts out of real dictd databases installed by Debian packages and rebuilds
# them with dictfmt + dictzip, so the tests read real entries without the packages:
#   freedict-nld-eng  Debian dict-freedict-nld-eng 2022.04.21-1 (FreeDict, GPL-2+)
#   freedict-ara-eng  Debian dict-freedict-ara-eng 2022.04.21-1 (FreeDict, GPL-2+)
#   wn                Debian dict-wn 1:3.0-37 (WordNet 3.0, Princeton WordNet licence)
# Entries are copied unchanged (dictunformat prints them back as dictfmt's c5 input); only
# the words listed below are kept. Run: bash tests/data/real/dictionaries/make.sh
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f /usr/share/dictd/wn.index ] || ! command -v dictfmt >/dev/null; then
    apt-get install -y dictfmt dictzip dict-freedict-nld-eng dict-freedict-ara-eng dict-wn
fi

excerpt() {  # NAME SHORT WORD...
    local name=$1 short=$2; shift 2
    dictunformat "/usr/share/dictd/$name.index" < <(dictzip -dc "/usr/share/dictd/$name.dict.dz") |
        python3 -c '
import sys
keep = set(sys.argv[1:])
entries = sys.stdin.read().split("_____\n\n")
out = [e for e in entries if e.split("\n", 1)[0] in keep]
sys.stdout.write("".join("_____\n\n" + e for e in out))
' "$@" > "$name.c5"
    dictfmt -c5 --utf8 --allchars --without-headword --without-time -s "$short" \
        -u "Debian /usr/share/dictd/$name (excerpt)" "$name" < "$name.c5"
    rm -f "$name.dict.dz" && dictzip "$name.dict" && rm "$name.c5"
}

excerpt freedict-nld-eng "Dutch-English FreeDict Dictionary ver. 0.2 (excerpt)" \
    nemen overnemen stappen regel opbellen bellen besluiten kar keren omkeren open bedrijf \
    zeggen gezamenlijk ondernemen afspraak
excerpt freedict-ara-eng "Arabic-English FreeDict Dictionary ver. 0.6.3 (excerpt)" \
    كتب كتاب قلم ذكاء تعاون مرة شركة أصعب
excerpt wn "WordNet (r) 3.0 (2006) (excerpt)" \
    stifle level leave left innovation regulation europe open-source embrace
ls -l
