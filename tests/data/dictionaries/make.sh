#!/usr/bin/env bash
# Builds the dictionary fixtures in built/ from the sources in src/ with each format's own
# tools, so the tests read files exactly as real producers write them:
#   dictd     dictfmt + dictzip            (Debian: dictfmt, dictzip)
#   StarDict  stardict-text2bin, tabfile   (Debian: stardict-tools)
#             PyGlossary's StarDict writer (version 3.0.0 files, .syn from `a|b` headwords)
#   Yomitan   PyGlossary's Yomichan writer
# PyGlossary (GPL) is installed into a throwaway virtual environment and used as a tool only.
# Run: bash tests/data/dictionaries/make.sh  (as root for apt-get, or with the tools installed)
set -euo pipefail
cd "$(dirname "$0")"
TOOLS=/usr/lib/stardict-tools
if ! command -v dictfmt >/dev/null || ! command -v dictzip >/dev/null || [ ! -x "$TOOLS/tabfile" ]; then
    apt-get install -y dictfmt dictzip stardict-tools
fi
VENV=$(mktemp -d)/pyglossary
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "pyglossary==4.7.1" beautifulsoup4 lxml
rm -rf built && mkdir -p built/dictd built/dictd-plain built/stardict-text2bin \
    built/stardict-tabfile built/pyglossary-stardict built/pyglossary-yomichan

# dictd: the c5 source format (headwords after a line of underscores); as FreeDict does, the
# definition starts with its own headword line (with the pronunciation).
dictfmt -c5 --utf8 --allchars --without-time --without-headword -s "Sample English (dictfmt)" \
    -u "reader tests/data/dictionaries/src/sample-eng-eng.c5" \
    built/dictd/sample-eng-eng < src/sample-eng-eng.c5
cp built/dictd/sample-eng-eng.index built/dictd/sample-eng-eng.dict built/dictd-plain/
dictzip built/dictd/sample-eng-eng.dict

# StarDict from its textual XML (typed fields: t phonetic, h HTML, g Pango; synonyms).
"$TOOLS/stardict-text2bin" src/sample-nld-eng.xml built/stardict-text2bin/sample-nld-eng.ifo
# StarDict from a tab file (`\n` in a definition is a line break).
cp src/sample-eng-eng.tab built/stardict-tabfile/sample-eng-eng.txt
(cd built/stardict-tabfile && "$TOOLS/tabfile" sample-eng-eng.txt && rm sample-eng-eng.txt)

# PyGlossary: StarDict 3.0.0 with a .syn file, and a Yomichan zip.
"$VENV/bin/pyglossary" src/sample-ara-eng.txt built/pyglossary-stardict/sample-ara-eng.ifo \
    --read-format=Tabfile --write-format=Stardict --no-interactive --name="Sample Arabic (PyGlossary)"
"$VENV/bin/pyglossary" src/sample-ara-eng.txt built/pyglossary-yomichan/sample-ara-eng.zip \
    --read-format=Tabfile --write-format=Yomichan --no-interactive --name="Sample Arabic (PyGlossary)"
rm -rf "$(dirname "$VENV")"
ls -lR built
