#!/bin/sh
# EPUB fixtures made by pandoc (Debian package `pandoc`; these were made with 2.17) from the
# Markdown in ../sources (written by ../sources.py from the bundled op-ed).
#
#   sh tests/data/epub/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../sources"
cd "$src"
# A 4x4 PNG for the image segment (pandoc embeds the file it is given).
python3 -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\x00' + b'\x20\x60\xc0' * 4 for _ in range(4))
open('chart.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
"
pandoc oped-en.md -t epub3 -o "$here/oped-en.epub"
pandoc oped-en.md -t epub2 -o "$here/oped-en-epub2.epub"
# The Chinese edition opens with a translator's preface the original does not have.
{
  sed -n '1,5p' oped-zh.md
  printf '\n# 译者序\n\n这篇文章发表于二〇二四年八月。译者按原文分段翻译。\n\n'
  sed '1,5d' oped-zh.md
} > oped-zh-preface.md
pandoc oped-zh-preface.md -t epub3 -o "$here/oped-zh.epub"
# Ruby readings (Japanese), written as HTML inside the Markdown.
cat > ruby-ja.md <<'MD'
---
title: 漢字の読み方
lang: ja
---

# 第一章

<ruby>漢字<rt>かんじ</rt></ruby>を<ruby>読<rt>よ</rt></ruby>むのは<ruby>楽<rt>たの</rt></ruby>しい。毎日少しずつ覚えます。
MD
pandoc ruby-ja.md -t epub3 -o "$here/ruby-ja.epub"
rm -f chart.png oped-zh-preface.md ruby-ja.md
